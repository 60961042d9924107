/// Errors a user can act on. Each renders as one line that says what to do.
public enum LBSearchError: Error, Sendable, Equatable, CustomStringConvertible {
    case noIndex(path: String)
    case notAnIndex(path: String)
    case corruptIndex(path: String)
    case newerIndex(path: String)
    /// The index was built before the current tokenizer; `lbsearch index` rebuilds it.
    case outdatedIndex(path: String)
    case cannotOpenIndex(path: String, reason: String)
    case readOnlyIndex(path: String)
    /// Another process holds the writer lock; `pid` is the one it recorded, when known.
    case indexBusy(path: String, pid: Int32?)
    /// Writing failed part-way (disk full, I/O error); the index keeps its last committed state.
    case writeFailed(path: String, reason: String)
    case emptyQuery
    case noRoots
    case rootNotFound(path: String)
    case cannotWriteOutput(path: String, reason: String)
    case invalidOption(String)
    case onlyExclusions
    case invalidDate(String)

    public var description: String {
        switch self {
        case .noIndex(let path):
            return "no index at \(path); build one with 'lbsearch index FOLDER'"
        case .notAnIndex(let path):
            return "\(path) is not an lbsearch index; choose another file with --index"
        case .corruptIndex(let path):
            return "the index at \(path) is damaged; try 'lbsearch doctor --repair', else delete it and run 'lbsearch index FOLDER' again"
        case .newerIndex(let path):
            return "the index at \(path) was written by a newer lbsearch; upgrade lbsearch or rebuild the index"
        case .outdatedIndex(let path):
            return "the index at \(path) was built by an older lbsearch; run 'lbsearch index' to rebuild it"
        case .cannotOpenIndex(let path, let reason):
            return "cannot open the index at \(path): \(reason)"
        case .readOnlyIndex(let path):
            return "the index at \(path) is read-only; check its permissions or choose another file with --index"
        case .indexBusy(let path, let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "\(holder) is already indexing \(path); try again later or wait with --wait SECONDS"
        case .writeFailed(let path, let reason):
            return "could not write the index at \(path): \(reason); it keeps its previous state"
        case .emptyQuery:
            return "the query has no words to search for; try 'lbsearch \"AI art\"'"
        case .noRoots:
            return "nothing to index; give a folder or file, e.g. 'lbsearch index ~/notes'"
        case .rootNotFound(let path):
            return "\(path) does not exist; give an existing folder or file to index"
        case .cannotWriteOutput(let path, let reason):
            return "cannot write \(path): \(reason); choose another path with --output"
        case .invalidOption(let message):
            return message
        case .onlyExclusions:
            return "the query only excludes; add a word to look for, e.g. 'anime -manga'"
        case .invalidDate(let value):
            return "'\(value)' is not a date; use date:2025, date:2025-03, date:2025-03-09 or date:2024-01..2025-06"
        }
    }
}
