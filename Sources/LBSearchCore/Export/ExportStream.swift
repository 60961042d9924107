import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where `lbsearch export` streams its lines: standard output, or a file written atomically.
///
/// Text is buffered and written in blocks of `blockSize`, so memory stays constant however
/// large the export. A regular file (or a new one) is written into a temporary file in the
/// same folder and renamed over its target by `finish()` only: an export that fails or is
/// interrupted leaves the target as it was and no temporary file behind (`TemporaryFileGuard`
/// removes it on SIGINT, SIGTERM or SIGHUP). As with `OutputFile`, a device, FIFO or
/// `/dev/stdout` is written through, and the index or any SQLite database is refused.
public final class ExportStream {
    /// Bytes gathered before each `write(2)`.
    static let blockSize = 1 << 16

    private let writer: StreamWriter
    /// The file named by `-o`, nil for standard output.
    public let path: String?
    /// The temporary file renamed over `target` by `finish()`, for a regular file.
    private var temporary: String?
    private let target: String?
    private let existing: stat?
    private var buffer: [UInt8] = []
    /// Bytes accepted so far (buffered or written).
    public private(set) var count = 0

    private init(
        descriptor: Int32, path: String?, temporary: String? = nil, target: String? = nil,
        existing: stat? = nil
    ) {
        writer = StreamWriter(descriptor: descriptor)
        self.path = path
        self.temporary = temporary
        self.target = target
        self.existing = existing
        buffer.reserveCapacity(Self.blockSize)
    }

    /// A stream to standard output; a closed pipe is thrown as `StreamWriter.Failure.readerGone`.
    public static func standardOutput() -> ExportStream {
        ExportStream(descriptor: STDOUT_FILENO, path: nil)
    }

    /// A stream to the file `path`; `index` is the index the export reads, never overwritten.
    public static func file(_ path: String, index: String?) throws(LBSearchError) -> ExportStream {
        do {
            return try opened(path, index: index)
        } catch let problem as OutputFile.Problem {
            throw .cannotWriteOutput(path: path, reason: problem)
        } catch {
            throw .cannotWriteOutput(path: path, reason: .system(EIO))
        }
    }

    static func opened(_ path: String, index: String?) throws -> ExportStream {
        if let descriptor = OutputFile.inheritedDescriptor(path) {
            return ExportStream(descriptor: descriptor, path: path)
        }
        var info = stat()
        let exists = stat(path, &info) == 0
        guard exists || errno == ENOENT else { throw OutputFile.Problem.system(errno) }
        let kind = exists ? info.st_mode & S_IFMT : S_IFREG
        if kind == S_IFDIR { throw OutputFile.Problem.folder }
        guard kind == S_IFREG else {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard descriptor >= 0 else { throw OutputFile.Problem.system(errno) }
            return ExportStream(descriptor: descriptor, path: path, target: nil)
        }
        let target = try OutputFile.resolvedLinks(path)
        if exists { try OutputFile.refuseProtected(target, info, index: index) }
        let (descriptor, temporary) = try temporaryFile(beside: target)
        return ExportStream(
            descriptor: descriptor, path: path, temporary: temporary, target: target,
            existing: exists ? info : nil)
    }

    /// A new file `.NAME.lbsearch-XXXXXX` in the folder of `target`, open for writing.
    static func temporaryFile(beside target: String) throws -> (Int32, String) {
        let folder = PathText.folder(of: target)
        let name = PathText.name(of: target)
        var template = Array(
            ((folder.isEmpty ? "." : folder) + "/." + name + ".lbsearch-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw OutputFile.Problem.system(errno) }
        let path = String(
            decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (descriptor, path)
    }

    /// Runs `body` (the export) with the temporary file removed if a signal ends the program.
    public func guarding<T>(_ body: () throws -> T) rethrows -> T {
        guard let temporary else { return try body() }
        return try TemporaryFileGuard.guarding(temporary, body)
    }

    /// Adds `text`; writes a block when enough is gathered.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        count += text.utf8.count
        if buffer.count >= Self.blockSize { try flush() }
    }

    /// Writes what is gathered.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        do {
            try writer.write(Data(buffer))
        } catch {
            guard let path else { throw error }
            throw LBSearchError.cannotWriteOutput(path: path, reason: OutputFile.problem(error))
        }
    }

    /// Writes the rest and, for a file, makes it durable and puts it in place of its target.
    public func finish() throws {
        try flush()
        guard let temporary, let target else {
            if path != nil, OutputFile.inheritedDescriptor(path ?? "") == nil {
                close(writer.descriptor)
            }
            return
        }
        do {
            try OutputFile.fill(writer.descriptor, with: Data(), like: existing)
            guard rename(temporary, target) == 0 else { throw OutputFile.Problem.system(errno) }
            self.temporary = nil
            let folder = PathText.folder(of: target)
            OutputFile.syncFolder(folder.isEmpty ? "." : folder)
        } catch let problem as OutputFile.Problem {
            discard()
            throw LBSearchError.cannotWriteOutput(path: path ?? target, reason: problem)
        }
    }

    /// Removes the temporary file of an export that did not finish (nothing for a stream).
    public func discard() {
        guard let temporary else { return }
        unlink(temporary)
        self.temporary = nil
    }
}
