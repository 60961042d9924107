import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

struct IndexerTests {
    func count(_ store: IndexStore, _ sql: String) throws -> Int {
        try store.database.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    func titles(_ store: IndexStore, _ query: String) throws -> [String] {
        try Searcher(store: store).search(query, options: SearchOptions(match: .all)).hits.map(
            \.title.text)
    }

    @Test func firstRunAddsAndSecondRunChangesNothing() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "Alpha\n\nfirst body")
        try folder.write("sub/b.md", "# Beta\n\nsecond body")
        try folder.write(".hidden/c.txt", "Hidden\n\nnever indexed")
        let store = try IndexStore.inMemory()
        let first = try Indexer(store: store).run(roots: [folder.path])
        #expect((first.added, first.skipped) == (2, 0))
        let second = try Indexer(store: store).run(roots: [])
        #expect((second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 2))
        #expect(try titles(store, "body").sorted() == ["Alpha", "Beta"])
    }

    @Test func changedRemovedMovedAndTouchedFiles() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "Alpha\n\nold words")
        try folder.write("b.txt", "Beta\n\nstays")
        try folder.write("c.txt", "Gamma\n\nwill move")
        try folder.write("d.txt", "Delta\n\nwill go")
        let store = try IndexStore.inMemory()
        _ = try Indexer(store: store).run(roots: [folder.path])

        try folder.write("a.txt", "Alpha\n\nnew words")
        try FileManager.default.createDirectory(
            atPath: folder.file("moved"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            atPath: folder.file("c.txt"), toPath: folder.file("moved/c2.txt"))
        try FileManager.default.removeItem(atPath: folder.file("d.txt"))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_000_000)],
            ofItemAtPath: folder.file("b.txt"))
        let report = try Indexer(store: store).run(roots: [])
        #expect(
            (report.added, report.updated, report.moved, report.removed, report.unchanged) == (
                0, 1, 1, 1, 1
            ))
        #expect(try titles(store, "old").isEmpty)
        #expect(try titles(store, "new") == ["Alpha"])
        #expect(try titles(store, "move") == ["Gamma"])
        #expect(try titles(store, "go").isEmpty)
        #expect(
            try count(store, "SELECT count(*) FROM documents WHERE path LIKE '%moved/c2.txt'") == 1)
        #expect(try count(store, "SELECT count(*) FROM files") == 3)
    }

    @Test func jsonlRecordsAreTrackedById() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "c.jsonl",
            """
            {"_id": "1", "title": "One", "text": "first record"}
            {"_id": "2", "title": "Two", "text": "second record"}
            not json
            {"title": "no id"}
            """)
        let store = try IndexStore.inMemory()
        var skips: [Skip] = []
        let first = try Indexer(store: store).run(roots: [folder.path]) { skips.append($0) }
        #expect(first.added == 2)
        #expect(skips.map(\.line) == [3, 4])
        try folder.write(
            "c.jsonl",
            """
            {"_id": "1", "title": "One", "text": "first record"}
            {"_id": "3", "title": "Three", "text": "third record"}
            """)
        let second = try Indexer(store: store).run(roots: [])
        #expect((second.added, second.removed, second.unchanged) == (1, 1, 1))
        let hit = try #require(try Searcher(store: store).search("third").hits.first)
        #expect(hit.id == "3")
    }

    @Test func unreadableFilesAreSkippedNotFatal() throws {
        let folder = try TemporaryFolder()
        try folder.write("ok.txt", "Fine\n\ntext")
        try folder.write("empty.txt", "")
        try folder.write("binary.txt", Data([0x41, 0x00, 0x42]))
        try folder.write("latin1.txt", Data([0x63, 0x61, 0x66, 0xE9]))
        try folder.write("ignored.png", Data([0x89, 0x50]))
        let store = try IndexStore.inMemory()
        var skips: [Skip] = []
        let report = try Indexer(store: store).run(roots: [folder.path]) { skips.append($0) }
        #expect(report.added == 1)
        #expect(report.skipped == 3)
        #expect(Set(skips.map(\.reason)) == [.empty, .binary, .invalidEncoding])
    }

    @Test func aFileThatBecomesEmptyIsRemoved() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "Alpha\n\nwords")
        let store = try IndexStore.inMemory()
        _ = try Indexer(store: store).run(roots: [folder.path])
        try folder.write("a.txt", "")
        let report = try Indexer(store: store).run(roots: [])
        #expect((report.removed, report.skipped) == (1, 1))
        #expect(try count(store, "SELECT count(*) FROM documents") == 0)
    }

    @Test func missingRootIsAnError() throws {
        let store = try IndexStore.inMemory()
        #expect(throws: LBSearchError.rootNotFound(path: "/no/such/folder")) {
            try Indexer(store: store).run(roots: ["/no/such/folder"])
        }
        #expect(throws: LBSearchError.noRoots) { try Indexer(store: store).run(roots: []) }
    }

    @Test func ftsIndexStaysConsistent() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "Alpha\n\nwords")
        try folder.write("b.txt", "Beta\n\nmore words")
        let store = try IndexStore.inMemory()
        _ = try Indexer(store: store).run(roots: [folder.path])
        try folder.write("a.txt", "Alpha\n\nchanged")
        _ = try Indexer(store: store).run(roots: [])
        try store.database.write { db in
            try db.execute(
                sql: "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    /// A renamed folder of more files than one batch holds is moved, not read into the index
    /// again: the plan goes from batch to batch, so each missing file is claimed once, and a
    /// second copy of a moved file's content, found in a later batch, is new.
    @Test func aRenamedFolderLargerThanABatchIsMoved() throws {
        let folder = try TemporaryFolder()
        let files = Indexer.batchFiles + 44
        for n in 0..<files { try folder.write("old/\(n).txt", "Note \(n)\n\nwords \(n)") }
        let store = try IndexStore.inMemory()
        _ = try Indexer(store: store).run(roots: [folder.path])
        try FileManager.default.moveItem(atPath: folder.file("old"), toPath: folder.file("new"))
        try folder.write("z/copy.txt", "Note 0\n\nwords 0")
        let report = try Indexer(store: store).run(roots: [])
        #expect(
            (report.moved, report.added, report.removed, report.tokenized) == (files, 1, 0, 1))
        #expect(try count(store, "SELECT count(*) FROM documents WHERE path LIKE '%/old/%'") == 0)
        #expect(try count(store, "SELECT count(*) FROM documents") == files + 1)
    }
}

