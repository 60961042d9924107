import GRDBSQLite

/// Field lengths of the rows a ranking scan visits, read from FTS5's `documents_fts_docsize`
/// table by one cursor that moves forward with the scan.
///
/// FTS5's `xColumnSize` looks every row up on its own: a statement reset, bound and stepped
/// down the table's B-tree (SQLite FTS5 documentation, section 4.4.2 "The 'columnsize'
/// option"; `sqlite3Fts5StorageDocsize`). For a word in 980,000 of a million documents that
/// was 1.1 of the 2.4 s of CPU the query took. A scan yields rows in increasing row id order,
/// so here the cursor steps to the next row instead, and seeks only across a gap of more than
/// `maxSteps` rows or backwards. The lengths are the ones `xColumnSize` reads, from the same
/// table; a row the cursor does not find is left to `xColumnSize`.
final class DocumentLengths {
    /// Rows stepped over before a seek is cheaper (a seek descends the B-tree from its root).
    static let maxSteps: Int64 = 16

    private let statement: OpaquePointer
    /// The row id under the cursor; nil before the first seek, `Int64.max` past the end.
    private var current: Int64?
    private let connection: OpaquePointer
    /// The index's blocks of lengths (`FieldLengths`), once looked for; nil inside when it
    /// keeps none for the state read.
    private var blocks: FieldLengths.Reader?? {
        didSet { blockReader = (blocks ?? nil).map(Unmanaged.passUnretained) }
    }
    /// The reader `blocks` holds (and keeps alive), called through without a retain per row.
    private var blockReader: Unmanaged<FieldLengths.Reader>?
    /// A cursor over `documents_fts_docsize` on `db`; nil when the table cannot be read.
    init?(_ db: OpaquePointer) {
        var prepared: OpaquePointer?
        guard
            sqlite3_prepare_v2(
                db, "SELECT id, sz FROM documents_fts_docsize WHERE id >= ?1 ORDER BY id", -1,
                &prepared, nil) == SQLITE_OK, let prepared
        else {
            sqlite3_finalize(prepared)
            return nil
        }
        statement = prepared
        connection = db
    }

    deinit { sqlite3_finalize(statement) }

    /// Writes the lengths of row `rowid` into `lengths` (one per field, field `column ^ swap`
    /// for column `column`: `FieldLayout.swap`); false when the row is not found or its record
    /// does not hold exactly that many lengths.
    func read(_ rowid: Int64, into lengths: inout [Int], swap: Int = 0) -> Bool {
        if blocks == nil { _ = blocks(columns: lengths.count) }
        if let reader = blockReader {
            let found = reader._withUnsafeGuaranteedRef { blocks in
                if !blocks.holds(rowid) { blocks.load(rowid) }
                return blocks.read(rowid, into: &lengths, swap: swap)
            }
            if found { return true }
        }
        guard move(to: rowid), current == rowid else { return false }
        let count = Int(sqlite3_column_bytes(statement, 1))
        guard let blob = sqlite3_column_blob(statement, 1) else { return lengths.isEmpty }
        let bytes = UnsafeRawBufferPointer(start: blob, count: count)
        return Self.decode(bytes, into: &lengths, swap: swap)
    }

    /// The blocks of lengths of rows of `columns` columns, looked for on the first call.
    private func blocks(columns: Int) -> FieldLengths.Reader? {
        if let blocks { return blocks }
        let found = FieldLengths.Reader(connection, columns: columns)
        blocks = .some(found)
        return found
    }

    /// Puts the cursor on the first row at or after `rowid`; false when stepping failed.
    private func move(to rowid: Int64) -> Bool {
        guard let at = current, at <= rowid, rowid - at <= Self.maxSteps else {
            return seek(rowid)
        }
        var position = at
        while position < rowid {
            guard step() else { return false }
            position = current ?? .max
        }
        return true
    }

    private func seek(_ rowid: Int64) -> Bool {
        sqlite3_reset(statement)
        guard sqlite3_bind_int64(statement, 1, rowid) == SQLITE_OK else { return false }
        return step()
    }

    private func step() -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW:
            current = sqlite3_column_int64(statement, 0)
            return true
        case SQLITE_DONE:
            current = .max
            return true
        default:
            current = nil
            return false
        }
    }

    /// The record's varints (SQLite's format, as FTS5 writes them: one per column, in column
    /// order) into `lengths`, column `column`'s at `column ^ swap`; false unless it holds
    /// exactly `lengths.count` of them.
    static func decode(_ bytes: UnsafeRawBufferPointer, into lengths: inout [Int], swap: Int = 0)
        -> Bool
    {
        var index = 0
        for column in lengths.indices {
            var value = 0
            var shift = 0
            while true {
                guard index < bytes.count, shift < 35 else { return false }
                let byte = Int(bytes[index])
                index += 1
                value = value << 7 | byte & 0x7F
                shift += 7
                if byte & 0x80 == 0 { break }
            }
            lengths[column ^ swap] = value
        }
        return index == bytes.count
    }
}
