import GRDB

/// Checks an index for damage and repairs its full-text data from the documents table.
public struct IndexDoctor {
    /// Lines of `PRAGMA integrity_check` reported at most; the rest say the same thing.
    static let maxStorageLines = 10

    let store: IndexStore

    public init(store: IndexStore) {
        self.store = store
    }

    /// Runs SQLite's `PRAGMA integrity_check` (SQLite documentation, "PRAGMA integrity_check")
    /// and FTS5's `integrity-check` command with rank 1, which also compares the index with
    /// the external content table (FTS5 documentation, section 6.5 "The 'integrity-check' Command").
    public func check() throws -> HealthReport {
        var problems = try storageProblems()
        if try !fullTextIndexIsConsistent() { problems.append(.fullTextIndex) }
        let tokenizer = try store.database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tokenizer'")
        }
        if let tokenizer, tokenizer != Schema.tokenizerRecord {
            problems.append(.tokenizer(found: tokenizer, expected: Schema.tokenizerRecord))
        }
        return HealthReport(problems: problems)
    }

    /// Rebuilds the FTS5 data from the `documents` table, without reading the corpus
    /// (FTS5 documentation, section 6.8 "The 'rebuild' Command"), then checks again.
    public func repair() throws -> HealthReport {
        try translating(writing: true) {
            try store.database.write { db in
                try db.execute(sql: "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
            }
        }
        return try check()
    }

    func storageProblems() throws -> [HealthReport.Problem] {
        do {
            let lines = try store.database.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            guard lines != ["ok"] else { return [] }
            return lines.prefix(Self.maxStorageLines).map { .storage($0) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            return [.storage("the database file is malformed")]
        }
    }

    /// The FTS5 check is an INSERT, so it runs in a write transaction that is rolled back.
    func fullTextIndexIsConsistent() throws -> Bool {
        do {
            try store.database.writeWithoutTransaction { db in
                try db.inTransaction {
                    try db.execute(sql: "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")
                    return .rollback
                }
            }
            return true
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            return false
        } catch let error as DatabaseError {
            throw StoreError.translate(error, path: store.path)
        }
    }

    func translating(writing: Bool, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DatabaseError {
            throw StoreError.translate(error, path: store.path, writing: writing)
        }
    }
}
