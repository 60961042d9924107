import CLBSearchTokenizer
import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Bodies compressed with a dictionary trained from the index's own text ("v11", `dictionaries`):
/// frames naming it, frames naming none (the shipped dictionary) and raw deflate rows read back
/// side by side, each connection finding the dictionaries of its own index.
struct TrainedDictionaryTests {
    /// `count` generated news bodies (about 1.2 KB each) from `seed` on.
    static func bodies(_ count: Int, seed: UInt64 = 1) -> [String] {
        (0..<UInt64(count)).map { SyndicatedCorpus.body(seed + $0) }
    }

    /// A dictionary trained from `count` generated bodies, with zstd id `id` (0: from its content).
    static func dictionary(seed: UInt64 = 1, id: UInt32 = 0, count: Int = 300) throws
        -> BodyDictionary
    {
        let samples = bodies(count, seed: seed).map { Data($0.utf8) }
        return try #require(BodyDictionary.trained(from: samples, id: id))
    }

    /// The database the v10 dump describes, written into `folder`.
    static func v10Index(_ folder: TemporaryFolder) throws -> String {
        try schemaFixture("v10", in: folder)
    }

    /// The zstd dictionary id `data` names (0: none, or raw deflate).
    static func frameID(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { lbsearch_frame_dictionary($0.baseAddress, $0.count) }
    }

