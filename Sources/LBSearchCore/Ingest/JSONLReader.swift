import Foundation

/// Reads BEIR-style JSON Lines: one object per line, with `_id`, `title` and `text`.
///
/// `date`, `source`, `url` and `tags` are optional. Bad lines are reported with their line
/// number and skipped.
public enum JSONLReader {
    /// One record: its document fields and the bytes it was read from (for its content hash).
    public struct Record: Sendable {
        /// The record's `_id`, unique within its file.
        public var id: String
        /// The 1-based line of the file that holds the record.
        public var line: Int
        /// The record's title, text and metadata.
        public var extracted: Extracted
        /// Content hash of the record's line, which tells when the record changed.
        public var hash: String
        /// Length of the record's line in bytes.
        public var size: Int64
        /// True when the line hashes to a record the index already holds (`read`'s `known`):
        /// it was not parsed, and `extracted` is empty.
        public var isKnown = false
    }

    /// The records of a JSONL file's bytes, and the lines that were skipped.
    ///
    /// A line whose content hash is a key of `known` (content hash to `_id`, the records the
    /// index holds for the file) is that record unchanged: it is not parsed (`Record.isKnown`).
    public static func read(_ data: Data, path: String, known: [String: String] = [:]) -> (
        records: [Record], skips: [Skip]
    ) {
        read(data, path: path, known: known, threads: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `read(_:path:known:)` with the lines parsed on up to `threads` threads; the records,
    /// skips and their order do not depend on it.
    static func read(_ data: Data, path: String, known: [String: String], threads: Int) -> (
        records: [Record], skips: [Skip]
    ) {
        let lines = lines(data)
        let parsed = JSONLLine.all(lines, known: known, threads: threads)
        var records: [Record] = []
        var skips: [Skip] = []
        var seen: Set<String> = []
        for (index, line) in lines.enumerated() {
            if let record = record(
                line, index + 1, parsed[index], path, known, &seen, &skips)
            {
                records.append(record)
            }
        }
        return (records, skips)
    }

    /// The record on line `lineNumber`, which the parallel pass found `parsed`, or nil with its
    /// skip added to `skips` (none for a blank line); lines must come in order, for `seen`.
    static func record(
        _ line: Data, _ lineNumber: Int, _ parsed: JSONLLine, _ path: String,
        _ known: [String: String], _ seen: inout Set<String>, _ skips: inout [Skip]
    ) -> Record? {
        let result: Result<(String, Extracted), SkipReason>
        let hash: String
        switch parsed {
        case .blank:
            return nil
        case .known(let lineHash):
            if let id = known[lineHash], seen.insert(id).inserted {
                return Record(
                    id: id, line: lineNumber, extracted: Extracted(body: ""), hash: lineHash,
                    size: Int64(line.count), isKnown: true)
            }
            (result, hash) = (parse(line), lineHash)
        case .read(let lineResult, let lineHash):
            (result, hash) = (lineResult, lineHash)
        }
        switch result {
        case .failure(let reason):
            skips.append(Skip(path: path, line: lineNumber, reason: reason))
        case .success(let (id, extracted)):
            guard seen.insert(id).inserted else {
                skips.append(Skip(path: path, line: lineNumber, reason: .duplicateID(id)))
                return nil
            }
            return Record(
                id: id, line: lineNumber, extracted: extracted, hash: hash,
                size: Int64(line.count))
        }
        return nil
    }

    /// The lines of `data` (without their `\n`, an empty one after a final `\n`), as
    /// `split(separator:omittingEmptySubsequences: false)` makes them, found with `memchr`:
    /// the generic split reads a `Data` byte by byte through its index.
    static func lines(_ data: Data) -> [Data] {
        var bounds: [Range<Int>] = []
        data.withUnsafeBytes { buffer in
            var start = 0
            if let base = buffer.baseAddress {
                while start < buffer.count,
                    let found = memchr(base + start, 0x0A, buffer.count - start)
                {
                    let end = base.distance(to: UnsafeRawPointer(found))
                    bounds.append(start..<end)
                    start = end + 1
                }
            }
            bounds.append(start..<buffer.count)
        }
        let first = data.startIndex
        return bounds.map { data[(first + $0.lowerBound)..<(first + $0.upperBound)] }
    }

    static func parse(_ line: Data) -> Result<(String, Extracted), SkipReason> {
        guard UTF8Scan.isASCII(line) || String(data: line, encoding: .utf8) != nil else {
            return .failure(.invalidEncoding)
        }
        let object: [String: Any]
        switch JSONSurrogates.object(line) {
        case .success(let value): object = value
        case .failure(let reason): return .failure(reason)
        }
        guard let id = scalarString(object["_id"]), !id.isEmpty else { return .failure(.missingID) }
        var extracted = Extracted(body: normalized(object["text"]))
        extracted.title = TitleFinder.clean(normalized(object["title"]))
        extracted.date = scalarString(object["date"]).flatMap(DateNormalizer.iso)
        extracted.source = TitleFinder.clean(scalarString(object["source"]))
        extracted.url = TitleFinder.clean(scalarString(object["url"]))
        if let tags = object["tags"] as? [Any] {
            extracted.tags = tags.compactMap(scalarString).filter { !$0.isEmpty }
        } else if let tags = object["tags"] as? String {
            extracted.tags = Extracted.splitTags(tags)
        }
        if extracted.body.isEmpty, extracted.title == nil { return .failure(.noText) }
        return .success((id, extracted))
    }

    static func scalarString(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    static func normalized(_ value: Any?) -> String {
        guard let text = value as? String else { return "" }
        // Not `ascii: true`: the one pass of `normalize` steps over ASCII as fast as a check.
        return TextLines.trimmed(TextDecoder.normalize(text, ascii: false))
    }
}

/// What the parallel pass of `JSONLReader.read` found on one line, before one thread puts the
/// records in order (the first of an `_id` wins; known records are kept).
enum JSONLLine: Sendable {
    /// Only spaces, tabs or a carriage return.
    case blank
    /// A line whose content hash the index holds (not parsed).
    case known(hash: String)
    /// A line parsed, and its content hash.
    case read(Result<(String, Extracted), SkipReason>, hash: String)

    /// Every line of `lines` read on up to `threads` threads, each taking every n-th line.
    static func all(_ lines: [Data], known: [String: String], threads: Int) -> [JSONLLine] {
        let workers = max(1, min(threads, lines.count / 16))
        var parsed = [JSONLLine](repeating: .blank, count: lines.count)
        parsed.withUnsafeMutableBufferPointer { buffer in
            let output = JSONLLines(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: lines.count, by: workers) {
                    output.buffer[index] = JSONLLine(lines[index], known: known)
                }
            }
        }
        return parsed
    }

    /// One line read: blank, known by its hash, or parsed.
    init(_ line: Data, known: [String: String]) {
        if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
            self = .blank
            return
        }
        let hash = ContentHash.of(line)
        if known[hash] != nil {
            self = .known(hash: hash)
        } else {
            self = .read(JSONLReader.parse(line), hash: hash)
        }
    }
}

/// The results of `JSONLLine.all`, each thread writing at its own indices.
private struct JSONLLines: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<JSONLLine>
}
