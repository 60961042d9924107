import Foundation
import GRDB

/// Rebuilding an index file from its own stored rows (`lbsearch doctor --repair`), and
/// temporary copies for checks that must write.
extension IndexStore {
    /// The tables whose rows are the index's content; everything else (the FTS5 data, the
    /// SQL indexes) is derived from them.
    ///
    /// `dictionaries` comes before `documents`: the insert trigger reads each body with the
    /// dictionary it names.
    static let storedTables = ["meta", "dictionaries", "files", "documents", "runs"]

    /// Copies the stored rows into a new scratch file (the FTS5 index is rebuilt by the
    /// insert triggers on the way), then copies that over this index in one transaction, as
    /// `FullRebuild` does: damaged pages outside the stored rows are replaced.
    func rebuildFromStoredRows() throws {
        guard path != Self.memoryPath else { return try rebuildInPlace() }
        let source = Self.readOnlyURI(path)
        let scratch = try makeScratch()
        defer { scratch.discardScratch() }
        try scratch.database.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS damaged", arguments: [source])
            defer { try? db.execute(sql: "DETACH DATABASE damaged") }
            try db.inTransaction {
                // An index without a trained dictionary has no `dictionaries` table.
                let tables = try Self.storedTables.filter { table in
                    try Bool.fetchOne(
                        db,
                        sql: "SELECT count(*) > 0 FROM damaged.sqlite_schema WHERE name = ?",
                        arguments: [table]) ?? false
                }
                // Made with the first dictionary, so the new file may lack it.
                if tables.contains("dictionaries") { try db.execute(sql: Schema.dictionaries) }
                for table in tables {
                    // The WHERE clause turns off SQLite's transfer optimization, which would copy
                    // the damaged SQL indexes' records as they are instead of rebuilding them
                    // from the rows ("The INSERT Statement", the xfer optimization in insert.c).
                    try db.execute(
                        sql:
                            "INSERT OR REPLACE INTO main.\(table) SELECT * FROM damaged.\(table) NOT INDEXED WHERE true"
                    )
                }
                try Self.restartChangeLog(db)
                return .commit
            }
        }
        try scratch.database.backup(to: database)
    }

    /// An in-memory store has no file to copy from: rebuild its FTS5 index in place.
    func rebuildInPlace() throws {
        try database.write { db in
            try db.execute(sql: "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        }
    }

    /// The roots remembered by a damaged index file, read from a temporary copy of it padded
    /// to the size its header states (a truncated file is refused whole by SQLite); none when
    /// even that copy cannot tell.
    static func salvagedRoots(_ path: String) -> [String] {
        let copy = (FileManager.default.temporaryDirectory.path as NSString)
            .appendingPathComponent("lbsearch-roots-\(UUID().uuidString).db")
        defer { try? FileManager.default.removeItem(atPath: copy) }
        guard var data = FileManager.default.contents(atPath: path), data.count >= FileHeader.size
        else { return [] }
        if let expected = FileHeader.expectedSize([UInt8](data.prefix(FileHeader.size))),
            Int64(data.count) < expected
        {
            data.append(Data(count: Int(expected) - data.count))
        }
        guard FileManager.default.createFile(atPath: copy, contents: data) else { return [] }
        let roots = try? DatabaseQueue(path: copy, configuration: readOnlyConfiguration()).read {
            db in try Self.roots(db)
        }
        return roots ?? []
    }

    /// Puts the scratch file of `scratch` in place of this index's file, when SQLite cannot copy
    /// into this one because it is damaged (a truncated file is refused whole).
    ///
    /// Only the writer-lock holder calls it; the old log files go first, so that no stale frame is
    /// ever applied to the new file.
    func replaceFile(with scratch: IndexStore) throws {
        guard let queue = scratch.database as? DatabaseQueue else {
            throw LBSearchError.corruptIndex(path: path)
        }
        try queue.close()
        for file in [path + "-wal", path + "-shm"] {
            try? FileManager.default.removeItem(atPath: file)
        }
        guard rename(Self.scratchPath(for: path), path) == 0 else {
            throw LBSearchError.writeFailed(path: path, reason: .system(errno: errno))
        }
    }

    /// Runs `body` on a writable copy of this index in the temporary folder, deleted after.
    func withTemporaryCopy<T>(_ body: (DatabaseQueue) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.path
        let copy = (folder as NSString).appendingPathComponent(
            "lbsearch-check-\(UUID().uuidString).db")
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let queue = try DatabaseQueue(path: copy, configuration: Self.configuration())
        defer { try? queue.close() }
        try database.backup(to: queue)
        return try body(queue)
    }
}
