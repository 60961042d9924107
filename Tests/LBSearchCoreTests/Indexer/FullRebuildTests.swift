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

    /// A feed of `items` (guid, title, text), as RSS 2.0.
    static func rss(_ items: [(String, String, String)]) -> String {
        let body = items.map {
            "<item><guid>\($0.0)</guid><title>\($0.1)</title><description>\($0.2)</description></item>"
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed</title>"
            + body.joined() + "</channel></rss>"
    }

    /// Each document's fingerprint columns by title; none is left out of a copy.
    static func fingerprints(_ store: IndexStore) throws -> [String: [Int64?]] {
        try store.database.read { db in
            var keys: [String: [Int64?]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT title, exact_key, near_key FROM documents")
            {
                keys[row["title"]] = [row["exact_key"], row["near_key"]]
            }
            return keys
        }
    }

    /// The items a feed no longer lists, which `--full` copies from the old index, keep every
    /// stored column, the fingerprints among them: a copy of one still collapses with it.
    @Test func anArchivedFeedItemKeepsItsFingerprintsAndCollapses() throws {
        let folder = try TemporaryFolder()
        let story = (1...30).map { "stripes\($0 % 7) confuse biting flies" }.joined(separator: " ")
        try folder.write(
            "feeds/gazette.rss",
            Self.rss([
                ("z-1", "Zebras cross", "A herd crossed at dawn."), ("z-2", "Stripes", story),
            ]))
        try folder.write("feeds/wire.rss", Self.rss([("w-2", "Stripes", story)]))
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.file("feeds")])
        try folder.write("feeds/gazette.rss", Self.rss([("z-3", "Foals", "Foals stand.")]))
        _ = try Indexer(store: store).run(roots: [])
        let before = try Self.fingerprints(store)
        #expect(before["Stripes"]?.allSatisfy { $0 != nil } == true)
        _ = try Indexer(store: store).run(roots: [], full: true)
        #expect(try store.documentCount() == 4)
        #expect(try Self.fingerprints(store) == before)
        var options = SearchOptions(limit: 10, offset: 0)
        options.suggest = false
        let hits = try Searcher(store: store).search("biting flies", options: options).hits
        #expect(hits.count == 1)
        #expect(hits.first?.copies.count == 1)
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
