import Foundation
import GRDB
import GRDBSQLite

/// Every document's field lengths in blocks of consecutive row ids, written by the last index
/// run with the state of the full-text index they were read from, so that a ranking scan over
/// many rows reads them a block at a time instead of stepping a cursor over FTS5's
/// `documents_fts_docsize`.
///
/// A scan needs each matching row's lengths. `DocumentLengths` steps one cursor over the
/// docsize table with the scan: a statement step (SQLite's VM, a B-tree move, two columns) for
/// every row it passes, matching or not. For a word in 15 % of a million documents the cursor
/// passed the whole table, and it cost half the query's processor time. Rows far apart cost a
/// B-tree seek each, into leaf pages of about 400 rows: a block's `meta` row holds 256 rows in
/// about a quarter of a page, so rows a few hundred ids apart share the pages read.
///
/// The blocks live in `meta` rows, as `TermCounts` do (no schema change: a release that does
/// not know them leaves them alone):
/// - `key` holds the stamp: FTS5's averages and structure records as the lengths saw them
///   (`TermCounts.stamp`), which every write to the full-text index changes. A search uses the
///   blocks only when the stamp is the state it reads, so they are the docsize table's values
///   exactly; else it steps the cursor as before;
/// - `key` + `:` + the block number (row id / `blockRows`, six digits or more) holds a block:
///   for each row id of the block, in order, the size of the row's docsize record in one byte
///   (0 for a row the table lacks) and the record itself (each column's length as an SQLite
///   varint). A block without a row has no key.
///
/// Only indexes of `TermCounts.Policy.minimumDocuments` or more keep blocks: below, a scan is
/// short whatever the cursor costs. Writing them costs a run that changed the full-text index
/// one pass over the docsize table and a few megabytes written (about 0.2 s for a million
/// documents).
enum FieldLengths {
    /// The `meta` key of the stamp, and the prefix of the blocks' keys.
    static let key = "field_lengths"
    /// Row ids per block.
    static let blockRows: Int64 = 256