struct IndexBatchingTests {
    func entries(_ sizes: [Int64]) -> [FileEntry] {
        sizes.enumerated().map {
            FileEntry(path: "/r/\($0.offset).jsonl", size: $0.element, mtime: 0, format: .jsonl)
        }
    }

    @Test func batchesAreBoundedByFilesAndBytes() {
        let mb: Int64 = 1_048_576
        let sizes = Indexer.batches(entries([9 * mb, 9 * mb, 20 * mb, 1, 1])).map(\.count)
        #expect(sizes == [1, 1, 1, 2])
        let many = Indexer.batches(entries(Array(repeating: 10, count: 600))).map(\.count)
        #expect(many == [256, 256, 88])
        #expect(Indexer.batches([]).isEmpty)
    }

    /// A first build of many files writes at most `firstBuildBatches` batches, so FTS5 merges
    /// no segments on the way; any other run, or a first build of fewer files, batches 256.
    @Test func aLargeFirstBuildWritesFewerLargerBatches() {
        let limit = Indexer.firstBuildBatches
        #expect(limit < IndexStore.bulkCrisisMerge)
        #expect(Indexer.filesPerBatch(1_500, firstBuild: true) == Indexer.batchFiles)
        #expect(Indexer.filesPerBatch(1_000_000, firstBuild: false) == Indexer.batchFiles)
        for count in [limit * Indexer.batchFiles + 1, 1_000_000, 2_000_001] {
            let files = Indexer.filesPerBatch(count, firstBuild: true)
            #expect(files > Indexer.batchFiles)
            let batches = Indexer.batches(entries(Array(repeating: 10, count: count)), files: files)
            #expect(batches.count <= limit, "\(count)")
            #expect(batches.reduce(0) { $0 + $1.count } == count)
        }
        // Bytes still bound a batch.
        let mb: Int64 = 1_048_576
        let large = Indexer.batches(entries(Array(repeating: 6 * mb, count: 5)), files: 1_000)
        #expect(large.map(\.count) == [2, 2, 1])
    }

