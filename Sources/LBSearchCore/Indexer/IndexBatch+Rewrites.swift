import Foundation
import GRDB

/// Changed documents updated, and gone ones deleted, many to a statement at the end of a batch.
///
/// FTS5 writes out its buffer as a new segment whenever a statement that fires a trigger on
/// `documents` begins inside a transaction (its savepoint, FTS5's `xSavepoint`), and within a
/// statement whenever a row id is not above the last one it was given (FTS5 documentation,
/// section 6.5 "The 'hashsize' Configuration Option"; `sqlite3Fts5IndexBeginWrite`). One UPDATE
/// or DELETE per document made one small segment per document, merged again by the next runs:
/// 200 changed files of 20,000 made about 250 segments. So each row is queued with its id and
/// written in id order: an UPDATE ... FROM a VALUES list, whose rows SQLite visits in row-id
/// order (it collects an UPDATE FROM's rows in a table keyed by the target's row id), and a
/// DELETE of a list of ids (SQLite collects a DELETE's row ids in a `RowSet`, read smallest
/// first). An update keeps the row's id, and the triggers log each row as before: the
/// `changes` rows and FTS5 'delete' and insert of each document are the same, only fewer
/// statements write them.
extension IndexBatch {
    /// Ids deleted per statement, at most (one variable each, below SQLite's default limit of
    /// 32766 variables).
    static let idsPerStatement = 16_384

    /// Inserts, then updates, then deletes what is pending: inserts first, so that a new
    /// document never takes the id of one deleted in the batch.
    mutating func writePending(_ db: Database) throws {
        try insertPending(db)
        try updatePending(db)
        try deletePending(db)
    }

    /// Queues the update of the stored document with `document`'s path and record to
    /// `document`; written when `rowsPerStatement` are waiting, or by `writePending`.
    mutating func update(
        _ document: Document, body: Data, text: PreparedText? = nil, _ db: Database
    ) throws {
        guard let id = try storedID(path: document.path, record: document.record, db) else {
            return
        }
        updates.append((id, document, body, text))
        if updates.count >= Self.rowsPerStatement { try updatePending(db) }
    }

    /// Queues the deletion of the document stored with `path` and `record`.
    mutating func deleteRecord(path: String, record: String, _ db: Database) throws {
        if let id = try storedID(path: path, record: record, db) { deletions.append(id) }
    }

    /// Queues the deletion of every document of `path` and deletes its `files` row; returns
    /// how many documents it held.
    mutating func delete(path: String, _ db: Database) throws -> Int {
        let ids = try Int64.fetchAll(
            db, sql: "SELECT id FROM documents WHERE path = ?", arguments: [path])
        deletions += ids
        try db.execute(sql: "DELETE FROM files WHERE path = ?", arguments: [path])
        return ids.count
    }

    /// The id of the document stored with `path` and `record`, if any.
    func storedID(path: String, record: String, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM documents WHERE path = ? AND record = ?"),
            arguments: [path, record])
    }

    /// Updates the queued documents in id order, up to `rowsPerStatement` per statement, with
    /// the hand-off armed for their new texts in that order.
    mutating func updatePending(_ db: Database) throws {
        let rows = updates.sorted { $0.id < $1.id }
        updates.removeAll(keepingCapacity: true)
        var rest = rows[...]
        while !rest.isEmpty {
            let chunk = rest.prefix(Self.rowsPerStatement)
            let sql = Self.updateSQL(rows: chunk.count)
            let statement =
                chunk.count == Self.rowsPerStatement
                ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
            var values = StatementArguments()
            for row in chunk { values += updateArguments(row.id, row.document, body: row.body) }
            let layout = try fieldLayout(db)
            replayed += try Handoff.armed(chunk.compactMap(\.text), layout: layout) {
                try statement.execute(arguments: values)
            }
            rest = rest.dropFirst(chunk.count)
        }
    }

    /// Deletes the queued ids, up to `idsPerStatement` per statement.
    mutating func deletePending(_ db: Database) throws {
        let ids = deletions.sorted()
        deletions.removeAll(keepingCapacity: true)
        var rest = ids[...]
        while !rest.isEmpty {
            let chunk = rest.prefix(Self.idsPerStatement)
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            try db.execute(
                sql: "DELETE FROM documents WHERE id IN (\(marks))",
                arguments: StatementArguments(Array(chunk)))
            rest = rest.dropFirst(chunk.count)
        }
    }

    /// An UPDATE of `rows` documents by id, from a list of their new values.
    ///
    /// It sets every column but the path and record, which found the id: the title and body
    /// fire the FTS5 trigger and the title the change log's (`Schema.changeTriggers`), as the
    /// one-document UPDATE did.
    static func updateSQL(rows: Int) -> String {
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        return """
            WITH v(id, title, body_z, date, source, url, tags, size, mtime, hash, exact_key, near_key)
            AS (VALUES \(Array(repeating: row, count: rows).joined(separator: ", ")))
            UPDATE documents SET title = v.title, body_z = v.body_z, date = v.date,
            source = v.source, url = v.url, tags = v.tags, size = v.size, mtime = v.mtime,
            hash = v.hash, exact_key = v.exact_key, near_key = v.near_key
            FROM v WHERE documents.id = v.id
            """
    }

    /// The values of `d`'s row for `updateSQL`: its id, then the columns it sets.
    func updateArguments(_ id: Int64, _ d: Document, body: Data) -> StatementArguments {
        [
            id, d.title, body, d.date, d.source, d.url, IndexStore.jsonArray(d.tags), d.size,
            d.mtime, d.contentHash, d.fingerprint.map { Int64(bitPattern: $0.exact) },
            d.fingerprint?.near.map { Int64(bitPattern: $0) },
        ]
    }
}
