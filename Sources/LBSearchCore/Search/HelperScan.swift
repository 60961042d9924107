import Foundation
import GRDB

/// Work of a `SplitScan` on its second connection and a thread of its own (the second half's
/// scan, or its share of the phrases' counts): nil when that connection reads another state of
/// the index than the first.
final class HelperScan<Value>: @unchecked Sendable {
    // Unchecked: the starting thread writes nothing after `start`, and reads `outcome` only
    // after `wait`, which the semaphore orders after the helper thread's last write.
    private let work: (Database) throws -> Value
    private let state: FTS5State
    private let database: DatabaseQueue
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<Value?, any Error> = .success(nil)

    init(state: FTS5State, database: DatabaseQueue, work: @escaping (Database) throws -> Value) {
        self.work = work
        self.state = state
        self.database = database
    }

    /// Starts the work on a new thread.
    func start() {
        let thread = Thread { [self] in
            outcome = Result { try database.read { db in try run(db) } }
            done.signal()
        }
        thread.stackSize = ScanThreads.stackSize
        thread.start()
    }

    /// The work's value once it has ended; nil when the states differed.
    func wait() -> Result<Value?, any Error> {
        done.wait()
        return outcome
    }

    private func run(_ db: Database) throws -> Value? {
        guard try FTS5State(db) == state else { return nil }
        return try work(db)
    }
}
