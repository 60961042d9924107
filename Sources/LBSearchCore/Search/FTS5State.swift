import Foundation
import GRDB
import GRDBSQLite

/// The two records of FTS5's index that name the state of the whole full-text index, as one
/// read transaction sees them: the averages (`documents_fts_data` row 1: the number of rows and
/// the total tokens of each column) and the structure (row 10: every segment, its level, id
/// and pages, and a write counter that only grows), SQLite FTS5's fts5_index.c,
/// `FTS5_AVERAGES_ROWID` and `FTS5_STRUCTURE_ROWID`.
///
/// `SplitScan` compares them on its two connections to know that both read the same index, as
/// Debian's SQLite has no `sqlite3_snapshot_*`. Equal records suffice:
/// - every transaction that writes to FTS5 (the `documents` triggers on insert, delete and any
///   update of `title` or `body_z`) ends by flushing its pending terms as a new segment, which
///   rewrites the structure record, and merges rewrite it too; FTS5 never changes a segment in
///   place. The write counter in it grows with every segment written, so a later state never
///   repeats an earlier one, even when segment ids are reused;
/// - what else the scan reads from `documents` (date, source, tags for filters and `--sort
///   date`) changes only with `title` and `body_z`: the indexer writes them together
///   (`IndexBatch`). A move or a touch changes only `path` and `mtime`, which the scan does not
///   read: ties are broken by path on the first connection alone, after the merge;
/// - a `--full` rebuild copies a new file over the index in one transaction: its structure is
///   that of a fresh build, whose write counter starts again, and its row count and token totals
///   would have to match the old ones as well.
struct FTS5State: Equatable {
    /// FTS5's averages record (row 1 of `documents_fts_data`).
    var averages: Data?
    /// FTS5's structure record (row 10 of `documents_fts_data`).
    var structure: Data?

    /// The two records given.
    init(averages: Data? = nil, structure: Data? = nil) {
        self.averages = averages
        self.structure = structure
    }

    /// The number of segments the structure record lists; nil when it cannot be read.
    ///
    /// The record (SQLite's fts5_index.c, `fts5StructureDecode`) starts with a 4-byte cookie,
    /// then, from the releases that write them, the 4 bytes FF 00 00 01 (`FTS5_STRUCTURE_V2`),
    /// then the number of levels and of segments as varints.
    var segments: Int? {
        guard let structure else { return nil }
        let bytes = [UInt8](structure)
        var index = 4
        if bytes.count >= 8, Array(bytes[4..<8]) == [0xFF, 0x00, 0x00, 0x01] { index = 8 }
        guard Self.varint(bytes, &index) != nil, let count = Self.varint(bytes, &index) else {
            return nil
        }
        return Int(exactly: count)
    }

    /// SQLite's varint at `index` (advanced past it); nil past the end.
    static func varint(_ bytes: [UInt8], _ index: inout Int) -> UInt64? {
        var value: UInt64 = 0
        for step in 0..<9 {
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            index += 1
            if step == 8 { return (value << 8) | UInt64(byte) }
            value = (value << 7) | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { return value }
        }
        return value
    }

    /// The query that reads the two records.
    static let sql = "SELECT id, block FROM documents_fts_data WHERE id IN (1, 10)"

    /// The records as `db`'s transaction sees them.
    init(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: Self.sql)
        for row in rows {
            let id: Int64 = row["id"]
            let block: Data? = row["block"]
            if id == 1 { averages = block } else { structure = block }
        }
    }

    /// The records as the transaction of `connection` (a raw SQLite connection, as an FTS5
    /// auxiliary function has it) sees them; nil when they cannot be read.
    init?(connection: OpaquePointer) {
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(connection, Self.sql, -1, &statement, nil) == SQLITE_OK else {
            return nil
        }
        while sqlite3_step(statement) == SQLITE_ROW {
            let count = Int(sqlite3_column_bytes(statement, 1))
            // As GRDB reads a blob: NULL is nil, an empty one empty data.
            let data =
                sqlite3_column_type(statement, 1) == SQLITE_NULL
                ? nil
                : sqlite3_column_blob(statement, 1).map { Data(bytes: $0, count: count) } ?? Data()
            if sqlite3_column_int64(statement, 0) == 1 {
                averages = data
            } else {
                structure = data
            }
        }
    }
}
