import Foundation
import GRDB

/// Checks an index for damage, says which one command fixes it, and repairs what can be
/// repaired from the stored documents.
///
/// Three kinds of damage, from mild to severe: the FTS5 index disagrees with the documents
/// (`'rebuild'` fixes it); pages outside the stored documents are damaged (FTS5 data,
/// indexes: the file is rebuilt from the stored rows); the stored documents themselves
/// cannot be read (only `lbsearch index --full`, which reads the folders again, fixes that).
public struct IndexDoctor {
    let store: IndexStore

    /// A doctor for the index of `store`.
    public init(store: IndexStore) {
        self.store = store
    }

    /// Checks the storage, the stored documents and the full-text index.
    ///
    /// Runs SQLite's `PRAGMA integrity_check` (SQLite documentation, "PRAGMA integrity_check"),
    /// reads every stored document, and runs FTS5's `integrity-check` command with rank 1, which
    /// also compares the index with the external content table (FTS5 documentation, section 6.5);
    /// the field lengths kept for searches are compared with FTS5's (`FieldLengths.areSound`),
    /// the score ceilings with the scores of their rows (`ScoreCeilings.areSound`):
    /// `keptForSearchesIsSound`.
    ///
    /// Works on a read-only index: FTS5's check then runs on a temporary copy.
    public func check() throws -> HealthReport {
        let damaged = try damagedStructures(quick: false)
        let readable = storedRowsAreReadable()
        var problems: [HealthReport.Problem] = damaged > 0 ? [.storage(count: damaged)] : []
        if !readable { problems.append(.documentsUnreadable) }
        if readable,
            try !fullTextIndexIsConsistent() || !keptForSearchesIsSound()
        {
            problems.append(.fullTextIndex)
        }
        let tokenizer = try? store.database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tokenizer'")
        }
        // An index awaiting the tokenizer migration is rebuilt by the next 'lbsearch index'.
        let upgradeDue = (try? store.database.read(IndexStore.needsTokenizerUpgrade)) == true
        if let found = tokenizer ?? nil, found != Schema.tokenizerRecord, !upgradeDue {
            problems.append(.tokenizer(found: found, expected: Schema.tokenizerRecord))
        }
        return HealthReport(problems: problems)
    }

    /// The checks every incremental run makes first, cheap enough for that (SQLite's
    /// `quick_check`, and one full-text entry per document): throws `.damagedIndex` with the
    /// same advice as `lbsearch doctor`, instead of updating a damaged index.
    public func quickCheck() throws {
        var problems: [HealthReport.Problem] = []
        let damaged = try damagedStructures(quick: true)
        if damaged > 0 {
            problems.append(.storage(count: damaged))
            if !storedRowsAreReadable() { problems.append(.documentsUnreadable) }
        } else if try !fullTextCountsMatch() {
            problems.append(.fullTextIndex)
        }
        if !problems.isEmpty {
            throw LBSearchError.damagedIndex(
                path: store.path, report: HealthReport(problems: problems))
        }
    }

    /// The check a run makes on an index whose seal shows it untouched since the last run that
    /// left it sound (`IndexSeal`): the free-page count and, with the write-ahead log empty, the
    /// page count against the file's size (SQLite documentation, "Database File Format", 1.3).
    ///
    /// Throws `.damagedIndex` as `quickCheck` does.
    public func sealedCheck() throws {
        let (pages, pageSize, free) = try translating {
            try store.database.read { db in
                (
                    try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0,
                    try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0,
                    try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
                )
            }
        }
        var info = stat()
        var log = stat()
        let logEmpty = stat(store.path + "-wal", &log) != 0 || log.st_size == 0
        let sizeDiffers =
            logEmpty && stat(store.path, &info) == 0 && Int64(info.st_size) != pages * pageSize
        if pages < 1 || free >= pages || sizeDiffers {
            throw LBSearchError.damagedIndex(
                path: store.path, report: HealthReport(problems: [.storage(count: 1)]))
        }
    }

    /// Repairs what the stored documents can repair of the problems `found` (by `check()`, which
    /// runs when it is nil), then checks again.
    ///
    /// Throws `.damagedIndex` (advising `index --full`) when they cannot.
    public func repair(_ found: HealthReport? = nil) throws -> HealthReport {
        let found = try found ?? check()
        guard let remedy = found.remedy else { return found }
        guard remedy == .repair else {
            throw LBSearchError.damagedIndex(path: store.path, report: found)
        }
        try translating {
            if found.problems == [.fullTextIndex] {
                // FTS5 documentation, section 6.8 "The 'rebuild' Command".
                try store.database.write { db in
                    try db.execute(
                        sql: "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
                }
            } else {
                try store.rebuildFromStoredRows()
            }
        }
        return try check()
    }

    /// Lines of SQLite's integrity check (or quick check) that are not "ok" (at least one
    /// when it is not "ok"); a file SQLite cannot even read counts as one.
    func damagedStructures(quick: Bool) throws -> Int {
        try store.translating {
            do {
                let pragma = quick ? "PRAGMA quick_check" : "PRAGMA integrity_check"
                let lines = try store.database.read { db in try String.fetchAll(db, sql: pragma) }
                // SQLite may put several findings, after a "*** in database main ***" heading,
                // in one row separated by line breaks: count the lines, not the rows.
                let findings = lines.flatMap { $0.split(whereSeparator: \.isNewline) }
                return lines == ["ok"]
                    ? 0 : max(1, findings.filter { !$0.hasPrefix("*** in database") }.count)
            } catch let error where StorageFault(error)?.isDamage == true {
                return 1
            }
        }
    }

    /// True when every row of the tables the index is rebuilt from reads without error,
    /// long texts (overflow pages) included, and every stored body decompresses.
    func storedRowsAreReadable() -> Bool {
        do {
            try store.database.read { db in
                // An index not yet migrated to "v5" (read by the doctor as it is) has `body`.
                let compressed = try db.columns(in: "documents").contains { $0.name == "body_z" }
                let body = compressed ? "length(lbsearch_inflate(body_z))" : "length(body)"
                let scans = [
                    "SELECT sum(length(path) + length(record) + length(title) + \(body) + length(tags)) FROM documents NOT INDEXED",
                    "SELECT sum(length(path) + length(hash)) FROM files NOT INDEXED",
                    "SELECT sum(length(key) + length(value)) FROM meta NOT INDEXED",
                ]
                for sql in scans { _ = try Row.fetchOne(db, sql: sql) }
            }
            return true
        } catch {
            return false
        }
    }

    /// FTS5's `docsize` table holds one row per indexed document (FTS5 documentation,
    /// section 4.4.2 "The 'columnsize' option"; the shadow table is `%_docsize`).
    func fullTextCountsMatch() throws -> Bool {
        try translating {
            try store.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM documents")
                    == Int.fetchOne(db, sql: "SELECT count(*) FROM documents_fts_docsize")
            }
        }
    }

    /// True unless what the index keeps for searches differs from what FTS5 gives.
    ///
    /// The field lengths (`FieldLengths`) and the score ceilings (`ScoreCeilings`) are
    /// checked under a stamp that says they are FTS5's state. FTS5's `'rebuild'` then
    /// changes the stamp, so no search reads them, and the next run writes them again.
    func keptForSearchesIsSound() throws -> Bool {
        try store.translating {
            do {
                return try store.database.read { db in
                    try FieldLengths.areSound(db) && ScoreCeilings.areSound(db)
                }
            } catch let error where StorageFault(error) == .corrupt {
                return false
            }
        }
    }

    /// The FTS5 check is an INSERT, so it runs in a write transaction that is rolled back;
    /// on a read-only store, in a temporary copy (never beside the index).
    func fullTextIndexIsConsistent() throws -> Bool {
        try store.translating {
            do {
                guard store.database.configuration.readonly else {
                    return try Self.fullTextCheck(store.database)
                }
                return try store.withTemporaryCopy { try Self.fullTextCheck($0) }
            } catch let error where StorageFault(error) == .corrupt {
                return false
            }
        }
    }

    static func fullTextCheck(_ database: some DatabaseWriter) throws -> Bool {
        try database.writeWithoutTransaction { db in
            try db.inTransaction {
                try db.execute(
                    sql:
                        "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)"
                )
                return .rollback
            }
        }
        return true
    }

    /// Runs `body`, turning SQLite errors into `LBSearchError`s for a write.
    func translating<T>(_ body: () throws -> T) throws -> T {
        try store.translating(writing: true, body)
    }
}
