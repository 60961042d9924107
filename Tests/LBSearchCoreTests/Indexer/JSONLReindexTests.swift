import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A changed JSONL file is read again, but only its new and changed records are extracted,
/// compressed and written: a line the index holds unchanged (same content hash) is kept.
struct JSONLReindexTests {
    static let lines = [
        #"{"_id": "1", "title": "One", "text": "first record"}"#,
        #"{"_id": "2", "title": "Two", "text": "second record"}"#,
        #"{"_id": "3", "title": "Three", "text": "third record"}"#,
    ]

    @Test func aKnownLineIsNotParsed() {
        // Not JSON at all: parsing it would skip it; known, it is record 7 unchanged.
        let line = "not json, but known"
        let known = [ContentHash.of(Data(line.utf8)): "7"]
        let (records, skips) = JSONLReader.read(Data(line.utf8), path: "/r/a.jsonl", known: known)
        #expect(skips.isEmpty)
        #expect(records.map(\.id) == ["7"])
        #expect(records.map(\.isKnown) == [true])
    }

    @Test func aKnownLineWithAnIDAlreadyReadIsADuplicate() {
        let lines = [Self.lines[0], Self.lines[0]].joined(separator: "\n")
        let known = [ContentHash.of(Data(Self.lines[0].utf8)): "1"]
        let (records, skips) = JSONLReader.read(Data(lines.utf8), path: "/r/a.jsonl", known: known)
        #expect(records.map(\.id) == ["1"])
        #expect(skips.map(\.reason) == [.duplicateID("1")])
    }

    @Test func onlyChangedRecordsArePrepared() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.jsonl", Self.lines.joined(separator: "\n"))
        let stored = [
            ContentHash.of(Data(Self.lines[0].utf8)): "1",
            ContentHash.of(Data(#"{"_id": "2", "title": "Two", "text": "old"}"#.utf8)): "2",
        ]
        let entry = FileEntry(path: path, size: 1, mtime: 5, format: .jsonl)
        var plan = IndexPlan.make(
            found: [entry],
            stored: [path: StoredFile(path: path, size: 0, mtime: 0, hash: "x", documents: 2)],
            roots: [folder.path])
        let file = PreparedFile(entry, plan: &plan) { $0 == path ? stored : [:] }
        #expect(file.kept.map(\.record) == ["1"])
        #expect(file.documents.map(\.record) == ["2", "3"])
        #expect(file.bodies.count == 2)
    }

    @Test func reindexKeepsUnchangedRecordsAndGivesThemTheFileTime() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.jsonl", Self.lines.joined(separator: "\n"))
        let store = try IndexStore.inMemory()
        #expect(try Indexer(store: store).run(roots: [folder.path]).added == 3)
        let changed = [
            Self.lines[0], #"{"_id": "2", "title": "Two", "text": "second record, rewritten"}"#,
            #"{"_id": "4", "title": "Four", "text": "fourth record"}"#,
        ]
        try folder.write("a.jsonl", changed.joined(separator: "\n"))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 2_000_000)], ofItemAtPath: path)
        let report = try Indexer(store: store).run(roots: [])
        #expect(
            (report.added, report.updated, report.removed, report.unchanged, report.tokenized)
                == (1, 1, 1, 1, 2))
        let hits = try Searcher(store: store).search("record").hits
        #expect(Set(hits.map(\.id)) == ["1", "2", "4"])
        #expect(try Searcher(store: store).search("rewritten").hits.map(\.id) == ["2"])
        let times = try store.database.read { db in
            try Double.fetchAll(db, sql: "SELECT DISTINCT mtime FROM documents")
        }
        #expect(times == [2_000_000])
        let third = try Indexer(store: store).run(roots: [])
        #expect((third.unchanged, third.tokenized) == (3, 0))
    }

    @Test func aKeptRecordWhoseHashChangedLeavesTheFileToTheNextRun() throws {
        let store = try IndexStore.inMemory()
        let entry = FileEntry(path: "/r/a.jsonl", size: 10, mtime: 5, format: .jsonl)
        var batch = IndexBatch()
        var report = IndexReport()
        let kept = [KeptRecord(record: "1", hash: "new", size: 10)]
        try store.database.write { db in
            try batch.store(
                [], of: entry, hash: "file", existing: ["1": "old"], kept: kept, db, &report)
        }
        #expect(
            try store.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM files")
            } == 0)
        #expect(report.unchanged == 0)
    }
}
