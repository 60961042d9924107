import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// "v14" keeps `documents_record` to the documents that have a record id
/// (`Schema.partialRecordMigration`): a new index has the partial index, an index of "v13" is
/// read as it is, and opening it for writing recreates the index with every row kept, after
/// which searches, `show`, exports, runs, the doctor, salvage and `--full` work as before, and
/// every statement that looked records up through the index still does.
struct PartialRecordIndexTests {
    /// The declaration of `documents_record`.
    static func declaration(_ db: Database) throws -> String {
        try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'documents_record'") ?? ""
    }

    /// How many entries `documents_record` holds (its cells, leaf and interior).
    static func entries(_ db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT coalesce(sum(ncell), 0) FROM dbstat WHERE name = 'documents_record'")
            ?? 0
    }

    /// Every row of `table`, every column as stored (value and storage class), by rowid.
    static func rows(of table: String, _ db: Database) throws -> [String] {
        let columns = try db.columns(in: table).map(\.name)
        let each = columns.map { "quote(\($0)) || ':' || typeof(\($0))" }
            .joined(separator: " || ' ' || ")
        return try String.fetchAll(db, sql: "SELECT \(each) FROM \(table) ORDER BY rowid")
    }

    /// Every `documents` row as stored.
    static func rows(_ db: Database) throws -> [String] { try rows(of: "documents", db) }