    /// The `meta` key of block `block`.
    static func blockKey(_ block: Int64) -> String {
        let digits = String(block)
        return key + ":" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    // MARK: Writing

    /// Writes the blocks of the index as `db`'s write transaction sees it.
    ///
    /// Nothing is written when the stored ones are already of this state, and they are
    /// removed below `policy`'s size. Returns whether it wrote. Called at the end of a run,
    /// after its last write to FTS5.
    @discardableResult
    static func refresh(_ db: Database, policy: TermCounts.Policy) throws -> Bool {
        let stored = try String.fetchOne(
            db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
        let stamp = TermCounts.stamp(try FTS5State(db))
        if stored == stamp { return false }
        let documents = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents_fts_docsize") ?? 0
        // Blocks without their stamp (a run killed between the two writes cannot leave them,
        // as one transaction writes both; a hand edit can) go too.
        try clear(db)
        guard documents >= policy.minimumDocuments else { return db.changesCount > 0 }
        let insert = try db.makeStatement(sql: "INSERT INTO meta(key, value) VALUES (?, ?)")
        try forEachBlock(db) { block, bytes in
            try insert.execute(arguments: [blockKey(block), bytes])
        }
        try db.execute(
            sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [key, stamp])
        return true
    }

    /// Calls `body(block, bytes)` for each block of the docsize table as `db` reads it, in
    /// order: what `refresh` writes.
    static func forEachBlock(_ db: Database, _ body: (Int64, Data) throws -> Void) throws {
        let rows = try db.makeStatement(
            sql: "SELECT id, sz FROM documents_fts_docsize WHERE id >= 0 ORDER BY id")
        let handle = rows.sqliteStatement
        defer { sqlite3_reset(handle) }
        var block: Int64 = -1
        var bytes: [UInt8] = []
        var next: Int64 = 0
        while true {
            let step = sqlite3_step(handle)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw StorageFault.lastFailure(db) }
            let id = sqlite3_column_int64(handle, 0)
            if id / blockRows != block {
                if block >= 0 { try body(block, Data(bytes)) }
                (block, next) = (id / blockRows, id / blockRows * blockRows)
                bytes.removeAll(keepingCapacity: true)
            }
            bytes.append(contentsOf: repeatElement(0, count: Int(id - next)))
            next = id + 1
            let count = Int(sqlite3_column_bytes(handle, 1))
            // A record longer than a byte can count is not lengths: the row is left to the
            // cursor.
            guard count > 0, count < 256, let record = sqlite3_column_blob(handle, 1) else {
                bytes.append(0)
                continue
            }
            bytes.append(UInt8(count))
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: record, count: count))
        }
        if block >= 0 { try body(block, Data(bytes)) }
    }

    /// False when blocks kept for the state `db` reads are not what `refresh` would write now.
    ///
    /// That is damage the stamp cannot show (`lbsearch doctor` looks for it). True without
    /// blocks, or with blocks of another state, which no search reads.
    static func areSound(_ db: Database) throws -> Bool {
        guard
            let stored = try String.fetchOne(
                db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]),
            stored == TermCounts.stamp(try FTS5State(db))
        else { return true }
        var expected: [String: Data] = [:]
        try forEachBlock(db) { block, bytes in expected[blockKey(block)] = bytes }
        let rows = try Row.fetchAll(
            db, sql: "SELECT key, value FROM meta WHERE key >= ? AND key < ?",
            arguments: [key + ":", key + ";"])
        guard rows.count == expected.count else { return false }
        return rows.allSatisfy { row in
            let name: String = row["key"]
            let value: Data? = row["value"]
            return value != nil && expected[name] == value
        }
    }

    /// Removes the stamp and every block.
    static func clear(_ db: Database) throws {
        try db.execute(
            sql: "DELETE FROM meta WHERE key = ? OR (key >= ? AND key < ?)",
            arguments: [key, key + ":", key + ";"])
    }

    // MARK: Reading

    /// The blocks of one read transaction, for a ranking scan: nil when the index keeps none
    /// or they are not of the state the connection reads.
    final class Reader {
        private let lookup: OpaquePointer
        /// Columns per row.
        let columns: Int
        /// The block in `bytes`, -1 for none.
        private(set) var block: Int64 = -1
        /// The block's bytes as stored, empty for a block without a key.
        private var bytes: [UInt8] = []
        /// Where the walk through `bytes` stands: the row (0 to `blockRows` - 1) whose size
        /// byte is at `walkOffset`.
        private var walkRow = 0
        private var walkOffset = 0

        /// A reader of `db`'s blocks of rows of `columns` columns; nil when they are missing
        /// or stale.
        init?(_ db: OpaquePointer, columns: Int) {
            guard columns > 0,
                let stamp = Self.text(db, "SELECT value FROM meta WHERE key = 'field_lengths'"),
                let state = FTS5State(connection: db), stamp == TermCounts.stamp(state)
            else { return nil }
            var prepared: OpaquePointer?
            guard
                sqlite3_prepare_v2(
                    db, "SELECT value FROM meta WHERE key = ?1", -1, &prepared, nil)
                    == SQLITE_OK, let prepared
            else {
                sqlite3_finalize(prepared)
                return nil
            }
            lookup = prepared
            self.columns = columns
            bytes.reserveCapacity(Int(FieldLengths.blockRows) * 4)
        }

        deinit { sqlite3_finalize(lookup) }

        /// Whether `rowid` is in the block held.
        @inline(__always)
        func holds(_ rowid: Int64) -> Bool { rowid >= 0 && rowid / FieldLengths.blockRows == block }

        /// Reads the block of `rowid` (a block without a key holds no row).
        ///
        /// Only its bytes are kept: `read` decodes the one row it is asked for, so a scan whose
        /// rows are far apart pays for a block's lookup, not for its 256 rows.
        func load(_ rowid: Int64) {
            guard rowid >= 0 else { return }
            let wanted = rowid / FieldLengths.blockRows
            block = wanted
            bytes.removeAll(keepingCapacity: true)
            (walkRow, walkOffset) = (0, 0)
            sqlite3_reset(lookup)
            defer { sqlite3_reset(lookup) }
            guard
                sqlite3_bind_text(
                    lookup, 1, FieldLengths.blockKey(wanted), -1, RankingFunctions.transient)
                    == SQLITE_OK, sqlite3_step(lookup) == SQLITE_ROW,
                let blob = sqlite3_column_blob(lookup, 0)
            else { return }
            bytes.append(
                contentsOf: UnsafeRawBufferPointer(
                    start: blob, count: Int(sqlite3_column_bytes(lookup, 0))))
        }

        /// Writes row `rowid`'s lengths into `target` (column `column` at `column ^ swap`).
        ///
        /// False when the block held lacks the row, when its record does not hold exactly
        /// `columns` lengths, or when a record before it runs past the block's end: call
        /// `load` first for a row of another block. Rows are found by walking the size bytes
        /// from the last row read (from the first when `rowid` comes before it), so a scan in
        /// row id order walks each block once.
        @inline(__always)
        func read(_ rowid: Int64, into target: inout [Int], swap: Int) -> Bool {
            guard holds(rowid), target.count == columns else { return false }
            let row = Int(rowid % FieldLengths.blockRows)
            if row < walkRow { (walkRow, walkOffset) = (0, 0) }
            return bytes.withUnsafeBufferPointer { bytes in
                var (at, offset) = (walkRow, walkOffset)
                while at < row, offset < bytes.count {
                    offset += 1 + Int(bytes[offset])
                    at += 1
                }
                (walkRow, walkOffset) = (at, offset)
                guard at == row, offset < bytes.count else { return false }
                let end = offset + 1 + Int(bytes[offset])
                guard end > offset + 1, end <= bytes.count, let base = bytes.baseAddress else {
                    return false
                }
                let record = UnsafeRawBufferPointer(
                    start: base + offset + 1, count: end - offset - 1)
                return DocumentLengths.decode(record, into: &target, swap: swap)
            }
        }

        /// The first column of the first row `sql` returns, as text.
        static func text(_ db: OpaquePointer, _ sql: String) -> String? {
            var statement: OpaquePointer?
            defer { sqlite3_finalize(statement) }
            guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK,
                sqlite3_step(statement) == SQLITE_ROW,
                let text = sqlite3_column_text(statement, 0)
            else { return nil }
            return String(cString: text)
        }
    }
}
