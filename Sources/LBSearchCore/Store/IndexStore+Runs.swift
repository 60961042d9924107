import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `runs` history: a row is written when a run starts, in its own transaction, and
/// completed when it ends, so a killed run is visible as one that never ended.
extension IndexStore {
    /// Records the start of a run and returns its id.
    func beginRun(full: Bool, at date: Date = Date()) throws -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO runs(started, full, pid) VALUES (?, ?, ?)",
                arguments: [date.timeIntervalSince1970, full, getpid()])
            let id = db.lastInsertedRowID
            try db.execute(
                sql: "DELETE FROM runs WHERE id <= ?", arguments: [id - Int64(Schema.keptRuns)])
            try Self.startChangeLog(run: id, full: full, db)
            return id
        }
    }

    /// Records how run `id` ended: with `report`, or with `error` (a one-line message).
    func endRun(_ id: Int64, report: IndexReport, error: String? = nil, at date: Date = Date())
        throws
    {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE runs SET ended = ?, result = ?, error = ?, added = ?, updated = ?, moved = ?, removed = ?,
                    unchanged = ?, skipped = ?, tokenized = ?, seconds = ? WHERE id = ?
                    """,
                arguments: [
                    date.timeIntervalSince1970, Self.result(report, error: error),
                    error ?? Self.unavailableNote(report),
                    report.added, report.updated,
                    report.moved, report.removed, report.unchanged, report.skipped,
                    report.tokenized, report.seconds, id,
                ])
        }
    }

    /// Writes the counts of run `id` so far, inside the transaction of the batch they count,
    /// so that a run killed later still shows what it committed.
    static func recordProgress(
        _ id: Int64, _ report: IndexReport, since started: Date, _ db: Database
    ) throws {
        try db.execute(
            sql: """
                UPDATE runs SET added = ?, updated = ?, moved = ?, removed = ?, unchanged = ?, skipped = ?,
                tokenized = ?, seconds = ? WHERE id = ?
                """,
            arguments: [
                report.added, report.updated, report.moved, report.removed, report.unchanged,
                report.skipped,
                report.tokenized, Date().timeIntervalSince(started), id,
            ])
    }

    /// 'ok', 'partial' (some roots could not be read) or 'failed'.
    static func result(_ report: IndexReport, error: String?) -> String {
        error != nil ? "failed" : report.unavailableRoots.isEmpty ? "ok" : "partial"
    }

    /// The roots a partial run could not read, as one line.
    static func unavailableNote(_ report: IndexReport) -> String? {
        guard !report.unavailableRoots.isEmpty else { return nil }
        return report.unavailableRoots.map { "\($0.root) is \($0.state)" }.joined(separator: "; ")
    }

    /// True when some index run has finished without error (the history keeps the last
    /// `Schema.keptRuns` runs).
    public func hasCompletedRun() throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE result = 'ok' LIMIT 1") ?? false
        }
    }

    /// The most recent run, if any.
    public func lastRun() throws -> RunRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs ORDER BY id DESC LIMIT 1").map(
                Self.record)
        }
    }

    /// Every remembered run row, oldest first (to carry the history into a rebuilt index).
    static func runRows(_ db: Database) throws -> [Row] {
        try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id")
    }

    static func insertRunRows(_ rows: [Row], _ db: Database) throws {
        for row in rows {
            let columns = Array(row.columnNames)
            let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            try db.execute(
                sql: "INSERT INTO runs(\(columns.joined(separator: ", "))) VALUES (\(marks))",
                arguments: StatementArguments(Array(row.databaseValues)))
        }
    }

    static func record(_ row: Row) -> RunRecord {
        var report = IndexReport()
        (report.added, report.updated, report.moved) = (row["added"], row["updated"], row["moved"])
        (report.removed, report.unchanged, report.skipped) = (
            row["removed"], row["unchanged"], row["skipped"]
        )
        report.tokenized = row["tokenized"]
        report.seconds = row["seconds"] ?? 0
        let pid: Int32 = row["pid"]
        let ended: Double? = row["ended"]
        var run = RunRecord(
            started: Date(timeIntervalSince1970: row["started"]),
            ended: ended.map(Date.init(timeIntervalSince1970:)),
            full: row["full"], pid: pid,
            outcome: outcome(result: row["result"], error: row["error"], pid: pid), report: report)
        run.id = row["id"]
        return run
    }

    /// A run still marked running whose process is gone was interrupted.
    static func outcome(result: String, error: String?, pid: Int32) -> RunRecord.Outcome {
        switch result {
        case "ok": return .succeeded
        case "failed": return .failed(error ?? "unknown error")
        case "partial": return .partial(error ?? "some roots could not be read")
        default: return isAlive(pid) ? .running : .interrupted
        }
    }

    static func isAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}