    /// Inserts a document titled `title` whose stored body is `body`, as the writer does.
    static func insert(_ title: String, body: Data, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO documents(path, title, body_z, size, mtime, hash)
                VALUES (?, ?, ?, 1, 1, 'h')
                """,
            arguments: ["/x/\(title).txt", title, body])
    }

    /// Every document's body as SQL reads it (`lbsearch_inflate`), by title.
    static func texts(_ reader: some DatabaseReader) throws -> [String: String] {
        try reader.read { db in
            var texts: [String: String] = [:]
            let sql = "SELECT title, lbsearch_inflate(body_z) AS body FROM documents"
            for row in try Row.fetchAll(db, sql: sql) { texts[row["title"]] = row["body"] }
            return texts
        }
    }

    @Test func aTrainedDictionaryHasAnIdAndReadsItsOwnFramesOnly() throws {
        let one = try Self.dictionary()
        #expect(one.zstdID >= 32768)
        let text = Self.bodies(1, seed: 5000)[0]
        let frame = one.compressed(text)
        #expect(Self.frameID(frame) == one.zstdID)
        #expect(one.decompressed(frame) == text)
        #expect(frame.count < StoredText.compressed(text).count)
        // Without its dictionary a frame is damaged, as are frames of another dictionary.
        #expect(StoredText.decompressed(frame) == nil)
        #expect(try Self.dictionary(seed: 900).decompressed(frame) == nil)
        // Frames naming none, and raw deflate, read as before.
        #expect(one.decompressed(StoredText.compressed(text)) == text)
        #expect(Self.frameID(StoredText.compressed(text)) == 0)
    }

    @Test func trainingIsDeterministic() throws {
        let one = try Self.dictionary()
        let two = try Self.dictionary()
        #expect(one.data == two.data)
        #expect(one.zstdID == two.zstdID)
        let text = Self.bodies(1, seed: 7000)[0]
        #expect(one.compressed(text) == two.compressed(text))
        #expect(try Self.dictionary(seed: 500).zstdID != one.zstdID)
    }

    /// Raw deflate rows (the v9 fixture), shipped-dictionary frames and trained-dictionary frames
    /// in one index: the triggers, the doctor's integrity check, 'rebuild' and search read all.
    @Test func framesWithAndWithoutIdAndDeflateRowsReadBack() throws {
        let folder = try TemporaryFolder()
        let store = try IndexStore.openForWriting(at: try ZstdBodiesTests.v9Index(folder))
        let dictionary = try Self.dictionary()
        try store.database.write { db in
            try dictionary.store(db)
            try Self.insert(
                "Trained", body: dictionary.compressed("The pier crane lifts cargo at dawn."), db)
            try Self.insert(
                "Shipped", body: StoredText.compressed("The pier lights come on at dusk."), db)
        }
        let stored = try store.database.read { db in
            try Data.fetchAll(db, sql: "SELECT body_z FROM documents ORDER BY id")
        }
        #expect(stored.map(Self.frameID).filter { $0 == dictionary.zstdID }.count == 1)
        #expect(stored.filter { !ZstdBodiesTests().isZstd($0) }.count == 5)
        let texts = try Self.texts(store.database)
        #expect(texts["Trained"] == "The pier crane lifts cargo at dawn.")
        #expect(texts["Harbor lights"]?.contains("harbor") == true)
        #expect(try IndexDoctor(store: store).check().isHealthy)
        try store.database.write { db in
            try db.execute(sql: "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        }
        #expect(try IndexDoctor(store: store).check().isHealthy)
        let hits = try Searcher(store: store).search("pier").hits
        #expect(hits.map(\.title.text).sorted() == ["Shipped", "Trained"])
        let snippet = hits.first { $0.title.text == "Trained" }?.snippet
        #expect(
            snippet?.rendered(HighlightTests.markers) == "The ⟦pier⟧ crane lifts cargo at dawn.")
        // 'delete' reads the old body through the trigger.
        try store.database.write { db in
            try db.execute(sql: "DELETE FROM documents WHERE title = 'Trained'")
        }
        #expect(try IndexDoctor(store: store).check().isHealthy)
    }

    /// A connection opened, and used, before the dictionary was written finds it at its first
    /// frame naming it; a frame naming a dictionary the index lacks is damaged text.
    @Test func aReaderOpenedBeforeTrainingReadsLaterRows() throws {
        let folder = try TemporaryFolder()
        let store = try IndexStore.openForWriting(at: try Self.v10Index(folder))
        var configuration = Configuration()
        configuration.readonly = true
        configuration.prepareDatabase { db in StoredText.register(db) }
        let reader = try DatabaseQueue(path: store.path, configuration: configuration)
        defer { try? reader.close() }
        #expect(try Self.texts(reader).count == 5)
        let dictionary = try Self.dictionary()
        try store.database.write { db in
            try dictionary.store(db)
            try Self.insert("Later", body: dictionary.compressed("Storm closes the pier."), db)
        }
        #expect(try Self.texts(reader)["Later"] == "Storm closes the pier.")
        let other = try Self.dictionary(seed: 800)
        try store.database.write { db in
            try db.execute(sql: "DROP TRIGGER documents_fts_insert")
            try Self.insert("Unknown", body: other.compressed("Nobody can read this."), db)
        }
        #expect {
            try reader.read { db in
                try String.fetchOne(
                    db,
                    sql: "SELECT lbsearch_inflate(body_z) FROM documents WHERE title = 'Unknown'")
            }
        } throws: { error in
            (error as? DatabaseError)?.message == "lbsearch_inflate: damaged stored text"
        }
    }

    /// Two indexes in one process whose dictionaries have the same zstd id but not the same
    /// content: each connection reads its own, whatever order they are read in.
    @Test func sameIdDictionariesInTwoIndexesDoNotMix() throws {
        let one = try Self.dictionary(seed: 1, id: 40_000)
        let two = try Self.dictionary(seed: 9000, id: 40_000)
        #expect(one.zstdID == two.zstdID)
        #expect(one.data != two.data)
        let text = Self.bodies(1, seed: 4242)[0]
        let stores = [try IndexStore.inMemory(), try IndexStore.inMemory()]
        for (store, dictionary) in zip(stores, [one, two]) {
            try store.database.write { db in
                try dictionary.store(db)
                try Self.insert("Story", body: dictionary.compressed(text), db)
            }
        }
        #expect(try two.decompressed(one.compressed(text)) != text)
        for store in stores + stores.reversed() {
            #expect(try Self.texts(store.database)["Story"] == text)
            #expect(try IndexDoctor(store: store).check().isHealthy)
        }
    }

    @Test func theFixtureIsAV10IndexWithShippedFrames() throws {
        let folder = try TemporaryFolder()
        let queue = try DatabaseQueue(path: try Self.v10Index(folder))
        defer { try? queue.close() }
        let last = try queue.read { db in
            try Schema.lastMigration(db)
        }
        #expect(last == Schema.zstdMigration)
        let bodies = try queue.read { db in
            try Data.fetchAll(db, sql: "SELECT body_z FROM documents")
        }
        #expect(bodies.count == 5)
        #expect(bodies.allSatisfy { ZstdBodiesTests().isZstd($0) && Self.frameID($0) == 0 })
    }

    /// A search reads a v10 index as it is; `lbsearch index` marks it "v11" and rewrites no
    /// body (the one notice is that of "v12", which rebuilds the full-text index).
    @Test func aV10IndexIsReadAsItIsAndMarkedByTheNextRun() throws {
        let folder = try TemporaryFolder()
        let path = try Self.v10Index(folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(IndexStore.upgradeNotice(at: path) == IndexStore.bodyFirstUpgradeNotice)
        let reader = try IndexStore.openForReading(at: path)
        let hits = try Searcher(store: reader).search("harbor").hits
        #expect(hits.map(\.title.text) == ["Harbor lights"])
        #expect(hits.first?.snippet.rendered(HighlightTests.markers).contains("⟦harbor⟧") == true)
        #expect(try IndexDoctor(store: reader).check().isHealthy)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let oldBodies = try Self.texts(reader.database)
        let store = try IndexStore.openForWriting(at: path)
        #expect(try store.status().schemaVersion == Schema.migrator.migrations.last)
        #expect(
            try store.database.read(IndexStore.appliedMigrations)
                .contains(Schema.trainedDictionaryMigration))
        #expect(try Self.texts(store.database) == oldBodies)
        #expect(try store.database.read { db in try db.tableExists("dictionaries") } == false)
    }
}

/// Compressing and reading one body with a dictionary directly, outside SQL.
extension BodyDictionary {
    /// `text` compressed with this dictionary.
    func compressed(_ text: String) -> Data {
        StoredText.compressed(text, with: self)
    }

    /// The text of `data`: a body compressed with this dictionary, the shipped one or raw
    /// deflate; nil when it is damaged or names another dictionary.
    func decompressed(_ data: Data) -> String? {
        data.withUnsafeBytes { bytes in
            var length = 0
            guard let text = lbsearch_codec_inflate(codec, bytes.baseAddress, bytes.count, &length)
            else { return nil }
            defer { free(text) }
            return String(
                decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
        }
    }
}
