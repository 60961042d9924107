import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A first build ends as small as its content: FTS5's final 'optimize' frees the pages of the
/// segments it merged, and the build gives them back.
struct FirstBuildTests {
    func freePages(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? -1 }
    }

    @Test func aFirstBuildOfSeveralBatchesLeavesNoFreePages() throws {
        let folder = try TemporaryFolder()
        for index in 0..<(Indexer.batchFiles * 2 + 10) {
            let words = (0..<150).map { "w\(($0 * 7 + index) % 997)" }.joined(separator: " ")
            try folder.write("docs/n\(index).txt", "Note \(index)\n\n\(words)")
        }
        let path = folder.file("index.db")
        let report = try Indexer.index(at: path, roots: [folder.file("docs")])
        #expect(report.added == Indexer.batchFiles * 2 + 10)
        #expect(try freePages(path) == 0)
        // A later, smaller run leaves its free pages for SQLite to reuse.
        try folder.write("docs/n0.txt", "Note 0\n\nchanged")
        _ = try Indexer.index(at: path, roots: [])
        let store = try IndexStore.openForReading(at: path)
        #expect(try Searcher(store: store).search("changed").hits.count == 1)
    }

    func pragma(_ name: String, _ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA \(name)") ?? -1 }
    }

    func writeNotes(_ count: Int, into folder: TemporaryFolder, from first: Int = 0) throws {
        for index in first..<(first + count) {
            let words = (0..<150).map { "w\(($0 * 7 + index) % 997)" }.joined(separator: " ")
            try folder.write("docs/n\(index).txt", "Note \(index)\n\nnote \(words)")
        }
    }

    /// The pages of the indexes on `documents`, by name.
    func documentIndexPages(_ db: Database) throws -> [String: Int] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT name, count(*) AS pages FROM dbstat
                WHERE name IN ('sqlite_autoindex_documents_1', 'documents_exact', 'documents_record')
                GROUP BY name
                """)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"], $0["pages"]) })
    }

    /// A first build and `--full` leave the indexes on `documents` as small as a `REINDEX`
    /// makes them (`IndexStore.repackDocumentIndexes`): rows go in by size (`RowPacking`), so
    /// their keys come in no order and would leave pages part full.
    @Test func aFirstBuildAndFullLeaveTheIndexesOnDocumentsFull() throws {
        let folder = try TemporaryFolder()
        for index in 0..<600 {
            let words = (0..<(20 + index * 37 % 400)).map { "w\(($0 * 7 + index) % 997)" }
            let name = "docs/a-longer-folder-name-for-paths/note-\(index * 7919 % 600).txt"
            try folder.write(name, "Note \(index)\n\n" + words.joined(separator: " "))
        }
        let path = folder.file("index.db")
        for full in [false, true] {
            _ = try Indexer.index(at: path, roots: [folder.file("docs")], full: full)
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            let built = try queue.read(documentIndexPages)
            #expect(built["sqlite_autoindex_documents_1", default: 0] > 3)
            let rebuilt = try queue.writeWithoutTransaction { db in
                try db.execute(sql: "REINDEX documents")
                return try documentIndexPages(db)
            }
            #expect(built == rebuilt)
        }
    }

    /// A first build gives back the pages its 'optimize' freed by `incremental_vacuum`, which
    /// moves only the pages after the first free one, instead of a `VACUUM` of the whole file:
    /// it turns incremental auto-vacuum on while the index is still empty.
    @Test func aFirstBuildTurnsOnIncrementalVacuum() throws {
        let folder = try TemporaryFolder()
        try writeNotes(Indexer.batchFiles * 2 + 10, into: folder)
        let path = folder.file("index.db")
        _ = try Indexer.index(at: path, roots: [folder.file("docs")])
        #expect(try pragma("auto_vacuum", path) == IndexStore.incrementalVacuum)
        #expect(try freePages(path) == 0)
        let store = try IndexStore.openForReading(at: path)
        #expect(try Searcher(store: store).search("note").total == Indexer.batchFiles * 2 + 10)
        try IndexDoctor(store: store).quickCheck()
    }

    /// An incremental run that leaves an eighth of the file free or more gives the pages back
    /// (`compactIfMostlyFree`); one that leaves none has nothing to do.
    @Test func anIncrementalRunGivesBackMostlyFreePages() throws {
        let folder = try TemporaryFolder()
        try writeNotes(300, into: folder)
        let path = folder.file("index.db")
        _ = try Indexer.index(at: path, roots: [folder.file("docs")])
        let before = try pragma("page_count", path)
        for index in 0..<200 {
            try FileManager.default.removeItem(atPath: folder.file("docs/n\(index).txt"))
        }
        let report = try Indexer.index(at: path, roots: [])
        #expect(report.removed == 200)
        #expect(try freePages(path) == 0)
        #expect(try pragma("page_count", path) < before)
        let store = try IndexStore.openForWriting(at: path)
        #expect(try Searcher(store: store).search("note").total == 100)
        try IndexDoctor(store: store).quickCheck()
        #expect(try store.compactIfMostlyFree() == false)
    }

    /// An index made before (auto-vacuum off) that holds no document yet gets it at its first
    /// build; one that holds documents keeps its setting, which only a `VACUUM` of the whole
    /// file could change.
    @Test func onlyAnIndexWithoutDocumentsChangesItsVacuumMode() throws {
        let folder = try TemporaryFolder()
        try writeNotes(20, into: folder)
        let empty = folder.file("empty.db")
        _ = try IndexStore.openForWriting(at: empty)
        #expect(try pragma("auto_vacuum", empty) == 0)
        _ = try Indexer.index(at: empty, roots: [folder.file("docs")])
        #expect(try pragma("auto_vacuum", empty) == IndexStore.incrementalVacuum)

        let older = folder.file("older.db")
        _ = try Indexer.index(at: older, roots: [folder.file("docs")])
        let queue = try DatabaseQueue(path: older)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA auto_vacuum = NONE")
            try db.execute(sql: "VACUUM")
        }
        try queue.close()
        try writeNotes(5, into: folder, from: 20)
        let report = try Indexer.index(at: older, roots: [])
        #expect(report.added == 5)
        #expect(try pragma("auto_vacuum", older) == 0)
        let store = try IndexStore.openForReading(at: older)
        #expect(try Searcher(store: store).search("note").total == 25)
    }

    /// `compact` gives back every free page with either setting.
    @Test(arguments: ["NONE", "INCREMENTAL"])
    func compactGivesBackFreePages(mode: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA auto_vacuum = \(mode)")
            try db.execute(sql: "CREATE TABLE t(x); CREATE TABLE u(y)")
            for _ in 0..<200 {
                try db.execute(sql: "INSERT INTO t VALUES (randomblob(3000))")
                try db.execute(sql: "INSERT INTO u VALUES (randomblob(3000))")
            }
            try db.execute(sql: "DELETE FROM t")
        }
        try queue.close()
        #expect(try freePages(path) > 100)
        let store = IndexStore(database: try DatabasePool(path: path), path: path)
        try store.compact()
        #expect(try freePages(path) == 0)
        #expect(
            try store.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM u") }
                == 200)
    }

    func merging(_ store: IndexStore) throws -> [String] {
        try store.database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT k || '=' || v FROM documents_fts_config
                    WHERE k IN ('automerge', 'crisismerge') ORDER BY k
                    """)
        }
    }

    /// A first build merges no FTS5 segments until its 'optimize'; FTS5's defaults are written
    /// back only where they were changed.
    @Test func bulkMergingIsSetAndPutBack() throws {
        let store = try IndexStore.inMemory()
        try store.database.write { db in try IndexStore.setMerging(bulk: false, db) }
        #expect(try merging(store) == [])
        try store.database.write { db in try IndexStore.setMerging(bulk: true, db) }
        #expect(try merging(store) == ["automerge=0", "crisismerge=1000"])
        try store.database.write { db in try IndexStore.setMerging(bulk: false, db) }
        #expect(try merging(store) == ["automerge=4", "crisismerge=16"])
    }
}
