import GRDB

/// Giving back the pages a first build's final merge leaves free.
///
/// FTS5's 'optimize' writes the merged index and then frees the segments it merged: on
/// `../shared/data/large` 7 % of the file. A `VACUUM` gives them back by copying the whole
/// file into a temporary one and back through the write-ahead log (three writes of every page,
/// and a serial second on that corpus, with nothing else left to overlap). With incremental
/// auto-vacuum (SQLite documentation, "PRAGMA auto_vacuum"), `PRAGMA incremental_vacuum` moves
/// only the pages after the first free one into the free ones and truncates the file. The
/// setting needs the pointer-map pages SQLite keeps from the file's first table on, so a
/// first build turns it on while the index is still empty, where the `VACUUM` that applies it
/// copies almost nothing.
extension IndexStore {
    /// `PRAGMA auto_vacuum` of an index whose free pages `incremental_vacuum` gives back.
    static let incrementalVacuum = 2

    /// Turns on incremental auto-vacuum unless it is on: called by a first build (an index
    /// with no file yet), whose `VACUUM` then copies only the empty schema and the history.
    func enableIncrementalVacuum() throws {
        try translating(writing: true) {
            try database.writeWithoutTransaction { db in
                guard try Self.autoVacuum(db) != Self.incrementalVacuum else { return }
                try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                try db.execute(sql: "VACUUM")
            }
        }
    }

    /// Gives back the file's free pages, in one transaction, so a killed one changes nothing:
    /// `PRAGMA incremental_vacuum` when the index keeps pointer maps for it, else `VACUUM`,
    /// which rewrites the whole file (SQLite documentation, "VACUUM").
    func compact() throws {
        try translating(writing: true) {
            try database.writeWithoutTransaction { db in
                if try Self.autoVacuum(db) == Self.incrementalVacuum {
                    try db.execute(sql: "PRAGMA incremental_vacuum")
                } else {
                    try db.execute(sql: "VACUUM")
                }
            }
        }
    }

    static func autoVacuum(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") ?? 0
    }
}
