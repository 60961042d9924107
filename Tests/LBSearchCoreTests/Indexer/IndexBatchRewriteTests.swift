import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Changed and gone documents reach FTS5 many to a statement (`IndexBatch+Rewrites`): a batch
/// of updates is one FTS5 segment, its deletions another, and every row keeps the id, change
/// log rows and tokens it had with one statement per document.
struct IndexBatchRewriteTests {
    /// `documents_fts` segments holding terms.
    func segments(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM documents_fts_idx") ?? -1
    }

    /// Each document's id by path and record (`PATH#RECORD`).
    func ids(_ db: Database) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT path, record, id FROM documents") {
            let (path, record, id): (String, String, Int64) = (
                row["path"], row["record"], row["id"]
            )
            ids[path + "#" + record] = id
        }
        return ids
    }

    /// The change log, one line a row: document id, path, record (`-` for NULL).
    func log(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT document, path, record FROM changes ORDER BY rowid")
            .map { row in
                let id: Int64? = row["document"]
                let path: String? = row["path"]
                let record: String? = row["record"]
                return "\(id.map(String.init) ?? "-") \(path ?? "-") \(record ?? "-")"
            }
    }

    /// Documents matching FTS5 query `match`.
    func count(_ match: String, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?",
            arguments: [match]) ?? -1
    }

    func integrityCheck(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    }

    /// A document of `path` and `record`, prepared with `pretokenizer`.
    func prepared(
        _ path: String, record: String = "", body: String, hash: String,
        _ pretokenizer: Pretokenizer
    ) throws -> (Document, Data, PreparedText) {
        let title = "Title of \(path) \(record)"
        let text = try #require(pretokenizer.prepare(title: title, body: body))
        let document = Document(
            path: path, record: record, title: title, body: body, contentHash: hash)
        return (document, text.compressed, text)
    }

    /// A batch of updates and removals adds two segments, one statement per document one each.
    ///
    /// Ten one-document files and a JSONL file of ten records change in one batch, in the
    /// reverse of their ids' order: five records and one file removed, fifteen documents
    /// updated; merging is off, so every segment written stays.
    @Test func aBatchOfUpdatesAndRemovalsIsTwoSegments() throws {
        let pretokenizer = try #require(Pretokenizer())
        let store = try IndexStore.inMemory()
        var batch = IndexBatch()
        let files = (0..<12).map { "/d\($0).txt" }
        let records = (0..<10).map { "r\($0)" }
        try store.database.write { db in
            try IndexStore.setMerging(bulk: true, db)
            for path in files {
                let (document, body, text) = try prepared(
                    path, body: "old words of \(path)", hash: "old", pretokenizer)
                batch.pending.append((document, body, text))
            }
            for record in records {
                let (document, body, text) = try prepared(
                    "/f.jsonl", record: record, body: "old words of \(record)", hash: "old",
                    pretokenizer)
                batch.pending.append((document, body, text))
            }
            try batch.insertPending(db)
            #expect(try segments(db) == 1)
        }
        let before = try store.database.read(ids)
        batch.replayed = 0
        var report = IndexReport()
        try store.database.write { db in
            let entry = FileEntry(path: "/f.jsonl", size: 1, mtime: 2, format: .jsonl)
            let changed = try records.prefix(5).reversed().map {
                try prepared(
                    "/f.jsonl", record: $0, body: "new text of \($0)", hash: "new", pretokenizer)
            }
            try batch.apply(
                .replace(entry, hash: "h"), documents: changed.map(\.0), bodies: changed.map(\.1),
                texts: changed.map(\.2), db, &report)
            for path in files.prefix(10).reversed() {
                let (document, body, text) = try prepared(
                    path, body: "new text of \(path)", hash: "new", pretokenizer)
                let entry = FileEntry(path: path, size: 1, mtime: 2, format: .text)
                try batch.apply(
                    .replace(entry, hash: "h"), documents: [document], bodies: [body],
                    texts: [text], db, &report)
            }
            try batch.apply([.remove(path: "/d11.txt")], db, &report)
            #expect(try segments(db) == 3)
            #expect(try count("new", db) == 15)
            #expect(try count("old", db) == 1)
            try integrityCheck(db)
        }
        #expect((report.updated, report.removed, report.tokenized) == (15, 6, 15))
        // Each update replays its old title (the same), its new body and its new title.
        #expect(batch.replayed == 3 * 15)
        let after = try store.database.read(ids)
        #expect(after.count == 16)
        #expect(after.allSatisfy { before[$0.key] == $0.value })
    }

    /// A run logs the rows one statement per document logged, and updates keep their ids.
    ///
    /// The change log names each updated document by its id with the path and record it had,
    /// each removed one by its path and record, and a moved one with its old path, in the
    /// order the batch now writes them.
    @Test func theChangeLogRowsOfOneRunAreThoseOfOneStatementPerDocument() throws {
        let folder = try TemporaryFolder()
        func records(_ ids: [String], _ words: String) -> String {
            ids.map { #"{"_id": "\#($0)", "title": "\#($0)", "text": "\#(words) \#($0)"}"# }
                .joined(separator: "\n")
        }
        try folder.write("a.jsonl", records(["a", "b", "c", "d"], "first"))
        try folder.write("one.md", "# One\n\nfirst text")
        try folder.write("two.md", "# Two\n\nfirst text of two")
        try folder.write("gone.md", "# Gone\n\nfirst text, gone")
        try folder.write("old/moved.md", "# Moved\n\nmoved text")
        let store = try IndexStore.inMemory()
        let indexer = Indexer(store: store)
        _ = try indexer.run(roots: [folder.path])
        let before = try store.database.read(ids)
        try store.database.write { db in try db.execute(sql: "DELETE FROM changes") }
        try folder.write("a.jsonl", records(["d", "a", "e"], "second"))
        try folder.write("one.md", "# One\n\nsecond text")
        try folder.write("two.md", "# Two\n\nsecond text of two")
        try FileManager.default.removeItem(atPath: folder.file("gone.md"))
        try FileManager.default.createDirectory(
            atPath: folder.file("new"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            atPath: folder.file("old/moved.md"), toPath: folder.file("new/moved.md"))
        let report = try indexer.run(roots: [folder.path])
        #expect(
            (report.added, report.updated, report.removed, report.moved) == (1, 4, 3, 1))
        let logged: [String] = try store.database.read(log)
        let after: [String: Int64] = try store.database.read(ids)
        let a = folder.file("a.jsonl")
        func key(_ file: (String, String)) -> String { file.0 + "#" + file.1 }
        func byID(_ x: (String, String), _ y: (String, String)) -> Bool {
            (before[key(x)] ?? 0) < (before[key(y)] ?? 0)
        }
        let updated: [(String, String)] = [
            (a, "a"), (a, "d"), (folder.file("one.md"), ""), (folder.file("two.md"), ""),
        ]
        let removed: [(String, String)] = [(a, "b"), (a, "c")]
        let moved = folder.file("old/moved.md")
        // The move as the batch meets it; then its inserts, its updates and its deletions, each
        // in id order; then the removed file, in the run's last transaction.
        var expected: [String] = []
        expected.append("\(before[moved + "#"] ?? -1) \(moved) ")
        expected.append("\(after[a + "#e"] ?? -1) - -")
        for file in updated.sorted(by: byID) {
            expected.append("\(before[key(file)] ?? -1) \(file.0) \(file.1)")
        }
        for file in removed.sorted(by: byID) { expected.append("- \(file.0) \(file.1)") }
        expected.append("- \(folder.file("gone.md")) ")
        #expect(logged == expected)
        for file in updated { #expect(after[key(file)] == before[key(file)], "\(file)") }
        try store.database.write(integrityCheck)
    }

    /// More changed records than one statement takes are updated in full statements and a
    /// shorter last one, every record keeping its id.
    @Test func moreUpdatesThanOneStatementTakesAreAllWritten() throws {
        let folder = try TemporaryFolder()
        let records = IndexBatch.rowsPerStatement + 6
        func lines(_ word: String) -> String {
            (0..<records).map {
                #"{"_id": "r\#($0)", "title": "t\#($0)", "text": "\#(word) \#($0)"}"#
            }
            .joined(separator: "\n")
        }
        try folder.write("all.jsonl", lines("before"))
        let store = try IndexStore.inMemory()
        let indexer = Indexer(store: store)
        _ = try indexer.run(roots: [folder.path])
        let before = try store.database.read(ids)
        try folder.write("all.jsonl", lines("after"))
        let report = try indexer.run(roots: [folder.path])
        #expect((report.updated, report.added, report.removed) == (records, 0, 0))
        let (new, old, kept) = try store.database.read { db in
            (try count("after", db), try count("before", db), try ids(db))
        }
        #expect((new, old) == (records, 0))
        #expect(kept == before)
        try store.database.write(integrityCheck)
    }
}
