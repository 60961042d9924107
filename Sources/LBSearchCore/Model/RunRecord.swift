import Foundation

/// One `lbsearch index` run, as the index remembers it.
public struct RunRecord: Sendable, Hashable {
    /// How a run ended.
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        /// Still running: its process is alive.
        case running
        case succeeded
        /// Updated what it could; these roots could not be read and kept their documents.
        case partial(String)
        /// Failed with this one-line error; the index kept its last committed state.
        case failed(String)
        /// Its process is gone without finishing (killed, power loss).
        ///
        /// Work up to its last committed batch was kept.
        case interrupted

        /// The outcome as `status` shows it: `ok`, `partial: …`, `failed: …`, `interrupted`.
        public var description: String {
            switch self {
            case .running: return "running"
            case .succeeded: return "ok"
            case .partial(let message): return "partial: \(message)"
            case .failed(let message): return "failed: \(message)"
            case .interrupted: return "interrupted"
            }
        }
    }

    /// Its id, the RUN of `lbsearch export --changes-since RUN`.
    public var id: Int64 = 0
    /// When the run started.
    public var started: Date
    /// When it ended; nil while running, or for a run that was killed.
    public var ended: Date?
    /// True for `--full`.
    public var full: Bool
    /// The process that ran it.
    public var pid: Int32
    /// How the run ended, or `running`.
    public var outcome: Outcome
    /// The counts: final for a run that ended, committed so far for one running or interrupted.
    public var report: IndexReport

    /// A run as the index stores it.
    public init(
        started: Date, ended: Date?, full: Bool, pid: Int32, outcome: Outcome, report: IndexReport
    ) {
        self.started = started
        self.ended = ended
        self.full = full
        self.pid = pid
        self.outcome = outcome
        self.report = report
    }
}
