import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

struct FullRebuildTests {
    @Test func fullRebuildReportsAgainstTheOldIndexAndKeepsHistory() throws {
        let folder = try TemporaryFolder()
        try folder.write("a/one.txt", "One\n\nfirst words")
        try folder.write("a/two.txt", "Two\n\nsecond words")
        try folder.write("b/three.txt", "Three\n\nthird words")
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.file("a")])
        try FileManager.default.removeItem(atPath: folder.file("a/two.txt"))
        try folder.write("a/four.txt", "Four\n\nfourth words")
        let report = try Indexer(store: store).run(roots: [folder.file("b")], full: true)
        #expect(
            (report.added, report.updated, report.removed, report.moved, report.unchanged) == (
                2, 1, 1, 0, 0
            ))
        #expect(report.tokenized == 3)
        #expect(try store.roots() == [folder.file("a"), folder.file("b")])
        #expect(try Searcher(store: store).search("words").hits.count == 3)
        let runs = try store.database.read { db in
            try Row.fetchAll(db, sql: "SELECT full, result FROM runs ORDER BY id")
        }
        #expect(runs.map { $0["full"] as Bool } == [false, true])
        #expect(runs.map { $0["result"] as String } == ["ok", "ok"])
        #expect(!FileManager.default.fileExists(atPath: IndexStore.scratchPath(for: store.path)))
        #expect(try IndexDoctor(store: store).check().isHealthy)
        // The scratch index gave back its free pages by incremental auto-vacuum, and the copy
        // keeps that setting.
        let vacuum = try store.database.read { db in
            try Int.fetchOne(db, sql: "PRAGMA auto_vacuum")
        }
        #expect(vacuum == IndexStore.incrementalVacuum)
    }

    @Test func fullRebuildInMemory() throws {
        let (store, folder) = try indexedStore([
            "a.txt": "Alpha\n\nwords", "b.txt": "Beta\n\nwords",
        ])
        let report = try Indexer(store: store).run(roots: [], full: true)
        #expect((report.added, report.updated, report.tokenized) == (0, 2, 2))
        #expect(try store.documentCount() == 2)
        withExtendedLifetime(folder) {}
    }

    @Test func anUnchangedReindexTokenizesNothing() throws {
        let (store, folder) = try indexedStore([
            "a.txt": "Alpha\n\nwords", "b.jsonl": "{\"_id\": \"1\", \"text\": \"x\"}\n",
        ])
        #expect(try Indexer(store: store).run(roots: []).tokenized == 0)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_000)],
            ofItemAtPath: folder.file("a.txt"))
        let touched = try Indexer(store: store).run(roots: [])
        #expect((touched.tokenized, touched.unchanged) == (0, 2))
    }
}
