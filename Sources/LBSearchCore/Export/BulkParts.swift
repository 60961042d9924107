import Foundation

/// Splits a bulk export into bodies of at most `maxBytes` bytes each, never splitting the
/// lines of one document.
///
/// To files (`-o STEM.EXT`) the parts are `STEM-0001.EXT`, `STEM-0002.EXT`, … (always
/// numbered, even when there is one), each written atomically as it is complete; numbered
/// parts left by an earlier, larger export are removed at the end. A document larger than
/// `maxBytes` gets a part of its own (`onOversized` hears its id). To standard output a part is
/// held in memory until the export ends, so an export that would need several parts writes
/// nothing and throws `.export(.splitToStandardOutput)`.
public final class BulkParts {
    /// `--max-bytes` when not given: 10 MB, under the engines' default request limits
    /// (OpenSearch and Elasticsearch `http.max_content_length` is 100 MB).
    public static let defaultMaxBytes = 10_000_000

    let maxBytes: Int
    /// `-o FILE`, nil for standard output.
    let output: String?
    let index: String?
    let onOversized: (String) -> Void
    private var current: ExportStream?
    private var currentBytes = 0
    private var held = ""
    /// The parts written so far (files), or 1 while standard output holds one.
    public private(set) var parts = 0

    /// Parts for `output` (nil: standard output); `index` is never overwritten.
    public init(
        maxBytes: Int, output: String?, index: String?,
        onOversized: @escaping (String) -> Void = { _ in }
    ) {
        self.maxBytes = maxBytes
        self.output = output
        self.index = index
        self.onOversized = onOversized
    }

    /// The file of part `number` (from 1) of `output`: `STEM-0001.EXT`.
    public static func partPath(_ output: String, _ number: Int) -> String {
        let name = output as NSString
        let stem = name.deletingPathExtension
        let suffix = name.pathExtension.isEmpty ? "" : "." + name.pathExtension
        return stem + "-" + String(format: "%04d", number) + suffix
    }

    /// Adds the lines of one record (`BulkExport.lines`), starting a new part when they would
    /// not fit in the current one.
    public func add(_ lines: String, id: String) throws {
        let size = lines.utf8.count
        if size > maxBytes { onOversized(id) }
        if currentBytes > 0, currentBytes + size > maxBytes { try startPart() }
        if current == nil, output != nil { try startPart() }
        currentBytes += size
        if let current { try current.write(lines) } else { held += lines }
    }

    /// Puts the current part in place and opens the next; standard output has only one.
    func startPart() throws {
        guard let output else {
            throw LBSearchError.export(.splitToStandardOutput(maxBytes: maxBytes))
        }
        try current?.finish()
        parts += 1
        current = try ExportStream.file(Self.partPath(output, parts), index: index)
        currentBytes = 0
    }

    /// Writes the last part, and removes numbered parts of an earlier export beyond it.
    public func finish(standardOutput: ExportStream) throws {
        guard let output else {
            try standardOutput.write(held)
            return try standardOutput.finish()
        }
        if current == nil { try startPart() }  // An empty export is one empty part.
        try current?.finish()
        var stale = parts + 1
        while unlink(Self.partPath(output, stale)) == 0 { stale += 1 }
    }

    /// Removes the temporary file of the part being written (an export that failed).
    public func discard() {
        current?.discard()
    }
}
