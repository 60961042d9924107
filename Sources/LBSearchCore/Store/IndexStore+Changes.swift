import Foundation
import GRDB

/// The change log (`changes`, see `Schema`): kept by triggers, started and pruned when a run
/// begins, read by `lbsearch export --changes-since`.
extension IndexStore {
    /// Called in the transaction that records run `run`: prunes the log to the last
    /// `Schema.keptRuns` runs, and for a first build (no document yet) starts it after this run,
    /// since a full export is then the same as the changes; rows of runs the log no longer
    /// answers for are deleted.
    ///
    /// A `--full` run leaves the live log alone: its scratch file starts a new one
    /// (`restartChangeLog`) that replaces this one only if the rebuild succeeds.
    static func startChangeLog(run: Int64, full: Bool, _ db: Database) throws {
        // Rows a killed run left unassigned are that run's: the newest before this one.
        try db.execute(
            sql:
                "UPDATE changes SET run = (SELECT max(id) FROM runs WHERE id < ?1) WHERE run IS NULL",
            arguments: [run])
        let horizon = run - Int64(Schema.keptRuns)
        if try changesSince(db) < horizon { try setMeta("changes_since", "\(horizon)", db) }
        let empty = try !(Bool.fetchOne(db, sql: "SELECT 1 FROM documents LIMIT 1") ?? false)
        if !full, empty { try setMeta("changes_since", "\(run)", db) }
        try db.execute(
            sql: "DELETE FROM changes WHERE run <= ?",
            arguments: [try changesSince(db)])
    }

    /// Deletes the rows the log does not answer for, `run`'s own (`run` NULL) included when
    /// the log starts after it (a first build), as the next run's `startChangeLog` would.
    ///
    /// Called before a first build's `VACUUM`, which gives their pages back.
    static func dropUnanswered(run: Int64, _ db: Database) throws {
        try db.execute(
            sql: "DELETE FROM changes WHERE coalesce(run, ?) <= ?",
            arguments: [run, try changesSince(db)])
    }

    /// Gives the rows run `run` wrote (`run` NULL) its id, in the transaction that ends it.
    static func closeChangeLog(run: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE changes SET run = ? WHERE run IS NULL", arguments: [run])
    }

    /// Starts a new, empty log after the newest run: the documents were all written anew
    /// (`--full`, `doctor --repair`), so only a full export is exact.
    static func restartChangeLog(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM changes")
        let newest = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM runs") ?? 0
        try setMeta("changes_since", "\(newest)", db)
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
    /// document now has that id), then every added or changed document as it is now, once, in
    /// path and record order.
    /// An `_id` whose holders changed (one removed, or now shared) may have changed the public
    /// id of its other holders too: they are exported again, and the other form of their id
    /// (`_id` or `PATH#_id`) deleted, which an engine that never had it answers with not found.
    public func exportChanges(
        since: Int64, displayBase: String?, _ each: (ExportRecord) throws -> Void
    ) throws -> Int64 {
        try read { db in
            try Self.checkReach(since, db)
            let covered = try Self.coveredRun(db)
            let (current, others) = try Self.affectedIDs(since, base: displayBase, db)
            let gone = try Self.goneIDs(since, base: displayBase, db)
            var seen = Set<String>()
            for id in gone + others where !current.contains(id) && seen.insert(id).inserted {
                try each(.deleted(id: id))
            }
            let rows = try Row.fetchCursor(
                db, sql: "\(Self.exportSelect) WHERE \(Self.affected) ORDER BY path, record",
                arguments: [since])
            while let row = try rows.next() {
                try each(.document(try Self.exported(row, base: displayBase, db)))
            }
            return covered
        }
    }

    /// The documents a change export writes (`?1` is the run): those the log names, and the
    /// holders of an `_id` whose holders changed (found through the partial index
    /// `documents_record`, whose condition the lookups repeat, `Schema`).
    static let affected = """
        id IN (SELECT document FROM changes WHERE (run > ?1 OR run IS NULL))
        OR record <> '' AND record IN (
            SELECT c.record FROM changes c LEFT JOIN documents g ON g.id = c.document
            WHERE (c.run > ?1 OR c.run IS NULL) AND c.path IS NOT NULL AND c.record <> ''
              AND (g.id IS NULL OR g.path <> c.path OR g.record <> c.record)
            UNION SELECT d.record FROM documents d
            WHERE d.id IN (SELECT document FROM changes WHERE (run > ?1 OR run IS NULL) AND path IS NULL)
              AND d.record <> ''
              AND (SELECT count(*) FROM (SELECT 1 FROM documents WHERE record = d.record AND record <> '' LIMIT 2)) = 2)
        """

    /// Throws unless the log holds every change after run `since`.
    static func checkReach(_ since: Int64, _ db: Database) throws {
        let newest = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM runs") ?? 0
        if since > newest { throw LBSearchError.export(.unknownRun(run: since, latest: newest)) }
        let oldest = try changesSince(db)
        if since < oldest {
            throw LBSearchError.export(.changesNotKept(run: since, oldest: oldest))
        }
    }

    /// The public ids, now, of the affected documents, and the other form of the id of each
    /// affected JSONL record (the form it had when its `_id` was, or was not, shared).
    static func affectedIDs(_ since: Int64, base: String?, _ db: Database)
        throws -> (current: Set<String>, others: [String])
    {
        var current = Set<String>()
        var others: [String] = []
        let rows = try Row.fetchCursor(
            db, sql: "SELECT path, record FROM documents WHERE \(affected) ORDER BY id",
            arguments: [since])
        while let row = try rows.next() {
            let (path, record): (String, String) = (row["path"], row["record"])
            let id = try publicID(path: path, record: record, base: base, db)
            current.insert(id)
            guard !record.isEmpty else { continue }
            let qualified = DocumentLookup.display(path, base: base) + "#" + record
            others.append(id == record ? qualified : record)
        }
        return (current, others)
    }

    /// The removed and moved documents of the log after run `?1`: their old path and record,
    /// and whether another document has, or had, the record's `_id` (found through the partial
    /// index `documents_record`, whose condition the lookup repeats, `Schema`).
    static let gone = """
        SELECT path, record, record <> '' AND (
            EXISTS (SELECT 1 FROM documents WHERE record = c.record AND record <> ''
                    AND id IS NOT c.document)
            OR EXISTS (SELECT 1 FROM changes WHERE (run > ?1 OR run IS NULL) AND record = c.record
                       AND path <> c.path)) AS shared
        FROM changes c WHERE (run > ?1 OR run IS NULL) AND path IS NOT NULL ORDER BY rowid
        """

    /// The public ids that removed and moved documents had, each once, in log order.
    ///
    /// A JSONL record's old id was `PATH#_id` if another document had its `_id` then, else
    /// `_id`. When no document has that `_id` now and the log removes no other, it was alone:
    /// `_id`. Otherwise both forms are named (an engine answers not found for the one it never
    /// had).
    static func goneIDs(_ since: Int64, base: String?, _ db: Database) throws -> [String] {
        var ids: [String] = []
        let rows = try Row.fetchCursor(db, sql: gone, arguments: [since])
        while let row = try rows.next() {
            let path = DocumentLookup.display(row["path"], base: base)
            let record: String = row["record"]
            if record.isEmpty { ids.append(path) } else { ids.append(record) }
            if !record.isEmpty, row["shared"] { ids.append(path + "#" + record) }
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