    /// A gzip file weighs what it holds decompressed (its trailer's size): a batch of them is
    /// held in memory decompressed, as large as a batch of plain files, not four times larger.
    @Test func aGzipFileCountsItsDecompressedBytes() throws {
        let folder = try TemporaryFolder()
        let line = #"{"_id": "a", "text": "the same words again and again"}"# + "\n"
        let text = String(repeating: line, count: 200_000)
        let path = try folder.write("a.jsonl.gz", try DamagedGzipTests.gzip(text))
        let size = try #require(
            FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64)
        let entry = FileEntry(path: path, size: size, mtime: 0, format: .jsonl)
        #expect(size < Int64(text.utf8.count) / 10)
        #expect(Indexer.textSize(entry) == Int64(text.utf8.count))
        let plain = FileEntry(path: "/r/a.jsonl", size: 5, mtime: 0, format: .jsonl)
        #expect(Indexer.textSize(plain) == 5)
        // Two of them (2 × 11 MB of text) no longer fit one batch of `batchBytes` (16 MB).
        #expect(Indexer.batches([entry, entry]).map(\.count) == [1, 1])
    }

    /// A root that vanished keeps its documents; `forget` removes them and the root.
    @Test func aMissingRootIsKeptUntilForgotten() throws {
        let folder = try TemporaryFolder()
        try folder.write("a/one.txt", "One\n\nwords")
        try folder.write("b/two.txt", "Two\n\nwords")
        let store = try IndexStore.inMemory()
        let indexer = Indexer(store: store)
        _ = try indexer.run(roots: [folder.file("a"), folder.file("b")])
        try FileManager.default.removeItem(atPath: folder.file("b"))
        let report = try indexer.run(roots: [])
        #expect(
            report.unavailableRoots == [
                RootStatus(root: folder.file("b"), state: .missing, documents: 1)
            ])
        #expect((report.removed, report.skipped) == (0, 0))
        #expect(try store.rootStates().map(\.state) == [.available, .missing])
        #expect(try indexer.forget([folder.file("b")]).removed == 1)
        #expect(try store.roots() == [folder.file("a")])
        #expect(try store.documentCount() == 1)
        #expect(throws: LBSearchError.notARoot(path: folder.file("b"))) {
            try indexer.forget([folder.file("b")])
        }
    }

    /// A folder indexed again through a symbolic link is the same root: no document twice.
    @Test func aRootIndexedAgainThroughALinkIsNotDuplicated() throws {
        let folder = try TemporaryFolder()
        try folder.write("data/a.txt", "One\n\nwords")
        try folder.write("data/sub/b.txt", "Two\n\nwords")
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("link"), withDestinationPath: folder.file("data"))
        let store = try IndexStore.inMemory()
        let indexer = Indexer(store: store)
        _ = try indexer.run(roots: [folder.file("data")])
        for alias in ["link", "link/sub"] {
            let report = try indexer.run(roots: [folder.file(alias)])
            #expect((report.added, report.unchanged) == (0, 2), "\(alias)")
        }
        #expect(try store.roots() == [folder.file("data")])
        #expect(try store.documentCount() == 2)
    }
}
