/// What `lbsearch doctor` found: nothing wrong, or one line per problem.
public struct HealthReport: Sendable, Hashable {
    /// One problem found in the index.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// SQLite's `PRAGMA integrity_check` reported this (pages, b-trees, indexes).
        case storage(String)
        /// FTS5's `integrity-check` failed: the full-text index disagrees with the documents.
        case fullTextIndex
        /// The index was built with another tokenizer than this lbsearch uses.
        case tokenizer(found: String, expected: String)

        public var description: String {
            switch self {
            case .storage(let message):
                return "SQLite integrity check: \(message)"
            case .fullTextIndex:
                return "the full-text index does not match the documents; 'lbsearch doctor --repair' rebuilds it"
            case .tokenizer(let found, let expected):
                return "built with tokenizer '\(found)', this lbsearch uses '\(expected)'; run 'lbsearch index --full'"
            }
        }
    }

    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// True when nothing is wrong.
    public var isHealthy: Bool { problems.isEmpty }
}
