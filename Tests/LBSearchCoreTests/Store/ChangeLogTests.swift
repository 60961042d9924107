import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The change log: what each run added, changed, moved or removed, read back by
/// `IndexStore.exportChanges` as the lines `lbsearch export --changes-since` writes.
struct ChangeLogTests {
    let folder: TemporaryFolder
    let store: IndexStore

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("a.txt", "Alpha\n\nfirst text")
        try folder.write("b.txt", "Beta\n\nsecond")
        try folder.write("c.txt", "Gamma\n\nthird")
        try folder.write("r.jsonl", #"{"_id": "r1", "title": "R one", "text": "x"}"# + "\n")
        store = try IndexStore.inMemory()
        try index()
    }

    func index(full: Bool = false) throws {
        _ = try Indexer(store: store).run(roots: [folder.path], full: full)
    }

    /// The export since `run`, one short line a record: `-ID` removed, `+ID BODY` current.
    func changes(since run: Int64) throws -> [String] {
        var lines: [String] = []
        _ = try store.exportChanges(since: run, displayBase: folder.path) { record in
            switch record {
            case .deleted(let id): lines.append("-" + id)
            case .document(let document): lines.append("+\(document.id) \(document.body)")
            }
        }
        return lines
    }

    @Test func editRenameDeleteAndAddAreEachOneLine() throws {
        try folder.write("a.txt", "Alpha\n\nedited text")
        try FileManager.default.moveItem(
            atPath: folder.file("b.txt"), toPath: folder.file("b2.txt"))
        try FileManager.default.removeItem(atPath: folder.file("c.txt"))
        try folder.write("d.txt", "Delta\n\nnew")
        try index()
        #expect(
            try changes(since: 1) == [
                "-b.txt", "-c.txt", "+a.txt edited text", "+b2.txt second", "+d.txt new",
            ])
        #expect(try changes(since: 2) == [])
    }

    /// A touched file (same bytes, new time) is no change.
    @Test func aTouchIsNoChange() throws {
        let later = Date().addingTimeInterval(60)
        try FileManager.default.setAttributes(
            [.modificationDate: later], ofItemAtPath: folder.file("a.txt"))
        try index()
        #expect(try changes(since: 1) == [])
    }

    /// A record `_id` that another file starts to share changes the first holder's id too:
    /// the engine must drop `r1` and hold both qualified ids; and back when one goes.
    @Test func aSharedRecordIDRenamesItsOtherHolder() throws {
        try folder.write("s.jsonl", #"{"_id": "r1", "title": "R again", "text": "y"}"# + "\n")
        try index()
        #expect(try changes(since: 1) == ["-r1", "+r.jsonl#r1 x", "+s.jsonl#r1 y"])
        try FileManager.default.removeItem(atPath: folder.file("s.jsonl"))
        try index()
        #expect(try changes(since: 2) == ["-s.jsonl#r1", "-r.jsonl#r1", "+r1 x"])
        // Over both runs the engine ends where the index is: r1 as it was, nothing else.
        #expect(try changes(since: 1) == ["-s.jsonl#r1", "-r.jsonl#r1", "+r1 x"])
    }

    @Test func aFullRebuildStartsANewLog() throws {
        try index(full: true)
        #expect(throws: LBSearchError.export(.changesNotKept(run: 1, oldest: 2))) {
            try changes(since: 1)
        }
        try folder.write("d.txt", "Delta\n\nnew")
        try index()
        #expect(try changes(since: 2) == ["+d.txt new"])
    }

    @Test func aRunAfterTheNewestIsUnknown() throws {
        #expect(throws: LBSearchError.export(.unknownRun(run: 5, latest: 1))) {
            try changes(since: 5)
        }
    }

    /// Only the last `keptRuns` runs are kept: an older start is refused, never half answered.
    @Test func prunedRunsAreRefused() throws {
        for _ in 0..<Schema.keptRuns {
            _ = try store.beginRun(full: false)
        }
        let newest = Int64(Schema.keptRuns) + 1
        let oldest = newest - Int64(Schema.keptRuns)
        #expect(throws: LBSearchError.export(.changesNotKept(run: oldest - 1, oldest: oldest))) {
            try changes(since: oldest - 1)
        }
        #expect(try changes(since: oldest) == [])
    }

    /// The log starts after the first build (a full export is the same), so the first build
    /// leaves no rows in it; a later run's rows stay.
    @Test func theLogStartsAfterTheFirstBuild() throws {
        #expect(try store.status().changesSince == 1)
        #expect(try changes(since: 1) == [])
        #expect(try logged() == 0)
        try folder.write("a.txt", "Alpha\n\nedited")
        try index()
        #expect(try logged() == 1)
        #expect(try changes(since: 1) == ["+a.txt edited"])
    }

    /// Rows in the change log.
    func logged() throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM changes") ?? 0 }
    }

    /// An index written before "v6" gets the log without a rebuild: it starts at its newest
    /// run, and the next run's changes are in it. (The index is made one by taking the log
    /// out of a current one, its triggers as "v5" wrote them.)
    @Test func aV5IndexMovesForwardCheaply() throws {
        let place = try TemporaryFolder()
        let path = place.file("v5.db")
        let writer = try IndexStore.open(at: path, create: true)
        _ = try Indexer(store: writer).run(roots: [folder.path])
        try writer.database.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER ch_u; DROP TRIGGER documents_fts_insert;
                    DROP TRIGGER documents_fts_delete; DROP TABLE changes;
                    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
                        INSERT INTO documents_fts(rowid, title, body)
                        VALUES (new.id, new.title, lbsearch_inflate(new.body_z));
                    END;
                    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
                        INSERT INTO documents_fts(documents_fts, rowid, title, body)
                        VALUES ('delete', old.id, old.title, lbsearch_inflate(old.body_z));
                    END;
                    DELETE FROM meta WHERE key = 'changes_since';
                    DELETE FROM grdb_migrations WHERE identifier = ?
                    """, arguments: [Schema.changeLogMigration])
        }
        try (writer.database as? DatabasePool)?.close()
        let store = try IndexStore.openForWriting(at: path)
        #expect(try store.status().changesSince == 1)
        #expect(try store.documentCount() == 4)
        try folder.write("a.txt", "Alpha\n\nedited")
        _ = try Indexer(store: store).run(roots: [folder.path])
        var ids: [String] = []
        _ = try store.exportChanges(since: 1, displayBase: folder.path) { ids.append($0.id) }
        #expect(ids == ["a.txt"])
    }

    /// The schema (the log's triggers included) stays within the file's first page, so that a
    /// truncated index still names its roots for `index --full`.
    @Test func theSchemaFitsInTheFirstPage() throws {
        let place = try TemporaryFolder()
        let store = try IndexStore.open(at: place.file("i.db"), create: true)
        _ = try Indexer(store: store).run(roots: [folder.path])
        let pages = try store.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM dbstat WHERE name = 'sqlite_schema'")
        }
        #expect(pages == 1)
    }
}
