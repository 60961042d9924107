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
