import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// An index written by the release before the preset dictionary ("v5", the committed dump
/// `Fixtures/index-v5.sql`): its bodies read the same through today's `lbsearch_inflate`, a
/// search refuses it untouched and names `lbsearch index`, which compresses the bodies again,
/// smaller, and leaves results as they were.
struct DictionaryMigrationTests {
    /// The database the v5 dump describes, written into `folder`.
    static func v5Index(_ folder: TemporaryFolder) throws -> String {
        try schemaFixture("v5", in: folder)
    }

    static let harbor =
        "The old harbor lights guide the night ferries home. The harbor and the ferries and the lights of the harbor, said the old harbor master, are the oldest in the country."

    /// Each document's title, decompressed body and compressed size, by id.
    func bodies(_ store: IndexStore) throws -> [String: (body: String, size: Int)] {
        try store.database.read { db in
            var bodies: [String: (String, Int)] = [:]
            for row in try Row.fetchAll(
                db,
                sql:
                    "SELECT title, lbsearch_inflate(body_z) AS body, length(body_z) AS size FROM documents"
            ) {
                bodies[row["title"]] = (row["body"], row["size"])
            }
            return bodies
        }
    }

    @Test func theFixtureIsAV5Index() throws {
        let folder = try TemporaryFolder()
        let queue = try DatabaseQueue(path: try Self.v5Index(folder))
        defer { try? queue.close() }
        let last = try queue.read { db in
            try Schema.lastMigration(db)
        }
        #expect(last == Schema.compressionMigration)
    }

    @Test func oldBodiesReadTheSameAndASearchSaysToRunIndex() throws {
        let folder = try TemporaryFolder()
        let path = try Self.v5Index(folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: LBSearchError.outdatedIndex(path: path)) {
            try IndexStore.openForReading(at: path)
        }
        #expect(IndexStore.upgradeNotice(at: path) == IndexStore.dictionaryUpgradeNotice)
        let old = try IndexStore.openForReading(at: path, outdated: true)
        #expect(try bodies(old)["Harbor lights"]?.body == Self.harbor)
        #expect(try IndexDoctor(store: old).check().isHealthy)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func indexingCompressesAgainSmallerWithTheSameResults() throws {
        let folder = try TemporaryFolder()
        let path = try Self.v5Index(folder)
        let old = try bodies(IndexStore.openForReading(at: path, outdated: true))
        let store = try IndexStore.openForWriting(at: path)
        #expect(try store.status().schemaVersion == Schema.migrator.migrations.last)
        #expect(IndexStore.upgradeNotice(at: path) == nil)
        let new = try bodies(store)
        #expect(new.mapValues(\.body) == old.mapValues(\.body))
        let harbor = try #require(new["Harbor lights"]?.size)
        #expect(harbor < (old["Harbor lights"]?.size ?? 0))
        let expected: [(String, String)] = [
            ("ferries", "The old harbor lights guide the night ⟦ferries⟧ home. The harbor and the"),
            ("アニメ", "新作⟦アニメ⟧の放送が始まる。"),
            ("tag:garden glass", "A winter garden keeps its green under ⟦glass⟧."),
            ("studio", "A new policy for the library and its ⟦studio⟧."),
        ]
        for (query, snippet) in expected {
            let hits = try Searcher(store: store).search(query).hits
            #expect(
                hits.map { $0.snippet.rendered(HighlightTests.markers) }.first?.hasPrefix(snippet)
                    == true, "\(query)")
        }
        #expect(try IndexDoctor(store: store).check().isHealthy)
    }

    @Test func commonEnglishCompressesWithTheDictionary() {
        // Too short to repeat itself: without the dictionary it is stored nearly as is. Raw
        // deflate (before "v10") took 36 bytes of its 75; a zstd frame with the dictionary takes
        // 61 (9 of them the frame's header), and 70 without it (`zstd -5`). Over the bodies of
        // `large` zstd stores 3 % more than deflate did (`StoredText.level`).
        let text = "The report said that the market would have been more open to their studio."
        #expect(StoredText.compressed(text).count <= 61)
        #expect(StoredText.decompressed(StoredText.compressed(text)) == text)
    }
}
