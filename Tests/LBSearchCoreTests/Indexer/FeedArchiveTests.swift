import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A feed file is an archive: its items are compared one by one, and an item that drops out
/// of the feed stays until the file is deleted or `--prune-feeds` asks.
struct FeedArchiveTests {
    /// An RSS 2.0 feed of items `(guid, title)`.
    static func feed(_ items: [(String, String)], channel: String = "Wire") -> String {
        let body = items.map { guid, title in
            "<item><guid>\(guid)</guid><title>\(title)</title>"
                + "<description>about \(title) story</description></item>"
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(channel)</title>"
            + body.joined(separator: "\n") + "</channel></rss>"
    }

    func records(_ store: IndexStore) throws -> [String] {
        try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT record FROM documents ORDER BY record")
        }
    }

    func run(_ store: IndexStore, prune: Bool = false, full: Bool = false) throws -> IndexReport {
        let indexer = Indexer(store: store)
        indexer.pruneFeeds = prune
        return try indexer.run(roots: [], full: full)
    }

    @Test func aRewrittenFeedKeepsItsOldItemsAndWritesOnlyNewOnes() throws {
        let folder = try TemporaryFolder()
        try folder.write("wire.rss", Self.feed([("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")]))
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        let first = try Indexer(store: store).run(roots: [folder.path])
        #expect((first.added, first.skipped) == (3, 0))
        try folder.write("wire.rss", Self.feed([("c", "Gamma"), ("d", "Delta"), ("e", "Epsilon")]))
        let second = try run(store)
        #expect((second.added, second.updated, second.removed, second.unchanged) == (2, 0, 0, 3))
        #expect(second.tokenized == 2)
        #expect(try records(store) == ["a", "b", "c", "d", "e"])
        #expect(try Searcher(store: store).search("Alpha").hits.map(\.title.text) == ["Alpha"])
        #expect(try IndexDoctor(store: store).check().isHealthy)
    }

    @Test func anItemThatChangesIsUpdatedInPlace() throws {
        let folder = try TemporaryFolder()
        try folder.write("wire.xml", Self.feed([("a", "Alpha"), ("b", "Beta")]))
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.path])
        try folder.write("wire.xml", Self.feed([("a", "Alpha"), ("b", "Bravo")]))
        let report = try run(store)
        #expect((report.added, report.updated, report.unchanged, report.tokenized) == (0, 1, 1, 1))
        #expect(try Searcher(store: store).search("Beta").hits.isEmpty)
    }

    @Test func droppedItemsGoWithTheDeletedFeedFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("wire.atom", Self.feed([("a", "Alpha"), ("b", "Beta")]))
        try folder.write("note.txt", "Note\n\nstays")
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.path])
        try folder.write("wire.atom", Self.feed([("b", "Beta")]))
        _ = try run(store)
        #expect(try records(store) == ["", "a", "b"])
        try FileManager.default.removeItem(atPath: folder.file("wire.atom"))
        let report = try run(store)
        #expect(report.removed == 2)
        #expect(try records(store) == [""])
    }

    @Test func pruneFeedsRemovesWhatTheFeedNoLongerLists() throws {
        let folder = try TemporaryFolder()
        try folder.write("wire.feed", Self.feed([("a", "Alpha"), ("b", "Beta")]))
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.path])
        try folder.write("wire.feed", Self.feed([("b", "Beta"), ("c", "Gamma")]))
        _ = try run(store)
        #expect(try records(store) == ["a", "b", "c"])
        // The file is unchanged since the last run: --prune-feeds reads it all the same.
        let pruned = try run(store, prune: true)
        #expect((pruned.removed, pruned.unchanged, pruned.tokenized) == (1, 2, 0))
        #expect(try records(store) == ["b", "c"])
    }

    @Test func aFeedThatBreaksKeepsItsItemsEvenWhenPruned() throws {
        let folder = try TemporaryFolder()
        try folder.write("wire.rss", Self.feed([("a", "Alpha"), ("b", "Beta")]))
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.path])
        // A download that fetched an error page instead of the feed.
        try folder.write("wire.rss", "<html><body>503 Service Unavailable</body></html>")
        var skips: [Skip] = []
        let report = try Indexer(store: store).run(roots: [], onSkip: { skips.append($0) })
        #expect(skips.map(\.reason) == [.notAFeed])
        #expect((report.removed, report.unchanged) == (0, 2))
        #expect(try records(store) == ["a", "b"])
        let pruned = try run(store, prune: true)
        #expect(pruned.removed == 0)
        // Cut short after the first item: the first is read again, the second kept.
        let whole = Self.feed([("a", "Alpha"), ("c", "Gamma")])
        let firstItem = try #require(whole.range(of: "</item>"))
        try folder.write("wire.rss", String(whole[..<firstItem.upperBound]) + "\n<item><gu")
        let cut = try run(store, prune: true)
        #expect(cut.removed == 0)
        #expect(try records(store) == ["a", "b"])
        #expect(try IndexDoctor(store: store).check().isHealthy)
    }

    @Test func aRenamedFeedTakesItsArchivedItemsAlong() throws {
        let folder = try TemporaryFolder()
        try folder.write("wire.rss", Self.feed([("a", "Alpha"), ("b", "Beta")]))
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.path])
        try folder.write("wire.rss", Self.feed([("b", "Beta")]))
        _ = try run(store)
        try FileManager.default.moveItem(
            atPath: folder.file("wire.rss"), toPath: folder.file("wire-renamed.xml"))
        let report = try run(store)
        #expect((report.moved, report.removed, report.tokenized) == (2, 0, 0))
        let paths = try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT path FROM documents")
        }
        #expect(paths == [folder.file("wire-renamed.xml")])
    }

    @Test func fullRebuildKeepsArchivedItemsUnlessPruning() throws {
        let folder = try TemporaryFolder()
        try folder.write("wire.rss", Self.feed([("a", "Alpha"), ("b", "Beta")]))
        try folder.write("gone.rss", Self.feed([("g", "Gone")]))
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.path])
        try folder.write("wire.rss", Self.feed([("b", "Beta"), ("c", "Gamma")]))
        try FileManager.default.removeItem(atPath: folder.file("gone.rss"))
        let full = try run(store, full: true)
        #expect(try records(store) == ["a", "b", "c"])
        #expect((full.added, full.removed) == (1, 1))
        #expect(try Searcher(store: store).search("Alpha").hits.map(\.title.text) == ["Alpha"])
        #expect(try IndexDoctor(store: store).check().isHealthy)
        _ = try run(store, prune: true, full: true)
        #expect(try records(store) == ["b", "c"])
    }
}
