/// What `lbsearch doctor` found: the problems, if any, and the one command that fixes them.
public struct HealthReport: Sendable, Hashable {
    /// One problem found in the index, said in words (never as raw SQLite text).
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// SQLite's integrity check found this many damaged pages or structures.
        ///
        /// The stored documents can still be read in full (the damage is in FTS5 data, indexes
        /// or free pages).
        case storage(count: Int)
        /// The stored documents (or the list of indexed files) cannot be read in full.
        ///
        /// Only reading the folders again recovers them.
        case documentsUnreadable
        /// FTS5's integrity check failed: the full-text index disagrees with the documents.
        case fullTextIndex
        /// The index was built with another tokenizer than this lbsearch uses.
        case tokenizer(found: String, expected: String)

        /// The problem as a clause of the one-line error: "its stored documents cannot be read…".
        public var description: String {
            switch self {
            case .storage(let count):
                return
                    "SQLite's integrity check found \(count) damaged page\(count == 1 ? "" : "s") or structure\(count == 1 ? "" : "s")"
            case .documentsUnreadable: return "its stored documents cannot be read in full"
            case .fullTextIndex: return "its full-text index does not match its documents"
            case .tokenizer(let found, let expected):
                return "it was built with tokenizer '\(found)', this lbsearch uses '\(expected)'"
            }
        }

        /// The command that fixes this problem.
        public var remedy: Remedy {
            switch self {
            case .storage, .fullTextIndex: return .repair
            case .documentsUnreadable, .tokenizer: return .rebuild
            }
        }
    }

    /// The one command that fixes a damaged index.
    public enum Remedy: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// `lbsearch doctor --repair`: rebuilds the file from its stored documents.
        case repair
        /// `lbsearch index --full`: reads every root again.
        case rebuild

        /// The command to run, as the error message quotes it.
        public var description: String {
            switch self {
            case .repair: return "lbsearch doctor --repair"
            case .rebuild: return "lbsearch index --full"
            }
        }
    }

    /// Everything the checks found wrong, in the order they were found; empty when healthy.
    public var problems: [Problem]

    /// A report of `problems`; none means the index is healthy.
    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// True when nothing is wrong.
    public var isHealthy: Bool { problems.isEmpty }

    /// The command that fixes every problem found (the stronger one when they differ).
    public var remedy: Remedy? { problems.map(\.remedy).max() }

    /// The problems as one clause: "A and B".
    public var summary: String {
        problems.map(\.description).joined(separator: " and ")
    }
}
