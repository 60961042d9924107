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
            try database.writeWithoutTransaction { db in try Self.compact(db, vacuuming: true) }
        }
    }

    /// Gives back `db`'s free pages with `PRAGMA incremental_vacuum` when the index keeps
    /// pointer maps for it, else, when `vacuuming`, with a `VACUUM` (else they stay free, for
    /// later writes to reuse).
    static func compact(_ db: Database, vacuuming: Bool) throws {
        if try autoVacuum(db) == incrementalVacuum {
            try db.execute(sql: "PRAGMA incremental_vacuum")
        } else if vacuuming {
            try db.execute(sql: "VACUUM")
        }
    }

    /// Rebuilds the indexes on `documents` from their sorted keys (SQLite documentation,
    /// "REINDEX"), at the end of a first build, before `compact` gives back the pages it frees.
    ///
    /// A build fills them in row-id order, which `RowPacking` makes an order by row size, so
    /// every key lands somewhere in the middle and leaves its page part full; rebuilt, their
    /// pages are full. On 20,000 synthetic files `(path, record)` and `documents_exact` went
    /// from 1,146,880 and 356,352 bytes to 1,060,864 and 327,680 (0.08 s); on 200,000 JSONL
    /// records from 14.7 MB and 3.7 MB to 13.2 MB and 3.4 MB (0.86 s, `sqlite3` shell).
    static func repackDocumentIndexes(_ db: Database) throws {
        try db.execute(sql: "REINDEX documents")
    }

    /// Gives back the free pages of an index once they are an eighth of the file or more.
    ///
    /// Only with incremental auto-vacuum (`PRAGMA incremental_vacuum`, one transaction), never a
    /// `VACUUM`; returns whether it gave any back.
    /// An incremental run's FTS5 merge of the large segment a first build left writes the merged
    /// segment after the last page and frees the old one: on 20,000 synthetic files the second
    /// run of 200 changed files left 5,555 of 20,011 pages free (58.0 → 82.0 MB), which later
    /// runs only slowly reuse.
    @discardableResult
    func compactIfMostlyFree() throws -> Bool {
        try translating(writing: true) {
            try database.writeWithoutTransaction { db in
                guard try Self.autoVacuum(db) == Self.incrementalVacuum else { return false }
                let free = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                guard free > 0, free * 8 >= pages else { return false }
                try db.execute(sql: "PRAGMA incremental_vacuum")
                return true
            }
        }
    }

    static func autoVacuum(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") ?? 0
    }
}
