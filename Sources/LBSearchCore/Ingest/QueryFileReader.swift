import Foundation

/// Reads a BEIR `queries.jsonl`: one `{"_id": …, "text": …}` object per line.
public enum QueryFileReader {
    /// One query of the file.
    public struct Entry: Sendable, Hashable {
        /// The query's `_id`, by which relevance judgments name it.
        public var id: String
        /// What to search for; empty when the line has no `text`.
        public var text: String

        /// The query `id` with its `text`.
        public init(id: String, text: String) {
            self.id = id
            self.text = text
        }
    }

    /// The largest queries file read (a BEIR collection's queries are a few megabytes).
    public static let sizeLimit = 256 << 20

    /// The bytes of the file at `path`, read to its end: a regular file, or a pipe, a process
    /// substitution (`<(…)`) or `/dev/stdin`, whose size is unknown until they end.
    public static func contents(of path: String) throws(LBSearchError) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotReadFile(path: path, errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw .cannotReadFile(path: path, errno: EISDIR)
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = systemRead(descriptor, &buffer)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .cannotReadFile(path: path, errno: errno) }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
            if data.count > sizeLimit { throw .cannotReadFile(path: path, errno: EFBIG) }
        }
    }

    /// `read(2)` into `buffer` (the method named `read` hides the system's).
    private static func systemRead(_ descriptor: Int32, _ buffer: inout [UInt8]) -> Int {
        #if canImport(Glibc)
            return Glibc.read(descriptor, &buffer, buffer.count)
        #else
            return Darwin.read(descriptor, &buffer, buffer.count)
        #endif
    }

    /// The queries in `data`, in file order, and the lines that were skipped.
    public static func read(_ data: Data, path: String) -> (queries: [Entry], skips: [Skip]) {
        var queries: [Entry] = []
        var skips: [Skip] = []
        for (index, line) in data.split(
            separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false
        ).enumerated() {
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            let object: [String: Any]
            switch JSONSurrogates.object(Data(line)) {
            case .success(let value): object = value
            case .failure(let reason):
                skips.append(Skip(path: path, line: index + 1, reason: reason))
                continue
            }
            guard let id = JSONLReader.scalarString(object["_id"]), !id.isEmpty else {
                skips.append(Skip(path: path, line: index + 1, reason: .missingID))
                continue
            }
            queries.append(Entry(id: id, text: (object["text"] as? String) ?? ""))
        }
        return (queries, skips)
    }
}