    /// The columns of `runs` as declared: name, type, NOT NULL, default, primary key.
    static func runsColumns(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT name || ' ' || type || ' ' || "notnull" || ' ' || quote(dflt_value) || ' ' || pk
                FROM pragma_table_info('runs')
                """)
    }

    /// How many pages `sqlite_schema` takes (1: within the file's first page).
    static func schemaPages(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM dbstat WHERE name = 'sqlite_schema'") ?? 0
    }

    /// The partial index's declaration, as "v14" writes it.
    static let partial = "CREATE INDEX documents_record ON documents(record)WHERE record<>''"

    /// What a reader sees of the index: the hits of a few searches (ids, titles, scores), the
    /// documents `show` finds by lone `_id` and `PATH#_id`, the lookup of a shared `_id`, the
    /// exported ids and the exact copies `similar` excludes.
    static func answers(_ store: IndexStore) throws -> [String] {
        var seen: [String] = []
        for query in ["ferry", "market", "garden OR harbor", "café", "アニメ"] {
            let hits = try Searcher(store: store).search(query).hits
            seen.append(
                query + ": "
                    + hits.map { "\($0.id) \($0.title.text) \($0.score)" }.joined(separator: "; "))
        }
        let lookup = DocumentLookup(store: store)
        for reference in [
            "r1", "r3", "/tmp/lbsearch-v13/docs/more.jsonl#r2", "/tmp/lbsearch-v13/docs/harbor.txt",
        ] {
            let document = try lookup.document(reference)
            seen.append("show \(reference): \(document.id) \(document.title.text)")
        }
        do {
            _ = try lookup.document("r2")
            seen.append("show r2: found")
        } catch LBSearchError.ambiguousDocument(_, let candidates) {
            seen.append("show r2: ambiguous \(candidates)")
        }
        var exported: [String] = []
        try store.exportDocuments(displayBase: "/tmp/lbsearch-v13") { record in
            if case .document(let document) = record {
                exported.append("\(document.id) \(document.hash)")
            }
        }
        seen.append("export: \(exported)")
        return seen
    }

    @Test func aNewIndexHoldsOnlyRecordsInTheRecordIndex() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/one.txt", "One\n\nfirst harbor words")
        try folder.write("docs/two.md", "# Two\n\nsecond garden words")
        try folder.write(
            "docs/records.jsonl",
            "{\"_id\": \"r1\", \"title\": \"R\", \"text\": \"ferry words\"}\n"
                + "{\"_id\": \"r2\", \"title\": \"S\", \"text\": \"other words\"}\n")
        let store = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: store).run(roots: [folder.file("docs")])
        #expect(try store.database.read(Self.declaration) == Self.partial)
        #expect(try store.database.read(Self.entries) == 2)
        #expect(try store.status().schemaVersion == Schema.migrator.migrations.last)
        #expect(try DocumentLookup(store: store).document("r2").title.text == "S")
    }

    @Test func theFixtureIsAV13IndexWithAFullRecordIndex() throws {
        let folder = try TemporaryFolder()
        let queue = try DatabaseQueue(path: try schemaFixture("v13", in: folder))
        defer { try? queue.close() }
        let last = try queue.read { db in
            try Schema.lastMigration(db)
        }
        #expect(last == Schema.filesKeyMigration)
        #expect(
            try queue.read(Self.declaration) == "CREATE INDEX documents_record ON documents(record)"
        )
        #expect(try queue.read(Self.entries) == 8)
        #expect(try queue.read(Self.rows).count == 8)
    }

    /// A search-side open reads a v13 index as it is and writes nothing; opening it for
    /// writing applies "v14": every `documents` row kept as stored, the same answers, four
    /// entries fewer in the record index (the whole-file documents), no free page left.
    @Test func aV13IndexIsReadAsItIsAndUpgradedWithEveryRow() throws {
        let folder = try TemporaryFolder()
        let path = try schemaFixture("v13", in: folder)
        let before = try DatabaseQueue(path: path)
        let stored = try before.read(Self.rows)
        let runs = try before.read { try Self.rows(of: "runs", $0) }
        let runsColumns = try before.read(Self.runsColumns)
        try before.close()
        #expect(runs.count == 1)
        #expect(runsColumns.count == 15)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(IndexStore.upgradeNotice(at: path) == nil)

        let reader = try IndexStore.openForReading(at: path)
        let answers = try Self.answers(reader)
        #expect(
            answers.contains(
                "show r2: ambiguous [\"/tmp/lbsearch-v13/docs/more.jsonl#r2\", \"/tmp/lbsearch-v13/docs/records.jsonl#r2\"]"
            ))
        #expect(answers.contains("show r1: r1 Market day"))
        #expect(try IndexDoctor(store: reader).check().isHealthy)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)

        let writer = try IndexStore.openForWriting(at: path)
        #expect(try writer.status().schemaVersion == Schema.migrator.migrations.last)
        #expect(try writer.database.read(Self.declaration) == Self.partial)
        #expect(try writer.database.read(Self.entries) == 4)
        #expect(try writer.database.read(Self.rows) == stored)
        #expect(try writer.database.read { try Self.rows(of: "runs", $0) } == runs)
        #expect(try writer.database.read(Self.runsColumns) == runsColumns)
        #expect(try writer.database.read(Self.schemaPages) == 1)
        #expect(try Self.answers(writer) == answers)
        #expect(try IndexDoctor(store: writer).check().isHealthy)
        let (integrity, free) = try writer.database.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                try Int.fetchOne(db, sql: "PRAGMA freelist_count")
            )
        }
        #expect(integrity == "ok")
        #expect(free == 0)
    }

    /// The schema stays within the first page on a new index and on an upgraded one, also
    /// through later opens for writing, at each of which GRDB creates and drops a table when
    /// the write-ahead log is empty (`Schema.v14`).
    @Test func theSchemaStaysInTheFirstPageThroughLaterOpens() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/one.txt", "One\n\nfirst harbor words")
        let fixture = try schemaFixture("v13", in: folder)
        for path in [folder.file("new.db"), fixture] {
            for _ in 0..<3 {
                let store = try IndexStore.openForWriting(at: path)
                _ = try Indexer(store: store).run(roots: [folder.file("docs")])
                #expect(try store.database.read(Self.schemaPages) == 1)
                // The largest schema: with the table a trained dictionary makes.
                try store.database.write { try $0.execute(sql: Schema.dictionaries) }
                // Closed as a command ends, so that the next open may find the log empty.
                try (store.database as? DatabasePool)?.close()
            }
        }
    }

    /// A release that knows the migrations up to "v13" only finds one it does not know in the
    /// upgraded index: it refuses it as newer (`hasBeenSuperseded`).
    @Test func aReleaseWithoutV14SeesTheUpgradedIndexAsNewer() throws {
        let seen = try OlderRelease.seesNewer(
            fixture: "v13", without: Schema.partialRecordMigration)
        #expect(!seen.before)
        #expect(seen.after)
    }

    /// Every statement that finds documents by `_id` alone goes through `documents_record` on
    /// the upgraded index (a search of the index, not a scan of `documents`).
    @Test(arguments: [
        (
            "lookup by _id", DocumentLookup.byRecord + " ORDER BY path, record LIMIT 4",
            "r2".databaseValue
        ),
        ("shared _id", DocumentIdentity.sharedCount, "r2".databaseValue),
        (
            "changed documents", "SELECT path, record FROM documents WHERE \(IndexStore.affected)",
            0.databaseValue
        ),
        ("gone documents", IndexStore.gone, 0.databaseValue),
    ])
    func recordLookupsUseTheRecordIndex(name: String, sql: String, argument: DatabaseValue) throws {
        let folder = try TemporaryFolder()
        let path = try schemaFixture("v13", in: folder)
        let store = try IndexStore.openForWriting(at: path)
        let plan = try store.database.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: [argument]
            ).map { $0["detail"] as String }
        }
        #expect(
            plan.contains { $0.contains("INDEX documents_record (record=?)") }, "\(name): \(plan)")
        #expect(
            !plan.contains { $0.hasPrefix("SCAN documents") || $0 == "SCAN d" }, "\(name): \(plan)")
    }

    /// The upgraded fixture's files put back in place: a run with nothing changed changes
    /// nothing; a removed JSONL record and a moved file are seen as such; the change export
    /// names what changed; salvage and `--full` keep the partial index.
    @Test func runsExportsDoctorSalvageAndFullWorkAfterTheUpgrade() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/one.txt", "One\n\nfirst harbor words")
        try folder.write("docs/two.md", "# Two\n\nsecond garden words")
        try folder.write(
            "docs/a.jsonl",
            "{\"_id\": \"r1\", \"title\": \"R\", \"text\": \"ferry words\"}\n"
                + "{\"_id\": \"r2\", \"title\": \"S\", \"text\": \"other words\"}\n")
        try folder.write(
            "docs/b.jsonl", "{\"_id\": \"r2\", \"title\": \"T\", \"text\": \"third words\"}\n")
        let path = folder.file("index.db")
        let roots = [folder.file("docs")]
        do {
            let store = try IndexStore.openForWriting(at: path)
            _ = try Indexer(store: store).run(roots: roots)
            try store.database.writeWithoutTransaction { db in
                try db.execute(
                    sql: """
                        DROP INDEX documents_record;
                        CREATE INDEX documents_record ON documents(record);
                        DELETE FROM grdb_migrations WHERE identifier = ?;
                        """, arguments: [Schema.partialRecordMigration])
            }
            #expect(try store.database.read(Self.entries) == 5)
        }
        let store = try IndexStore.openForWriting(at: path)
        #expect(try store.database.read(Self.declaration) == Self.partial)
        #expect(try store.database.read(Self.entries) == 3)
        let noop = try Indexer(store: store).run(roots: roots)
        let noopCounts = [noop.added, noop.updated, noop.moved, noop.removed, noop.unchanged]
        #expect(noopCounts == [0, 0, 0, 0, 5])
        let run = try store.lastRun()?.id ?? 0

        try folder.write(
            "docs/b.jsonl", "{\"_id\": \"r3\", \"title\": \"U\", \"text\": \"fourth words\"}\n")
        try FileManager.default.moveItem(
            atPath: folder.file("docs/one.txt"), toPath: folder.file("docs/moved.txt"))
        let changed = try Indexer(store: store).run(roots: roots)
        let changedCounts = [changed.added, changed.moved, changed.removed]
        #expect(changedCounts == [1, 1, 1])
        var exported: [String] = []
        _ = try store.exportChanges(since: run, displayBase: folder.file("docs")) { record in
            switch record {
            case .document(let document): exported.append("put \(document.id)")
            case .deleted(let id): exported.append("delete \(id)")
            }
        }
        // r2 is no longer shared: its holder is exported again as `r2`, both `PATH#r2` forms
        // deleted; the new r3 is exported, and its other form deleted.
        #expect(
            exported.sorted() == [
                "delete a.jsonl#r2", "delete b.jsonl#r2", "delete b.jsonl#r3", "delete one.txt",
                "put moved.txt", "put r2", "put r3",
            ])
        #expect(try DocumentLookup(store: store).document("r2").title.text == "S")
        #expect(try IndexDoctor(store: store).check().isHealthy)

        try store.rebuildFromStoredRows()
        #expect(try store.database.read(Self.declaration) == Self.partial)
        #expect(try store.database.read(Self.entries) == 3)
        #expect(try IndexDoctor(store: store).check().isHealthy)

        let full = try Indexer(store: store).run(roots: roots, full: true)
        // A full rebuild reads every file again and counts the documents it had as updated.
        let fullCounts = [full.added, full.updated, full.moved, full.removed]
        #expect(fullCounts == [0, 5, 0, 0])
        #expect(try store.database.read(Self.declaration) == Self.partial)
        #expect(try store.database.read(Self.entries) == 3)
        #expect(try IndexDoctor(store: store).check().isHealthy)
        #expect(try DocumentLookup(store: store).document("r3").title.text == "U")
    }
}
