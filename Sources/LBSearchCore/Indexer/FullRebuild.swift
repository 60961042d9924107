import Foundation
import GRDB

/// `lbsearch index --full`: rebuilds the index from nothing, without ever exposing a half
/// rebuilt index.
///
/// The new index is built into a scratch database beside the live one, then copied over the
/// live one by SQLite's online backup API in a single write transaction (SQLite
/// documentation, "Using the SQLite Online Backup API"). Readers of the live index (WAL) see
/// the old index until that transaction commits, then the new one. A rebuild that is killed
/// or fails (full disk) leaves the live index exactly as it was; only the rebuild's work is
/// lost. Renaming a new file over the live one would be cheaper, but is unsafe under WAL
/// while readers have it open (SQLite documentation, "How To Corrupt An SQLite Database
/// File", section 2.4), and would bypass the writer lock of other processes.
struct FullRebuild {
    let store: IndexStore
    /// Hears how far the rebuild has come.
    var progress: ProgressTracker?
    /// False: the old index's feed items that their feed no longer lists are kept.
    var pruneFeeds = false
    /// Which common terms the new index counts for searches (`TermCounts`).
    var termCounts = TermCounts.Policy()

    /// Rebuilds from `roots`; the report compares the new index with the old one: documents
    /// in both are updated, only in the new one added, only in the old one removed.
    func run(roots: [String], onSkip: (Skip) -> Void) throws -> IndexReport {
        let scratch = try translating { try store.makeScratch() }
        defer { scratch.discardScratch() }
        var report = IndexReport()
        let indexer = Indexer(store: scratch)
        indexer.progress = progress
        try indexer.update(roots, &report, onSkip: onSkip)
        try checkRoots(roots, scratch: scratch, report)
        if !pruneFeeds { try keepArchivedItems(under: roots, in: scratch) }
        // The old index is about to be replaced: damage in it must not stop the rebuild
        // (that is how a damaged index is recovered), it only spoils the counts and history.
        let old = (try? documentKeys(store)) ?? []
        let new = try documentKeys(scratch)
        report.updated = old.intersection(new).count
        (report.added, report.removed, report.unchanged) = (
            new.count - report.updated, old.count - report.updated, 0
        )
        try translating {
            let history = (try? store.database.read { db in try IndexStore.runRows(db) }) ?? []
            try scratch.database.write { db in
                try IndexStore.insertRunRows(history, db)
                try IndexStore.restartChangeLog(db)
                try db.execute(sql: "INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
                try IndexStore.repackDocumentIndexes(db)
            }
            // The merges and the rebuilt indexes leave pages free, which the copy would carry over.
            try scratch.compact()
            // Counted in the new file: the copy keeps FTS5's records, and so the stamp, as they
            // are, and the live index may be too damaged to count in.
            let policy = termCounts
            try scratch.database.write { db in
                try TermCounts.refresh(db, policy: policy)
                try FieldLengths.refresh(db, policy: policy)
                try ScoreCeilings.refresh(db, policy: policy)
            }
            PausePoint.beforeSwap.reached()
            try copy(scratch)
        }
        return report
    }

    /// Refuses to replace the documents of a root the rebuild could not read (missing,
    /// unreadable, or empty although the old index has documents under it).
    func checkRoots(_ roots: [String], scratch: IndexStore, _ report: IndexReport) throws {
        for root in roots {
            let old =
                (try? store.database.read { db in try IndexStore.documentCount(under: root, db) })
                ?? 0
            let new = try translating {
                try scratch.database.read { db in try IndexStore.documentCount(under: root, db) }
            }
            let state =
                report.unavailableRoots.first { $0.root == root }?.state
                ?? (new == 0 ? .empty : .available)
            if old > 0, state != .available {
                throw LBSearchError.rootUnavailable(
                    RootStatus(root: root, state: state, documents: old))
            }
        }
    }

    /// Copies `scratch` over the live index; when the live file is too damaged for SQLite to
    /// write into, the scratch file takes its place instead.
    func copy(_ scratch: IndexStore) throws {
        if store.damaged { return try store.replaceFile(with: scratch) }
        do {
            try scratch.database.backup(to: store.database)
        } catch let error where StorageFault(error)?.isDamage == true {
            try store.replaceFile(with: scratch)
        }
    }

    /// Copies into `scratch` the old index's items of each feed file still under `roots` that
    /// the rebuild did not find in it (items the feed no longer lists: an archive), with the
    /// feed's `files` row when the rebuild wrote none (a feed that cannot be read now).
    ///
    /// Rows are copied as stored, every column but the row id (`archivedColumns`), so nothing
    /// is extracted or fingerprinted again, except the body: it is decompressed and compressed
    /// again with the shipped dictionary (`lbsearch_compress`), since the old index's trained
    /// dictionary is not the new one's. An old index too damaged to read has nothing to give.
    func keepArchivedItems(under roots: [String], in scratch: IndexStore) throws {
        let stored = try translating { try scratch.database.read(Self.archivedColumns) }
        let columns = stored.joined(separator: ", ")
        let read = stored.map { $0 == "body_z" ? "lbsearch_inflate(body_z)" : $0 }
            .joined(separator: ", ")
        let values = stored.map { $0 == "body_z" ? "lbsearch_compress(?)" : "?" }
            .joined(separator: ", ")
        let feeds = (try? oldFeeds(under: roots)) ?? []
        for feed in feeds {
            guard
                let rows = try? store.database.read({ db in
                    try Row.fetchAll(
                        db, sql: "SELECT \(read) FROM documents WHERE path = ?",
                        arguments: [feed.path])
                })
            else { continue }
            try translating {
                try scratch.database.write { db in
                    try db.execute(
                        sql:
                            "INSERT OR IGNORE INTO files(path, size, mtime, hash) VALUES (?, ?, ?, ?)",
                        arguments: [feed.path, feed.size, feed.mtime, feed.hash])
                    let insert = try db.makeStatement(
                        sql:
                            "INSERT OR IGNORE INTO documents(\(columns)) VALUES (\(values))"
                    )
                    for row in rows {
                        try insert.execute(arguments: StatementArguments(row.databaseValues))
                    }
                }
            }
        }
    }

    /// The columns of `documents` that an archived item is copied with: all but `id`, read from
    /// the schema, so that a column a migration adds (the fingerprints of "v9" were once left
    /// out, and collapsing then missed archived items) is copied too.
    static func archivedColumns(_ db: Database) throws -> [String] {
        try db.columns(in: "documents").map(\.name).filter { $0 != "id" }
    }

    /// The old index's feed files under `roots` that still exist.
    func oldFeeds(under roots: [String]) throws -> [StoredFile] {
        try store.database.read { db in
            try Row.fetchAll(db, sql: "SELECT path, size, mtime, hash FROM files").compactMap {
                row in
                let path: String = row["path"]
                guard DocumentFormat(fileName: path) == .feed, IndexPlan.isUnder(roots, path),
                    FileManager.default.fileExists(atPath: path)
                else { return nil }
                return StoredFile(
                    path: path, size: row["size"], mtime: row["mtime"], hash: row["hash"],
                    documents: 0)
            }
        }
    }

    /// Every document's `(path, record)`, as one string each.
    ///
    /// Joined in Swift: a string SQLite joins with `char(0)` reads back cut at the NUL, which
    /// made every record of a file one key.
    func documentKeys(_ store: IndexStore) throws -> Set<String> {
        try translating {
            try store.database.read { db in
                var keys: Set<String> = []
                let rows = try Row.fetchCursor(db, sql: "SELECT path, record FROM documents")
                while let row = try rows.next() {
                    keys.insert((row["path"] as String) + "\u{0}" + (row["record"] as String))
                }
                return keys
            }
        }
    }

    func translating<T>(_ body: () throws -> T) throws -> T {
        try store.translating(writing: true, body)
    }
}
