/// Errors a user can act on. Each renders as one line that says what to do.
public enum LBSearchError: Error, Sendable, Equatable, CustomStringConvertible {
    case noIndex(path: String)
    case notAnIndex(path: String)
    case corruptIndex(path: String)
    /// The doctor's findings: what is wrong, and the one command that fixes it.
    case damagedIndex(path: String, report: HealthReport)
    case newerIndex(path: String)
    /// The index needs a migration, which only a writer (`lbsearch index`) does.
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
    /// `--forget` named a path that is not one of the index's roots.
    case notARoot(path: String)
    /// `--full` cannot rebuild a root it cannot read without losing its documents.
    case rootUnavailable(RootStatus)
    case cannotWriteOutput(path: String, reason: String)
    /// Standard output could not be written (full disk, device error, file size limit).
    case outputFailed(reason: String)
    case invalidOption(String)
    case onlyExclusions
    /// The query's first `limit` words, the ones read, only exclude.
    case onlyExclusionsRead(limit: Int)
    case invalidDate(String)

    public var description: String {
        switch self {
        case .noIndex(let path):
            return "no index at \(path); build one with 'lbsearch index FOLDER'"
        case .notAnIndex(let path):
            return "\(path) is not an lbsearch index; choose another file with --index"
        case .corruptIndex(let path):
            return
                "the index at \(path) is damaged; rebuild it with '\(HealthReport.Remedy.rebuild)'"
        case .damagedIndex(let path, let report):
            return
                "the index at \(path) is damaged: \(report.summary); fix it with '\(report.remedy ?? .rebuild)'"
        case .newerIndex(let path):
            return
                "the index at \(path) was written by a newer lbsearch; upgrade lbsearch or rebuild the index"
        case .outdatedIndex(let path):
            return
                "the index at \(path) was written by an older lbsearch; update it with 'lbsearch index'"
        case .cannotOpenIndex(let path, let reason):
            return "cannot open the index at \(path): \(reason)"
        case .readOnlyIndex(let path):
            return
                "the index at \(path) is read-only; check its permissions or choose another file with --index"
        case .indexBusy(let path, let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return
                "\(holder) is already indexing \(path); try again later or wait with --wait SECONDS"
        case .writeFailed(let path, let reason):
            return "could not write the index at \(path): \(reason); it keeps its previous state"
        case .emptyQuery:
            return "the query has no words to search for; try 'lbsearch \"AI art\"'"
        case .noRoots:
            return "nothing to index; give a folder or file, e.g. 'lbsearch index ~/notes'"
        case .rootNotFound(let path):
            return "\(path) does not exist; give an existing folder or file to index"
        case .notARoot(let path):
            return "\(path) is not an indexed root; 'lbsearch status' lists them"
        case .rootUnavailable(let root):
            return "cannot rebuild: root \(root.root) is \(root.state); bring it back, "
                + "or remove its \(root.documents) documents with 'lbsearch index --forget \(root.root)'"
        case .cannotWriteOutput(let path, let reason):
            return "cannot write \(path): \(reason); choose another path with --output"
        case .outputFailed(let reason):
            return "could not write the output: \(reason)"
        case .invalidOption(let message):
            return message
        case .onlyExclusions:
            return "the query only excludes; add a word to look for, e.g. 'anime -manga'"
        case .onlyExclusionsRead(let limit):
            return
                "the first \(limit) words of the query, the ones read, only exclude; put a word to look for first"
        case .invalidDate(let value):
            return
                "'\(value)' is not a date; use date:2025, date:2025-03, date:2025-03-09 or date:2024-01..2025-06"
        }
    }
}
