import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A first build ends as small as its content: FTS5's final 'optimize' frees the pages of the
/// segments it merged, and the build gives them back.
struct FirstBuildTests {
    func freePages(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? -1 }
    }

    @Test func aFirstBuildOfSeveralBatchesLeavesNoFreePages() throws {
        let folder = try TemporaryFolder()
        for index in 0..<(Indexer.batchFiles * 2 + 10) {
            let words = (0..<150).map { "w\(($0 * 7 + index) % 997)" }.joined(separator: " ")
            try folder.write("docs/n\(index).txt", "Note \(index)\n\n\(words)")
        }
        let path = folder.file("index.db")
        let report = try Indexer.index(at: path, roots: [folder.file("docs")])
        #expect(report.added == Indexer.batchFiles * 2 + 10)
        #expect(try freePages(path) == 0)
        // A later, smaller run leaves its free pages for SQLite to reuse.
        try folder.write("docs/n0.txt", "Note 0\n\nchanged")
        _ = try Indexer.index(at: path, roots: [])
        let store = try IndexStore.openForReading(at: path)
        #expect(try Searcher(store: store).search("changed").hits.count == 1)
    }

    func merging(_ store: IndexStore) throws -> [String] {
        try store.database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT k || '=' || v FROM documents_fts_config
                    WHERE k IN ('automerge', 'crisismerge') ORDER BY k
                    """)
        }
    }

    /// A first build merges no FTS5 segments until its 'optimize'; FTS5's defaults are written
    /// back only where they were changed.
    @Test func bulkMergingIsSetAndPutBack() throws {
        let store = try IndexStore.inMemory()
        try store.database.write { db in try IndexStore.setMerging(bulk: false, db) }
        #expect(try merging(store) == [])
        try store.database.write { db in try IndexStore.setMerging(bulk: true, db) }
        #expect(try merging(store) == ["automerge=0", "crisismerge=1000"])
        try store.database.write { db in try IndexStore.setMerging(bulk: false, db) }
        #expect(try merging(store) == ["automerge=4", "crisismerge=16"])
    }
}
