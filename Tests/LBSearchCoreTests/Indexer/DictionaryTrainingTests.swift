import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// When a run trains the index's dictionary (`DictionaryTrainer`), and what carries it:
/// later runs, `--full` with archived feed items, and `doctor --repair`.
struct DictionaryTrainingTests {
    /// A JSONL file of `count` generated records (about 1.2 KB of text each) from `seed` on.
    static func records(_ count: Int, seed: UInt64 = 1) -> String {
        TrainedDictionaryTests.bodies(count, seed: seed).enumerated().map { index, body in
            #"{"_id": "r\#(index)", "title": "Story \#(index)", "text": "\#(body)"}"#
        }.joined(separator: "\n") + "\n"
    }

    /// Each stored body's zstd dictionary id, by record.
    static func frameIDs(_ store: IndexStore) throws -> [String: UInt32] {
        try store.database.read { db in
            var ids: [String: UInt32] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, record, body_z FROM documents") {
                let key = (row["path"] as String) + "#" + (row["record"] as String)
                ids[key] = TrainedDictionaryTests.frameID(row["body_z"])
            }
            return ids
        }
    }

    /// The zstd ids of the index's dictionaries; none without the table (made with the first).
    static func dictionaryIDs(_ store: IndexStore) throws -> [Int64] {
        try store.database.read { db in
            guard try db.tableExists("dictionaries") else { return [] }
            return try Int64.fetchAll(db, sql: "SELECT zstd_id FROM dictionaries ORDER BY zstd_id")
        }
    }

    @Test func aRunTrainsOnceItHasSeenEnoughBodies() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/records.jsonl", Self.records(1200))
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.file("docs")])
        let trained = try Self.dictionaryIDs(store)
        #expect(trained.count == 1)
        // The file completed the samples in the step that prepared it: all its bodies use it.
        let ids = try Self.frameIDs(store)
        #expect(ids.count == 1200)
        #expect(Set(ids.values).map(Int64.init) == trained)
        #expect(try IndexDoctor(store: store).check().isHealthy)
        let hits = try Searcher(store: store).search("lighthouse").hits
        #expect(!hits.isEmpty)
        #expect(hits[0].snippet.rendered(HighlightTests.markers).contains("⟦lighthouse⟧"))
        // A later run keeps the dictionary for its new bodies, and trains no other.
        try folder.write("docs/more.txt", "More\n\nThe lighthouse keeper retires.")
        _ = try Indexer(store: store).run(roots: [])
        #expect(try Self.dictionaryIDs(store) == trained)
        let more = try Self.frameIDs(store).first { $0.key.hasSuffix("more.txt#") }
        #expect(more.map { Int64($0.value) } == trained.first)
    }

    /// Runs of so many bytes of text, and the capacity of the dictionary each trains.
    static let capacities: [(Int64, Int)] = [
        (0, 112_640), (16_777_215, 112_640), (16_777_216, 262_144), (4_294_967_296, 262_144),
    ]

    /// A run of 16 MB of text or more trains the larger dictionary; a smaller run, and the
    /// samples alone, the smaller one.
    @Test(arguments: Self.capacities)
    func theDictionaryGrowsWithTheRun(textBytes: Int64, capacity: Int) throws {
        #expect(DictionaryTrainer.capacity(textBytes: textBytes) == capacity)
        #expect(DictionaryTrainer(nil, textBytes: textBytes).capacity == capacity)
    }

    /// Trained from the same samples, the larger capacity gives a larger dictionary, within it,
    /// that stores the text in fewer bytes.
    @Test func aLargerCapacityTrainsALargerDictionary() throws {
        let samples = TrainedDictionaryTests.bodies(3000).map { Data($0.utf8) }
        let small = try #require(BodyDictionary.trained(from: samples))
        let large = try #require(BodyDictionary.trained(from: samples, capacity: 262_144))
        #expect(small.data.count <= 112_640)
        #expect(large.data.count > small.data.count)
        #expect(large.data.count <= 262_144)
        let texts = TrainedDictionaryTests.bodies(200, seed: 9000)
        let sizes = [small, large].map { dictionary in
            texts.reduce(0) { $0 + dictionary.compressed($1).count }
        }
        #expect(sizes[1] < sizes[0])
        #expect(texts.allSatisfy { large.decompressed(large.compressed($0)) == $0 })
    }

    /// The same files give the same dictionary and the same stored bytes.
    @Test func indexingIsDeterministic() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/records.jsonl", Self.records(1100, seed: 3))
        let stored = try ["one.db", "two.db"].map { name in
            let store = try IndexStore.openForWriting(at: folder.file(name))
            _ = try Indexer(store: store).run(roots: [folder.file("docs")])
            return try store.database.read { db in
                (
                    try Data.fetchAll(db, sql: "SELECT data FROM dictionaries"),
                    try Data.fetchAll(db, sql: "SELECT body_z FROM documents ORDER BY record")
                )
            }
        }
        #expect(stored[0].0.count == 1)
        #expect(stored[0].0 == stored[1].0)
        #expect(stored[0].1 == stored[1].1)
    }

    /// Fewer bodies than the samples need: the shipped dictionary, as before "v11".
    @Test func aSmallCorpusKeepsTheShippedDictionary() throws {
        let folder = try TemporaryFolder()
        try GeneratedCorpus.write(60, into: folder)
        try folder.write("corpus/records.jsonl", Self.records(200))
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.file("corpus")])
        #expect(try Self.dictionaryIDs(store).isEmpty)
        #expect(try store.database.read { db in try db.tableExists("dictionaries") } == false)
        let ids = try Self.frameIDs(store)
        #expect(ids.count == 260)
        #expect(ids.values.allSatisfy { $0 == 0 })
    }

    /// `--full` trains the new index's own dictionary; the old index's archived feed items,
    /// compressed with the old one, are copied readable.
    @Test func fullKeepsArchivedFeedItemsReadable() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/records.jsonl", Self.records(1200))
        try folder.write(
            "docs/wire.rss", FeedArchiveTests.feed([("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")]))
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.file("docs")])
        let old = try Self.dictionaryIDs(store)
        #expect(old.count == 1)
        #expect(try Self.frameIDs(store).values.allSatisfy { Int64($0) == old[0] })
        // Other text, so another dictionary; the feed drops Alpha, which stays archived.
        try folder.write("docs/records.jsonl", Self.records(1200, seed: 50_000))
        try folder.write("docs/wire.rss", FeedArchiveTests.feed([("b", "Beta"), ("c", "Gamma")]))
        // A connection open across the rebuild (`serve`) has the old dictionary cached.
        var configuration = Configuration()
        configuration.readonly = true
        configuration.prepareDatabase { db in StoredText.register(db) }
        let reader = try DatabaseQueue(path: store.path, configuration: configuration)
        defer { try? reader.close() }
        #expect(try TrainedDictionaryTests.texts(reader)["Story 5"] == SyndicatedCorpus.body(6))
        let indexer = Indexer(store: store)
        _ = try indexer.run(roots: [], full: true)
        let new = try Self.dictionaryIDs(store)
        #expect(new.count == 1)
        #expect(new != old)
        #expect(try IndexDoctor(store: store).check().isHealthy)
        let alpha = try Searcher(store: store).search("Alpha").hits
        #expect(alpha.map(\.title.text) == ["Alpha"])
        #expect(alpha.first?.snippet.rendered(HighlightTests.markers) == "about ⟦Alpha⟧ story")
        let texts = try TrainedDictionaryTests.texts(store.database)
        #expect(texts["Alpha"] == "about Alpha story")
        #expect(texts["Story 5"] == SyndicatedCorpus.body(50_005))
        #expect(try TrainedDictionaryTests.texts(reader) == texts)
    }

    /// `doctor --repair` copies the stored rows into a new file, the dictionary first.
    @Test func repairCarriesTheDictionary() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/records.jsonl", Self.records(1100))
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.file("docs")])
        let before = try TrainedDictionaryTests.texts(store.database)
        #expect(try Self.dictionaryIDs(store).count == 1)
        try store.rebuildFromStoredRows()
        #expect(try Self.dictionaryIDs(store).count == 1)
        #expect(try TrainedDictionaryTests.texts(store.database) == before)
        #expect(try IndexDoctor(store: store).check().isHealthy)
    }
}
