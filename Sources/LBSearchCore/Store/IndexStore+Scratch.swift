import Foundation
import GRDB

/// A scratch index for `--full`: a new, empty database beside the live one (in memory for an
/// in-memory store), with the same page size so SQLite's backup API can copy it over a WAL
/// database. Left over scratch files (from a killed rebuild) are removed when the next one starts.
extension IndexStore {
    /// The `path` of an in-memory store.
    static let memoryPath = ":memory:"

    /// The scratch file for the index at `path`.
    public static func scratchPath(for path: String) -> String {
        path + ".rebuild"
    }

    /// A new empty, migrated scratch index.
    ///
    /// Its `path` is the live index's, so that errors name the file the user knows.
    func makeScratch() throws -> IndexStore {
        // A damaged index may not tell: its copy then takes its place as a file (`replaceFile`).
        let pageSize =
            (try? database.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") }) ?? 4096
        var config = Self.configuration()
        config.prepareDatabase { db in
            // Throwaway file: a crash only costs the rebuild, never the live index.
            try db.execute(sql: "PRAGMA page_size = \(pageSize)")
            try db.execute(sql: "PRAGMA journal_mode = MEMORY")
            try db.execute(sql: "PRAGMA synchronous = OFF")
        }
        let queue: DatabaseQueue
        if path != Self.memoryPath {
            Self.removeScratch(for: path)
            queue = try DatabaseQueue(path: Self.scratchPath(for: path), configuration: config)
        } else {
            queue = try DatabaseQueue(configuration: config)
        }
        try Schema.migrator.migrate(queue)
        try queue.write(Self.pauseChangeLog)
        return IndexStore(database: queue, path: path)
    }

    /// Closes this scratch index and deletes its file (if it has one).
    func discardScratch() {
        guard let queue = database as? DatabaseQueue else { return }
        try? queue.close()
        Self.removeScratch(for: path)
    }

    static func removeScratch(for path: String) {
        let scratch = scratchPath(for: path)
        for file in [scratch, scratch + "-journal"] {
            try? FileManager.default.removeItem(atPath: file)
        }
    }
}
