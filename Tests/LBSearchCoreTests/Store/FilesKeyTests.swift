import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// "v13" keys `files` by path `WITHOUT ROWID` (`Schema.filesKeyMigration`): a new index has it,
/// an index of "v12" is read as it is, and opening it for writing copies every row into the
/// new table, after which runs, the doctor, salvage and `--full` work as before.
struct FilesKeyTests {
    /// One `files` row exactly as stored: each value with its storage class.
    struct StoredRow: Equatable {
        let path: String
        let size: Int64
        let mtime: Double
        let hash: String
        let types: String
    }

    /// Every row of `files`, by path.
    static func rows(_ db: Database) throws -> [StoredRow] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT path, size, mtime, hash,
                       typeof(path) || typeof(size) || typeof(mtime) || typeof(hash) AS types
                FROM files ORDER BY path
                """
        ).map {
            StoredRow(
                path: $0["path"], size: $0["size"], mtime: $0["mtime"], hash: $0["hash"],
                types: $0["types"])
        }
    }

    /// The declaration of `files`, and whether its automatic path index exists.
    static func form(_ db: Database) throws -> (sql: String, autoindex: Bool) {
        let sql =
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'files'")
            ?? ""
        let autoindex =
            try Bool.fetchOne(
                db,
                sql:
                    "SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'sqlite_autoindex_files_1'"
            ) ?? false
        return (sql, autoindex)
    }

    /// The `files` declaration of "v1" to "v12", for an index written by those releases.
    static let rowidFiles = """
        CREATE TABLE files_old (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            hash TEXT NOT NULL
        );
        INSERT INTO files_old SELECT * FROM files;
        DROP TABLE files;
        ALTER TABLE files_old RENAME TO files;
        DELETE FROM grdb_migrations WHERE identifier = 'v13: files keyed by path (WITHOUT ROWID)';
        """

    @Test func aNewIndexHasFilesWithoutRowid() throws {
        let store = try IndexStore.inMemory()
        let (sql, autoindex) = try store.database.read(Self.form)
        #expect(sql.hasSuffix(") WITHOUT ROWID"))
        #expect(sql.contains("path TEXT PRIMARY KEY NOT NULL"))
        #expect(!autoindex)
    }

    @Test func theFixtureIsAV12IndexWithARowidFilesTable() throws {
        let folder = try TemporaryFolder()
        let queue = try DatabaseQueue(path: try schemaFixture("v12", in: folder))
        defer { try? queue.close() }
        let last = try queue.read { db in
            try Schema.lastMigration(db)
        }
        #expect(last == Schema.bodyFirstMigration)
        let (sql, autoindex) = try queue.read(Self.form)
        #expect(!sql.contains("WITHOUT ROWID"))
        #expect(autoindex)
        #expect(try queue.read(Self.rows).count == 5)
    }

    /// A search-side open reads a v12 index as it is and writes nothing; opening it for
    /// writing applies "v13" with every row kept, value and storage class, and gives back the
    /// pages the old table held.
    @Test func aV12IndexIsReadAsItIsAndUpgradedWithEveryFilesRow() throws {
        let folder = try TemporaryFolder()
        let path = try schemaFixture("v12", in: folder)
        let before = try DatabaseQueue(path: path)
        let stored = try before.read(Self.rows)
        try before.close()
        let types = stored.map(\.types)
        #expect(types == Array(repeating: "textintegerrealtext", count: 5))
        #expect(stored.last?.path == "/tmp/lbsearch-v12/docs/sub/café's notes.txt")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(IndexStore.upgradeNotice(at: path) == nil)

        let reader = try IndexStore.openForReading(at: path)
        #expect(try reader.status().files == 5)
        #expect(try reader.status().documents == 6)
        #expect(try IndexDoctor(store: reader).check().isHealthy)
        #expect(try Searcher(store: reader).search("café").hits.count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)

        let writer = try IndexStore.openForWriting(at: path)
        #expect(try writer.status().schemaVersion == Schema.migrator.migrations.last)
        let (sql, autoindex) = try writer.database.read(Self.form)
        #expect(sql.hasSuffix(") WITHOUT ROWID"))
        #expect(!autoindex)
        #expect(try writer.database.read(Self.rows) == stored)
        #expect(try writer.status().files == 5)
        #expect(try IndexDoctor(store: writer).check().isHealthy)
        let (integrity, free) = try writer.database.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                try Int.fetchOne(db, sql: "PRAGMA freelist_count")
            )
        }
        #expect(integrity == "ok")
        #expect(free == 0)
        #expect(try Searcher(store: writer).search("café").hits.count == 1)
    }

    /// A release that knows the migrations up to "v12" only finds one it does not know in the
    /// upgraded index: it refuses it as newer (`hasBeenSuperseded`).
    @Test func aReleaseWithoutV13SeesTheUpgradedIndexAsNewer() throws {
        let seen = try OlderRelease.seesNewer(fixture: "v12", without: Schema.filesKeyMigration)
        #expect(!seen.before)
        #expect(seen.after)
    }

    /// An index whose files exist, put back in the v12 form: after the upgrade a run with
    /// nothing changed changes nothing; then an edit, a move and a removal are seen as such,
    /// and salvage and `--full` keep the rows and the new form.
    @Test func runsDoctorSalvageAndFullWorkAfterTheUpgrade() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/one.txt", "One\n\nfirst harbor words")
        try folder.write("docs/two.md", "# Two\n\nsecond garden words")
        try folder.write("docs/three.txt", "Three\n\nthird market words")
        try folder.write("docs/sub/café's.txt", "Café\n\nriver words")
        try folder.write(
            "docs/records.jsonl", "{\"_id\": \"r1\", \"title\": \"R\", \"text\": \"ferry words\"}\n"
        )
        let path = folder.file("index.db")
        let roots = [folder.file("docs")]
        let indexed: [StoredRow]
        do {
            let store = try IndexStore.openForWriting(at: path)
            _ = try Indexer(store: store).run(roots: roots)
            indexed = try store.database.read(Self.rows)
            try store.database.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN")
                try db.execute(sql: Self.rowidFiles)
                try db.execute(sql: "COMMIT")
            }
            let (sql, autoindex) = try store.database.read(Self.form)
            #expect(!sql.contains("WITHOUT ROWID"))
            #expect(autoindex)
        }
        #expect(indexed.count == 5)

        let store = try IndexStore.openForWriting(at: path)
        #expect(try store.status().schemaVersion == Schema.filesKeyMigration)
        #expect(try store.database.read(Self.rows) == indexed)
        let noop = try Indexer(store: store).run(roots: roots)
        let noopCounts = [
            noop.added, noop.updated, noop.moved, noop.removed, noop.skipped, noop.unchanged,
        ]
        #expect(noopCounts == [0, 0, 0, 0, 0, 5])
        #expect(try store.database.read(Self.rows) == indexed)
        #expect(try IndexDoctor(store: store).check().isHealthy)

        try folder.write("docs/one.txt", "One\n\nfirst harbor words, edited")
        try FileManager.default.moveItem(
            atPath: folder.file("docs/two.md"), toPath: folder.file("docs/moved.md"))
        try FileManager.default.removeItem(atPath: folder.file("docs/three.txt"))
        let changed = try Indexer(store: store).run(roots: roots)
        let changedCounts = [changed.added, changed.updated, changed.moved, changed.removed]
        #expect(changedCounts == [0, 1, 1, 1])
        let paths = try store.database.read(Self.rows).map(\.path)
        let expected = [
            "docs/moved.md", "docs/one.txt", "docs/records.jsonl", "docs/sub/café's.txt",
        ].map(folder.file)
        #expect(paths == expected)
        let afterChanges = try store.database.read(Self.rows)

        try store.rebuildFromStoredRows()
        #expect(try store.database.read(Self.rows) == afterChanges)
        #expect(try store.database.read(Self.form).sql.hasSuffix(") WITHOUT ROWID"))
        #expect(try IndexDoctor(store: store).check().isHealthy)

        let full = try Indexer(store: store).run(roots: roots, full: true)
        // A full rebuild reads every file again and counts the ones it had as updated.
        let fullCounts = [full.added, full.updated, full.moved, full.removed]
        #expect(fullCounts == [0, 4, 0, 0])
        #expect(try store.database.read(Self.rows) == afterChanges)
        #expect(try store.database.read(Self.form).sql.hasSuffix(") WITHOUT ROWID"))
        #expect(try IndexDoctor(store: store).check().isHealthy)
        #expect(try Searcher(store: store).search("river").hits.count == 1)
    }
}
