import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// An index written by the release before compressed bodies ("v4b", the committed dump
/// `Fixtures/index-v4b.sql`): a read refuses it untouched and names `lbsearch index`, which
/// compresses its bodies, rebuilds its FTS5 index over them, and then searches, highlights and
/// updates it exactly as before.
struct StoredTextMigrationTests {
    /// The database the v4b dump describes, written into `folder`.
    static func previousReleaseIndex(_ folder: TemporaryFolder) throws -> String {
        try schemaFixture("v4b", in: folder)
    }

    @Test func theFixtureIsAPreviousReleaseIndex() throws {
        let folder = try TemporaryFolder()
        let queue = try DatabaseQueue(path: try Self.previousReleaseIndex(folder))
        defer { try? queue.close() }
        let (last, columns) = try queue.read { db in
            (
                try Schema.lastMigration(db),
                try db.columns(in: "documents").map(\.name)
            )
        }
        #expect(last == "v4b: index of documents by JSONL record id")
        #expect(columns.contains("body") && !columns.contains("body_z"))
    }

    @Test func aSearchSaysToRunIndexAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let path = try Self.previousReleaseIndex(folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: LBSearchError.outdatedIndex(path: path)) {
            try IndexStore.openForReading(at: path)
        }
        #expect(IndexStore.upgradeNotice(at: path) == IndexStore.compressionUpgradeNotice)
        #expect(
            try IndexDoctor(store: IndexStore.openForReading(at: path, outdated: true)).check()
                .isHealthy)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func indexingMigratesAndResultsAreTheSame() throws {
        let folder = try TemporaryFolder()
        let path = try Self.previousReleaseIndex(folder)
        let store = try IndexStore.openForWriting(at: path)
        #expect(try store.status().schemaVersion == Schema.migrator.migrations.last)
        #expect(IndexStore.upgradeNotice(at: path) == nil)
        let unfingerprinted = try store.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE exact_key IS NULL")
        }
        #expect(unfingerprinted == 0)
        let columns = try store.database.read { db in try db.columns(in: "documents").map(\.name) }
        #expect(columns.contains("body_z") && !columns.contains("body"))
        let searcher = Searcher(store: store)
        let expected: [(String, String)] = [
            ("ferries", "The old harbor lights guide the night ⟦ferries⟧ home."),
            ("アニメ", "新作⟦アニメ⟧の放送が始まる。"),
            ("tag:garden glass", "A winter garden keeps its green under ⟦glass⟧."),
            ("studio", "A new policy for the library and its ⟦studio⟧."),
        ]
        for (query, snippet) in expected {
            let hits = try searcher.search(query).hits
            #expect(
                hits.map { $0.snippet.rendered(HighlightTests.markers) } == [snippet], "\(query)")
        }
        #expect(try IndexDoctor(store: store).check().isHealthy)
    }

    /// After the migration the triggers pass decompressed text: a delete and an update leave the
    /// FTS5 index consistent with the stored rows (FTS5's integrity-check with rank 1 compares).
    @Test func updatesAfterTheMigrationKeepTheIndexConsistent() throws {
        let folder = try TemporaryFolder()
        let store = try IndexStore.openForWriting(at: try Self.previousReleaseIndex(folder))
        try store.database.write { db in
            try db.execute(sql: "DELETE FROM documents WHERE title = 'Harbor lights'")
            try db.execute(
                sql: "UPDATE documents SET body_z = ? WHERE title = 'Market report'",
                arguments: [StoredText.compressed("Prices at the harbor fell.")])
        }
        #expect(try IndexDoctor(store: store).check().isHealthy)
        let hits = try Searcher(store: store).search("harbor").hits
        #expect(hits.map(\.id) == ["m1"])
        #expect(
            hits.first?.snippet.rendered(HighlightTests.markers) == "Prices at the ⟦harbor⟧ fell.")
    }

    @Test func compressionRoundTrips() throws {
        for text in ["", "a", "新作アニメの放送", String(repeating: "winter garden ", count: 5000)] {
            #expect(StoredText.decompressed(StoredText.compressed(text)) == text)
        }
        #expect(StoredText.decompressed(Data([0xFF, 0x00, 0x12])) == nil)
        #expect(StoredText.compressed(String(repeating: "news ", count: 1000)).count < 100)
    }
}
