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
        var reader = LineReader(data, path: path, known: known, threads: threads)
        return reader.next(bytes: .max)
    }

    /// A JSONL file's lines read some at a time (`next(bytes:)`), so that a large file is
    /// prepared in parts; an `_id` met in an earlier part makes a later line a duplicate, as
    /// when the file is read at once.
    struct LineReader: Sendable {
        let path: String
        /// Content hash to `_id` of the records the index holds for the file (`read`).
        let known: [String: String]
        /// Threads that parse a part's lines (`JSONLLine.all`).
        let threads: Int
        /// The file's bytes, which `lines` are slices of.
        private let data: Data
        private let lines: [Data]
        private var index = 0
        /// The `_id` of every record read so far.
        private(set) var seen: Set<String> = []

        /// A reader at the first line of `data`.
        init(
            _ data: Data, path: String, known: [String: String],
            threads: Int = ProcessInfo.processInfo.activeProcessorCount
        ) {
            (self.path, self.known, self.threads, self.data) = (path, known, threads, data)
            lines = JSONLReader.lines(data)
            skipBlankLines()
        }

        /// Bytes of the lines not read yet.
        private var remaining: Int {
            guard index < lines.count, let last = lines.last else { return 0 }
            return last.endIndex - lines[index].startIndex
        }

        /// True when every line has been read.
        var isAtEnd: Bool { index >= lines.count }

        /// The records and skips of the next lines: at least one, and about `bytes` bytes of
        /// them at most, the rest of the file being cut into parts of even size (9 MB in parts
        /// of at most 4 MB is three parts of 3 MB, not 4, 4 and 1).
        mutating func next(bytes: Int) -> (records: [Record], skips: [Skip]) {
            let left = remaining
            let part = left <= bytes ? left : left / ((left + bytes - 1) / bytes)
            var end = index
            var read = 0
            while end < lines.count, read == 0 || read < part {
                read += lines[end].count + 1
                end += 1
            }
            let chunk = Array(lines[index..<end])
            let parsed = JSONLLine.all(chunk, of: data, known: known, threads: threads)
            var records: [Record] = []
            var skips: [Skip] = []
            for (offset, line) in chunk.enumerated() {
                if let record = JSONLReader.record(
                    line, index + offset + 1, parsed[offset], path, known, &seen, &skips)
                {
                    records.append(record)
                }
            }
            index = end
            skipBlankLines()
            return (records, skips)
        }

        /// Moves past blank lines, so that a final newline leaves no empty part.
        private mutating func skipBlankLines() {
            while index < lines.count, JSONLReader.isBlank(lines[index]) { index += 1 }
        }
    }

    /// True when `line` holds a NUL byte, which JSON text never does (RFC 8259, section 7: a
    /// control character in a string is escaped): such a line is malformed JSON, found before
    /// it is copied.
    ///
    /// A sparse or binary file is one long line of them: a 300 MB sparse `.jsonl` was copied
    /// three times over (947 MB max RSS) only to be found not JSON.
    static func holdsNUL(_ line: Data) -> Bool {
        line.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, 0, buffer.count) != nil
        }
    }

    static func isBlank(_ line: Data) -> Bool {
        line.allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 }
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

    /// The record of one line, or why it is skipped.
    static func parse(_ line: Data) -> Result<(String, Extracted), SkipReason> {
        parse(line, fast: true)
    }

    /// `parse(_:)`; with `fast`, a line of the common shape is read by `JSONRecordScanner` and
    /// checked for UTF-8 without a copy, else every line is read as before the scanner, by
    /// Foundation (the benchmark and the tests compare the two).
    static func parse(_ line: Data, fast: Bool) -> Result<(String, Extracted), SkipReason> {
        if holdsNUL(line) { return .failure(.malformedJSON) }
        guard
            fast
                ? isUTF8(line)
                : UTF8Scan.isASCII(line) || String(data: line, encoding: .utf8) != nil
        else {
            return .failure(.invalidEncoding)
        }
        if fast, let object = JSONRecordScanner.object(line) { return record(object) }
        switch JSONSurrogates.object(line) {
        case .success(let object): return record(object)
        case .failure(let reason): return .failure(reason)
        }
    }

    /// `lines(_:)`, for `lbsearch-bench jsonl`.
    @_spi(Benchmarks) public static func benchmarkLines(_ data: Data) -> [Data] { lines(data) }

    /// `parse(_:fast:)`, for `lbsearch-bench jsonl`.
    @_spi(Benchmarks) public static func benchmarkParse(_ line: Data, fast: Bool) -> Result<
        (String, Extracted), SkipReason
    > {
        parse(line, fast: fast)
    }

    /// `hashes(of:in:)`, for `lbsearch-bench jsonl`.
    @_spi(Benchmarks) public static func benchmarkHashes(_ lines: [Data], of data: Data)
        -> [String]
    {
        hashes(of: lines, in: data)
    }

    /// The content hash of each of `lines`, slices of `data`, four at a time
    /// (`ContentHash.of(_:in:)`).
    static func hashes(of lines: [Data], in data: Data) -> [String] {
        let first = data.startIndex
        return data.withUnsafeBytes { bytes in
            ContentHash.of(
                lines.map { ($0.startIndex - first)..<($0.endIndex - first) }, in: bytes)
        }
    }

    /// True when the JSON object of `line` is read by `JSONRecordScanner` (`fast`) or by
    /// Foundation, for `lbsearch-bench jsonl`.
    @_spi(Benchmarks) public static func benchmarkObject(_ line: Data, fast: Bool) -> Bool {
        fast
            ? JSONRecordScanner.object(line) != nil
            : (try? JSONSurrogates.object(line).get()) != nil
    }

    /// True when `line` is valid UTF-8, checked in place (`String(data:encoding:)` copies it).
    static func isUTF8(_ line: Data) -> Bool {
        line.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return UTF8Scan.isASCII(bytes) || (try? UTF8Span(validating: bytes.span)) != nil
        }
    }

    /// The `_id` and fields of a record's JSON object, or why it is skipped.
    static func record(_ object: [String: Any]) -> Result<(String, Extracted), SkipReason> {
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

    /// Every line of `lines` (slices of `data`) read on up to `threads` threads, each taking
    /// every n-th line: first the hashes of its lines, four at a time (`ContentHash.of(_:in:)`),
    /// then the lines.
    static func all(_ lines: [Data], of data: Data, known: [String: String], threads: Int)
        -> [JSONLLine]
    {
        let workers = max(1, min(threads, lines.count / 16))
        let hashes = Striped.map(workers, workers: workers) { worker, _ in
            JSONLReader.hashes(
                of: stride(from: worker, to: lines.count, by: workers).map { lines[$0] }, in: data)
        }
        return Striped.map(lines.count, workers: workers) { index, _ in
            JSONLLine(lines[index], hash: hashes[index % workers][index / workers], known: known)
        }
    }

    /// One line read, whose content hash is `hash`: blank, known by its hash, or parsed.
    init(_ line: Data, hash: String, known: [String: String]) {
        if JSONLReader.isBlank(line) {
            self = .blank
            return
        }
        if known[hash] != nil {
            self = .known(hash: hash)
        } else {
            self = .read(JSONLReader.parse(line), hash: hash)
        }
    }
}
