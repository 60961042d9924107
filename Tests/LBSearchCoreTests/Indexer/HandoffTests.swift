import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Tokens prepared off the writer and replayed by it (`PreparedText`, `Handoff`) are exactly
/// the tokenizer's own, and an index built with them is the index built without.
struct HandoffTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let corpus = here.appendingPathComponent("../../../corpus").standardizedFileURL.path
    static let japanese = here.appendingPathComponent("../../../../shared/data/ja")
        .standardizedFileURL.path

    /// Every text of the bundled corpus, as its files hold it and as extracted.
    static func corpusTexts() throws -> [String] {
        var texts: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus).sorted() {
            let path = corpus + "/" + name
            guard let data = FileManager.default.contents(atPath: path),
                let format = DocumentFormat(fileName: name)
            else { continue }
            texts.append(String(decoding: data, as: UTF8.self))
            let entry = FileEntry(path: path, size: Int64(data.count), mtime: 0, format: format)
            for document in DocumentReader.documents(in: data, entry: entry, hash: "").0 {
                texts += [document.title, document.body]
            }
        }
        return texts
    }

    /// Random text over the scripts and forms the tokenizer treats apart: ASCII words and
    /// punctuation, accented Latin, CJK, kana (full- and half-width), Hangul, full-width ASCII,
    /// combining marks, emoji, spaces and line breaks.
    static func randomText(_ random: inout SplitMix) -> String {
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x61...0x7A, 0xC0...0x17F, 0x300...0x36F, 0x3000...0x303F,
            0x3040...0x30FF, 0x4E00...0x4E80, 0xAC00...0xAC40, 0xFF01...0xFF5E, 0xFF61...0xFF9F,
            0xFFA0...0xFFDC, 0x1F600...0x1F64F, 0x0A...0x0A,
        ]
        var text = ""
        for _ in 0..<Int.random(in: 0...200, using: &random) {
            let range = ranges[Int.random(in: 0..<ranges.count, using: &random)]
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &random)) {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    @Test func replayEqualsTokenizingOverTheBundledCorpus() throws {
        let pretokenizer = try #require(Pretokenizer())
        let texts = try Self.corpusTexts()
        #expect(texts.count > 100)
        for text in texts {
            #expect(pretokenizer.replaysExactly(text), "\(text.prefix(80))")
        }
    }

    @Test func replayEqualsTokenizingOverTheJapaneseCorpus() throws {
        guard FileManager.default.fileExists(atPath: Self.japanese + "/corpus-00.jsonl") else {
            print("HandoffTests: skipped, no corpus at \(Self.japanese)")
            return
        }
        let pretokenizer = try #require(Pretokenizer())
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.japanese + "/corpus-00.jsonl"))
        let records = JSONLReader.read(data, path: "ja.jsonl").0.prefix(300)
        #expect(records.count == 300)
        for record in records {
            for text in [record.extracted.title ?? "", record.extracted.body] {
                #expect(pretokenizer.replaysExactly(text), "\(text.prefix(80))")
            }
        }
    }

    @Test func replayEqualsTokenizingOverRandomText() throws {
        let pretokenizer = try #require(Pretokenizer())
        var random = SplitMix(seed: SplitMix.testSeed)
        for _ in 0..<2_000 {
            let text = Self.randomText(&random)
            #expect(
                pretokenizer.replaysExactly(text),
                "seed \(SplitMix.testSeed): \(text.unicodeScalars.map { $0.value })")
        }
    }

    /// Builds an index of `folder` in one batch, with or without a pretokenizer.
    func build(_ folder: TemporaryFolder, pretokenizer: Pretokenizer?) throws -> (
        IndexStore, IndexBatch
    ) {
        var walker = FileWalker()
        walker.walk([folder.path])
        var plan = IndexPlan.make(found: walker.files, stored: [:], roots: [folder.path])
        let files = plan.toRead.map { PreparedFile($0, plan: &plan, pretokenizer: pretokenizer) }
        let store = try IndexStore.inMemory()
        var batch = IndexBatch()
        var report = IndexReport()
        try store.database.write { db in try batch.apply(files, db, &report) }
        return (store, batch)
    }

    func ftsData(_ store: IndexStore) throws -> [Row] {
        try store.database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, block FROM documents_fts_data ORDER BY id")
        }
    }

    @Test func anIndexBuiltWithReplayedTokensIsTheIndexBuiltWithout() throws {
        let folder = try TemporaryFolder()
        var random = SplitMix(seed: SplitMix.testSeed)
        var lines: [String] = []
        for index in 0..<(IndexBatch.rowsPerStatement + 50) {
            let record: [String: String] = [
                "_id": "r\(index)", "title": Self.randomText(&random),
                "text": Self.randomText(&random),
            ]
            let json = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            lines.append(String(decoding: json, as: UTF8.self))
        }
        try folder.write("random.jsonl", lines.joined(separator: "\n"))
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.corpus) {
            guard let data = FileManager.default.contents(atPath: Self.corpus + "/" + name)
            else { continue }
            try folder.write(name, data)
        }
        let pretokenizer = try #require(Pretokenizer())
        let (replayed, batch) = try build(folder, pretokenizer: pretokenizer)
        let (tokenized, plain) = try build(folder, pretokenizer: nil)
        let documents = try replayed.documentCount()
        #expect(documents > IndexBatch.rowsPerStatement)
        #expect(batch.replayed == 2 * documents, "seed \(SplitMix.testSeed)")
        #expect(plain.replayed == 0)
        #expect(try ftsData(replayed) == ftsData(tokenized), "seed \(SplitMix.testSeed)")
        try replayed.database.write { db in
            try db.execute(
                sql: "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        }
    }

    /// A changed document is written by an UPDATE whose trigger deletes the old text (tokenized,
    /// not replayed) before inserting the new one.
    @Test func anUpdatedDocumentReplaysOnlyItsNewText() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.jsonl", #"{"_id": "a", "title": "Same title", "text": "old words"}"#)
        let store = try IndexStore.inMemory()
        let indexer = Indexer(store: store)
        _ = try indexer.run(roots: [folder.path])
        try folder.write("a.jsonl", #"{"_id": "a", "title": "Same title", "text": "new words"}"#)
        let report = try indexer.run(roots: [folder.path])
        #expect(report.updated == 1)
        let counts = try store.database.read { db in
            (
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'new'"),
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'old'")
            )
        }
        #expect(counts == (1, 0))
        try store.database.write { db in
            try db.execute(
                sql: "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        }
    }

    /// The writer arms the hand-off in the index's column order, the body first since "v12":
    /// inserted documents replay both texts, and an UPDATE whose title is unchanged (its trigger
    /// tokenizes the old body and title, then the new ones) still replays the new body.
    @Test func theHandOffFollowsTheColumnOrder() throws {
        let pretokenizer = try #require(Pretokenizer())
        let store = try IndexStore.inMemory()
        var batch = IndexBatch()
        let titles = ["Same title", "Other title"]
        try store.database.write { db in
            #expect(try FieldLayout.read(db) == .bodyFirst)
            for (index, title) in titles.enumerated() {
                let text = try #require(
                    pretokenizer.prepare(title: title, body: "old words \(index)"))
                let document = Document(
                    path: "/d\(index)", title: title, body: "old words \(index)")
                batch.pending.append((document, text.compressed, text))
            }
            try batch.insertPending(db)
        }
        #expect(batch.replayed == 4)
        batch.replayed = 0
        let text = try #require(pretokenizer.prepare(title: "Same title", body: "new words"))
        let changed = Document(path: "/d0", title: "Same title", body: "new words")
        try store.database.write { db in
            try batch.update(changed, body: text.compressed, text: text, db)
            try batch.writePending(db)
        }
        // The old title matches among the old texts, then the new body and the new title.
        #expect(batch.replayed == 3)
        let counts = try store.database.read { db in
            try ["new", "old", "same"].map { word in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?",
                    arguments: [word])
            }
        }
        #expect(counts == [1, 1, 1])
        try store.database.write { db in
            try db.execute(
                sql: "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        }
    }
}
