import Foundation
import GRDB

/// The change log (`changes`, see `Schema`): kept by triggers, started and pruned when a run
/// begins, read by `lbsearch export --changes-since`.
extension IndexStore {
    /// Called in the transaction that records run `run`: prunes the log to the last
    /// `Schema.keptRuns` runs, and for a first build (no document yet) starts it after this run
    /// with logging off, since a full export is then the same as the changes.
    ///
    /// A `--full` run leaves the live log alone: its scratch file starts a new one
    /// (`restartChangeLog`) that replaces this one only if the rebuild succeeds.
    static func startChangeLog(run: Int64, full: Bool, _ db: Database) throws {
        let horizon = run - Int64(Schema.keptRuns)
        try db.execute(sql: "DELETE FROM changes WHERE run <= ?", arguments: [horizon])
        if try changesSince(db) < horizon { try setMeta("changes_since", "\(horizon)", db) }
        guard !full else { return }
        let empty = try !(Bool.fetchOne(db, sql: "SELECT 1 FROM documents LIMIT 1") ?? false)
        try setMeta("change_log", empty ? "off" : "on", db)
        if empty {
            try db.execute(sql: "DELETE FROM changes")
            try setMeta("changes_since", "\(run)", db)
        }
    }

    /// Starts a new, empty log after the newest run, and turns logging on: the documents were
    /// all written anew (`--full`, `doctor --repair`), so only a full export is exact.
    static func restartChangeLog(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM changes")
        let newest = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM runs") ?? 0
        try setMeta("changes_since", "\(newest)", db)
        try setMeta("change_log", "on", db)
    }

    /// Turns logging off, for a scratch index whose every document is new.
    static func pauseChangeLog(_ db: Database) throws {
        try setMeta("change_log", "off", db)
    }

    /// The oldest run the log answers for: `--changes-since` accepts it and later runs.
    static func changesSince(_ db: Database) throws -> Int64 {
        let value = try String.fetchOne(
            db, sql: "SELECT value FROM meta WHERE key = 'changes_since'")
        return value.flatMap { Int64($0) } ?? Int64.max
    }

    static func setMeta(_ key: String, _ value: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO meta(key, value) VALUES (?, ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value
                """,
            arguments: [key, value])
    }
}

extension IndexStore {
    /// Hands `each` what the runs after `since` changed, in one read transaction; returns the
    /// last run the export covers.
    ///
    /// First a `.deleted` for every public id that a removed or moved document had (unless a
    /// changed document has that id now), then every added or changed document as it is now,
    /// once.
    ///
    /// Throws `.export(.changesNotKept)` when the log does not reach back to `since` (pruned,
    /// or restarted by `--full`), `.export(.unknownRun)` for a run after the newest.
    public func exportChanges(
        since: Int64, displayBase: String?, _ each: (ExportRecord) throws -> Void
    ) throws -> Int64 {
        try read { db in
            try Self.checkReach(since, db)
            let covered = try Self.coveredRun(db)
            let changed = "SELECT document FROM changes WHERE run > ?1 AND document IS NOT NULL"
            let current = try Self.currentIDs(changed, since, base: displayBase, db)
            for id in try Self.goneIDs(since, base: displayBase, db) where !current.contains(id) {
                try each(.deleted(id: id))
            }
            let rows = try Row.fetchCursor(
                db, sql: "\(Self.exportSelect) WHERE id IN (\(changed)) ORDER BY id",
                arguments: [since])
            while let row = try rows.next() {
                try each(.document(try Self.exported(row, base: displayBase, db)))
            }
            return covered
        }
    }

    /// Throws unless the log holds every change after run `since`.
    static func checkReach(_ since: Int64, _ db: Database) throws {
        let newest = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM runs") ?? 0
        if since > newest { throw LBSearchError.export(.unknownRun(run: since, latest: newest)) }
        let oldest = try changesSince(db)
        if since < oldest {
            throw LBSearchError.export(.changesNotKept(run: since, oldest: oldest))
        }
    }

    /// The public ids, now, of the documents `changed` (a query of ids taking `since`) names.
    static func currentIDs(_ changed: String, _ since: Int64, base: String?, _ db: Database)
        throws -> Set<String>
    {
        var ids = Set<String>()
        let rows = try Row.fetchCursor(
            db, sql: "SELECT path, record FROM documents WHERE id IN (\(changed))",
            arguments: [since])
        while let row = try rows.next() {
            ids.insert(try publicID(path: row["path"], record: row["record"], base: base, db))
        }
        return ids
    }

    /// The public ids that removed and moved documents had, each once, in log order.
    static func goneIDs(_ since: Int64, base: String?, _ db: Database) throws -> [String] {
        var seen = Set<String>()
        var ids: [String] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT path, record, shared FROM changes
                WHERE run > ? AND document IS NULL ORDER BY rowid
                """,
            arguments: [since])
        while let row = try rows.next() {
            let path = DocumentLookup.display(row["path"], base: base)
            let record: String = row["record"]
            let id = record.isEmpty ? path : row["shared"] ? path + "#" + record : record
            if seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }

    /// The public id of the document stored at `path` with `record`, shown from `base`.
    static func publicID(path: String, record: String, base: String?, _ db: Database) throws
        -> String
    {
        let shown = DocumentLookup.display(path, base: base)
        return try DocumentIdentity.id(
            path: path, record: record, displayPath: shown, base: base, db)
    }
}
