import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// How a batch reaches FTS5: new documents many to a statement, so a batch is one FTS5
/// segment, not one per document to be merged again (the cost of indexing CJK text).
struct IndexBatchWriteTests {
    /// Applies the files of `folder` to `store` as one batch (one transaction), as a run does.
    func applyAsOneBatch(_ folder: TemporaryFolder, _ store: IndexStore) throws -> IndexReport {
        var walker = FileWalker()
        walker.walk([folder.path])
        var plan = IndexPlan.make(found: walker.files, stored: [:], roots: [folder.path])
        let files = plan.toRead.map { PreparedFile($0, plan: &plan) }
        var batch = IndexBatch()
        var report = IndexReport()
        try store.database.write { db in try batch.apply(files, db, &report) }
        return report
    }

    func segments(_ store: IndexStore) throws -> Int {
        try store.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM documents_fts_idx") ?? -1
        }
    }

    @Test func aBatchOfManyFilesIsOneSegment() throws {
        let folder = try TemporaryFolder()
        for index in 0..<40 {
            try folder.write("note\(index).md", "# Note \(index)\n\n新作アニメの放送 episode \(index)")
        }
        let store = try IndexStore.inMemory()
        let report = try applyAsOneBatch(folder, store)
        #expect(report.added == 40)
        #expect(try segments(store) == 1)
        let hits = try store.database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '\"アニメ\"'")
        }
        #expect(hits == 40)
    }

    @Test func aJSONLFileOfMoreRecordsThanOneStatementTakesIsIndexedWhole() throws {
        let folder = try TemporaryFolder()
        let count = IndexBatch.rowsPerStatement + 3
        let lines = (0..<count).map {
            #"{"_id": "r\#($0)", "title": "記事 \#($0)", "text": "本文 word\#($0)"}"#
        }
        try folder.write("all.jsonl", lines.joined(separator: "\n"))
        let store = try IndexStore.inMemory()
        #expect(try applyAsOneBatch(folder, store).added == count)
        let (rows, ids, last) = try store.database.read { db in
            (
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '本文'"),
                try Int.fetchOne(db, sql: "SELECT max(id) FROM documents"),
                try String.fetchOne(
                    db, sql: "SELECT record FROM documents WHERE id = ?", arguments: [count])
            )
        }
        #expect((rows, ids, last) == (count, count, "r\(count - 1)"))
        #expect(try segments(store) == 2)
    }

    /// New records are written before removed ones are deleted: a new record never takes the
    /// id of a removed one, and a kept record keeps its id.
    @Test func newRecordsGetTheIdsTheyGotWhenInsertedOneByOne() throws {
        let folder = try TemporaryFolder()
        func records(_ ids: [String]) -> String {
            ids.map { #"{"_id": "\#($0)", "title": "\#($0)", "text": "text of \#($0)"}"# }.joined(
                separator: "\n")
        }
        try folder.write("a.jsonl", records(["a", "b", "c"]))
        let store = try IndexStore.inMemory()
        let indexer = Indexer(store: store)
        _ = try indexer.run(roots: [folder.path])
        let before = try ids(store)
        try folder.write("a.jsonl", records(["b", "d", "e"]))
        let report = try indexer.run(roots: [folder.path])
        #expect((report.added, report.removed, report.unchanged) == (2, 2, 1))
        let after = try ids(store)
        #expect(Set(before.values) == [1, 2, 3] && after["b"] == before["b"])
        #expect(Set([after["d"], after["e"]]) == [4, 5])
    }

    /// Each document's id by its record.
    func ids(_ store: IndexStore) throws -> [String: Int] {
        try store.database.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT record, id FROM documents")
                    .map { ($0["record"] as String, $0["id"] as Int) })
        }
    }

    @Test func indexingSetsTheFTS5WriteBuffer() throws {
        let (store, _) = try indexedStore(["a.txt": "One\n\nwords"])
        let size = try store.database.read { db in
            try Int.fetchOne(db, sql: "SELECT v FROM documents_fts_config WHERE k = 'hashsize'")
        }
        #expect(size == IndexStore.ftsHashSize)
    }
}
