import Foundation
import GRDB
import GRDBSQLite

/// The time one search may take.
///
/// While a bounded statement runs, SQLite's progress handler
/// (C API "Query Progress Callbacks", `sqlite3_progress_handler`) looks at the clock every
/// `checkInterval` virtual-machine steps and interrupts the statement once its deadline has
/// passed; the statement then fails with `SQLITE_INTERRUPT` and the caller keeps what it had.
///
/// Stages get a share of the budget (`fraction`), so a first pass (expansion feedback) cannot
/// leave nothing for the ranking that follows it. Without a limit nothing is installed.
final class QueryBudget {
    /// Virtual-machine steps between two looks at the clock.
    static let checkInterval: Int32 = 1_000

    /// The budget in seconds; nil means none.
    let seconds: Double?
    let start: UInt64
    /// The current statement's deadline (uptime nanoseconds), read by the progress handler.
    fileprivate var deadline: UInt64 = .max
    /// True once the candidate scan was stopped short: the results are incomplete.
    var cut = false

    init(seconds: Double?) {
        self.seconds = seconds.flatMap { $0 > 0 ? $0 : nil }
        start = DispatchTime.now().uptimeNanoseconds
    }

    private init(seconds: Double?, start: UInt64) {
        self.seconds = seconds
        self.start = start
    }

    /// A budget with the same start and length, and deadlines of its own: for a connection on
    /// another thread that arms its own stages (`SuggestionAhead`).
    func sharingStart() -> QueryBudget {
        QueryBudget(seconds: seconds, start: start)
    }

    /// True when the part of the budget up to `fraction` has been spent.
    func isSpent(upTo fraction: Double = 1) -> Bool {
        DispatchTime.now().uptimeNanoseconds >= deadline(fraction)
    }

    func deadline(_ fraction: Double) -> UInt64 {
        guard let seconds else { return .max }
        // Budgets are capped at about a year (3e7 s): longer ones would overflow nanoseconds.
        let nanoseconds = min(max(0, seconds * fraction), 3e7) * 1e9
        return start + UInt64(nanoseconds)
    }

    /// Runs `body` interrupted at the `fraction` of the budget; nil when it was interrupted.
    func bounded<T>(_ db: Database, upTo fraction: Double = 1, _ body: () throws -> T) throws -> T?
    {
        guard seconds != nil else { return try body() }
        arm(upTo: fraction)
        return try underDeadline(db, body)
    }

    /// Sets the deadline of the statements that follow to the `fraction` of the budget.
    func arm(upTo fraction: Double = 1) {
        deadline = deadline(fraction)
    }

    /// Runs `body` interrupted at the deadline `arm` last set, which it leaves as it is; nil
    /// when it was interrupted.
    ///
    /// Two connections may each run under it on a thread of their own (`SplitScan`): the
    /// progress handler of each only reads the deadline.
    func underDeadline<T>(_ db: Database, _ body: () throws -> T) throws -> T? {
        guard seconds != nil else { return try body() }
        guard DispatchTime.now().uptimeNanoseconds < deadline else { return nil }
        install(db)
        defer { sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil) }
        do {
            return try body()
        } catch let error where StorageFault(error) == .interrupted {
            return nil
        }
    }

    func install(_ db: Database) {
        sqlite3_progress_handler(
            db.sqliteConnection, Self.checkInterval,
            { context in
                guard let context else { return 0 }
                let budget = Unmanaged<QueryBudget>.fromOpaque(context).takeUnretainedValue()
                return DispatchTime.now().uptimeNanoseconds >= budget.deadline ? 1 : 0
            }, Unmanaged.passUnretained(self).toOpaque())
    }
}
