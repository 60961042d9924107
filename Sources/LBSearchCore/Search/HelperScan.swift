import Foundation
import GRDB

/// The second half of a `SplitScan`, on its own connection and thread: nil when that
/// connection reads another state of the index than the first.
final class HelperScan: @unchecked Sendable {
    // Unchecked: the starting thread writes nothing after `start`, and reads `outcome` only
    // after `wait`, which the semaphore orders after the helper thread's last write.
    private let query: CandidateQuery
    private let state: FTS5State
    private let database: DatabaseQueue
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<ScannedRows?, any Error> = .success(nil)

    /// Stack of the helper thread: SQLite's and the ranking's frames, as on a main thread.
    static let stackSize = 8 << 20

    init(query: CandidateQuery, state: FTS5State, database: DatabaseQueue) {
        self.query = query
        self.state = state
        self.database = database
    }

    /// Starts the scan on a new thread.
    func start() {
        let thread = Thread { [self] in
            outcome = Result { try database.read { db in try scan(db) } }
            done.signal()
        }
        thread.stackSize = Self.stackSize
        thread.start()
    }

    /// The scan's rows once it has ended; nil when the states differed.
    func wait() -> Result<ScannedRows?, any Error> {
        done.wait()
        return outcome
    }

    private func scan(_ db: Database) throws -> ScannedRows? {
        guard try FTS5State(db) == state else { return nil }
        return try SplitScan.scan(query, db)
    }
}
