import Foundation
import GRDB

/// Applies read files to the database, inside the transaction it is given.
///
/// New documents are inserted many to a statement (`pending`, `insertPending`): FTS5 writes
/// out what it has buffered at every statement that fires the insert trigger inside a
/// transaction (the statement's savepoint), so one statement per document made one small FTS5
/// segment per document, all merged again later; that merging was most of the cost of indexing,
/// the more so for CJK text (ten times the tokens of English). Pending inserts are written
/// before any document is deleted, so documents get the same ids as when inserted one by one.
struct IndexBatch {
    /// Documents inserted per statement, at most (11 arguments each, far below SQLite's limit
    /// of 32766 variables).
    static let rowsPerStatement = 1024

    /// Indexed files that were not found, by content hash: candidates for a move.
    var missingByHash: [String: [StoredFile]] = [:]
    var missing: [String: StoredFile] = [:]
    var skips: [Skip] = []
    /// New documents not yet inserted, in order.
    var pending: [Document] = []

    init(missing: [StoredFile]) {
        for file in missing {
            self.missing[file.path] = file
            missingByHash[file.hash, default: []].append(file)
        }
    }

    mutating func apply(_ files: [PreparedFile], _ db: Database, _ report: inout IndexReport) throws
    {
        for file in files {
            switch file.content {
            case .failure(let reason):
                skips.append(Skip(path: file.entry.path, reason: reason))
                try insertPending(db)
                report.removed += try delete(path: file.entry.path, db)
            case .success(let hash):
                try apply(file, hash: hash, db, &report)
            }
        }
        try insertPending(db)
    }

    mutating func apply(
        _ file: PreparedFile, hash: String, _ db: Database, _ report: inout IndexReport
    ) throws {
        let entry = file.entry
        let existing = try existingRecords(entry.path, db)
        if !existing.isEmpty, try storedHash(entry.path, db) == hash {
            try touch(entry, hash: hash, db)
            report.unchanged += existing.count
            return
        }
        if existing.isEmpty, let source = takeMove(hash: hash) {
            try move(from: source.path, to: entry, db)
            report.moved += source.documents
            return
        }
        skips += file.skips
        try store(file.documents, path: entry.path, existing: existing, db, &report)
        if file.documents.isEmpty {
            try db.execute(sql: "DELETE FROM files WHERE path = ?", arguments: [entry.path])
        } else {
            try upsertFile(entry, hash: hash, db)
        }
    }

    mutating func store(
        _ documents: [Document], path: String, existing: [String: String], _ db: Database,
        _ report: inout IndexReport
    ) throws {
        var kept: Set<String> = []
        for document in documents {
            kept.insert(document.record)
            if let oldHash = existing[document.record] {
                if oldHash == document.contentHash {
                    report.unchanged += 1
                    try db.execute(
                        sql: "UPDATE documents SET mtime = ? WHERE path = ? AND record = ?",
                        arguments: [document.mtime, document.path, document.record])
                } else {
                    try update(document, db)
                    report.updated += 1
                    report.tokenized += 1
                }
            } else {
                try insert(document, db)
                report.added += 1
                report.tokenized += 1
            }
        }
        let removed = existing.keys.filter { !kept.contains($0) }
        if !removed.isEmpty { try insertPending(db) }
        for record in removed {
            try db.execute(
                sql: "DELETE FROM documents WHERE path = ? AND record = ?",
                arguments: [path, record])
            report.removed += 1
        }
    }

    /// Deletes the indexed files that were neither found nor moved.
    mutating func removeMissing(_ db: Database, _ report: inout IndexReport) throws {
        try insertPending(db)
        for path in missing.keys.sorted() {
            report.removed += try delete(path: path, db)
        }
        missing.removeAll()
    }

    mutating func takeMove(hash: String) -> StoredFile? {
        guard var candidates = missingByHash[hash], let source = candidates.popLast() else {
            return nil
        }
        missingByHash[hash] = candidates
        missing[source.path] = nil
        return source
    }

    func move(from old: String, to entry: FileEntry, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE documents SET path = ?, mtime = ? WHERE path = ?",
            arguments: [entry.path, entry.mtime, old])
        try db.execute(
            sql: "UPDATE files SET path = ?, size = ?, mtime = ? WHERE path = ?",
            arguments: [entry.path, entry.size, entry.mtime, old])
    }

    func touch(_ entry: FileEntry, hash: String, _ db: Database) throws {
        try upsertFile(entry, hash: hash, db)
        try db.execute(
            sql: "UPDATE documents SET mtime = ? WHERE path = ?",
            arguments: [entry.mtime, entry.path])
    }

    func delete(path: String, _ db: Database) throws -> Int {
        try db.execute(sql: "DELETE FROM documents WHERE path = ?", arguments: [path])
        let count = db.changesCount
        try db.execute(sql: "DELETE FROM files WHERE path = ?", arguments: [path])
        return count
    }

    func existingRecords(_ path: String, _ db: Database) throws -> [String: String] {
        var records: [String: String] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT record, hash FROM documents WHERE path = ?", arguments: [path])
        {
            records[row[0]] = row[1]
        }
        return records
    }

    func storedHash(_ path: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT hash FROM files WHERE path = ?", arguments: [path])
    }

    func upsertFile(_ entry: FileEntry, hash: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO files(path, size, mtime, hash) VALUES (?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, hash = excluded.hash
                """,
            arguments: [entry.path, entry.size, entry.mtime, hash])
    }

    /// Queues `document` for insertion; written when `rowsPerStatement` are waiting.
    mutating func insert(_ document: Document, _ db: Database) throws {
        pending.append(document)
        if pending.count >= Self.rowsPerStatement { try insertPending(db) }
    }

    /// Inserts the pending documents, up to `rowsPerStatement` per statement.
    mutating func insertPending(_ db: Database) throws {
        var rest = pending[...]
        while !rest.isEmpty {
            let rows = rest.prefix(Self.rowsPerStatement)
            let sql = Self.insertSQL(rows: rows.count)
            // The full-size statement is reused; a shorter last one is prepared once per batch.
            let statement =
                rows.count == Self.rowsPerStatement
                ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
            var values = StatementArguments()
            for document in rows { values += arguments(document) }
            try statement.execute(arguments: values)
            rest = rest.dropFirst(rows.count)
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// An INSERT of `rows` documents.
    static func insertSQL(rows: Int) -> String {
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        return
            "INSERT INTO documents(path, record, title, body, date, source, url, tags, size, mtime, hash) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    func update(_ document: Document, _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                UPDATE documents SET path = ?1, record = ?2, title = ?3, body = ?4, date = ?5, source = ?6,
                url = ?7, tags = ?8, size = ?9, mtime = ?10, hash = ?11 WHERE path = ?1 AND record = ?2
                """)
        try statement.execute(arguments: arguments(document))
    }

    func arguments(_ d: Document) -> StatementArguments {
        [
            d.path, d.record, d.title, d.body, d.date, d.source, d.url,
            IndexStore.jsonArray(d.tags), d.size, d.mtime, d.contentHash,
        ]
    }
}
