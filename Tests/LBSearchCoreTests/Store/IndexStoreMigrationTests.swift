import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// An index written by the first schema ("v1", the committed dump `Fixtures/index-v1.sql`, not
/// an index made by today's migrations) keeps opening: a read leaves it as it is and asks for
/// `lbsearch index`, which moves it to the current schema and tokenizer.
struct IndexStoreMigrationTests {
    /// The database the v1 dump describes, written into `folder`.
    static func firstSchemaIndex(_ folder: TemporaryFolder) throws -> String {
        try schemaFixture("v1", in: folder)
    }

    @Test func theFixtureIsAFirstSchemaIndex() throws {
        let folder = try TemporaryFolder()
        let queue = try DatabaseQueue(path: try Self.firstSchemaIndex(folder))
        defer { try? queue.close() }
        let (applicationID, migrations, documents, matches) = try queue.read { db in
            (
                try Int32.fetchOne(db, sql: "PRAGMA application_id"),
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM documents"),
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'winter'"
                )
            )
        }
        #expect(applicationID == Schema.applicationID)
        #expect(migrations == ["v1: documents, files, meta and FTS5 index"])
        #expect(documents == 5)
        #expect(matches == 2)
    }

    @Test func openingForWritingMigratesToTheCurrentSchemaAndSearches() throws {
        let folder = try TemporaryFolder()
        let path = try Self.firstSchemaIndex(folder)
        #expect(IndexStore.needsTokenizerUpgrade(at: path))
        let store = try IndexStore.openForWriting(at: path)
        let status = try store.status()
        #expect(status.schemaVersion == Schema.migrator.migrations.last)
        #expect(status.tokenizer == Schema.tokenizerRecord)
        #expect(status.documents == 5)
        #expect(try store.lastRun() == nil)
        #expect(try store.roots() == ["/tmp/lbsearch-v1/docs"])
        let searcher = Searcher(store: store)
        let expected: [(String, [String])] = [
            ("harbor ferries", ["/tmp/lbsearch-v1/docs/harbor.txt"]),
            ("アニメ", ["/tmp/lbsearch-v1/docs/anime.txt"]),
            ("tag:garden winter", ["/tmp/lbsearch-v1/docs/garden.md"]),
            ("date:2024-12 glass", ["/tmp/lbsearch-v1/docs/garden.md"]),
            ("studio", ["/tmp/lbsearch-v1/docs/records.jsonl"]),
        ]
        for (query, paths) in expected {
            #expect(try searcher.search(query).hits.map(\.path) == paths, "\(query)")
        }
        #expect(try searcher.search("studio").hits.map(\.id) == ["m2"])
        try store.database.write { db in
            try db.execute(
                sql: "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    /// A read never migrates: the v1 index asks for `lbsearch index`; the doctor reads it as
    /// it is.
    @Test func aReadLeavesTheFirstSchemaIndexAsItIs() throws {
        let folder = try TemporaryFolder()
        let path = try Self.firstSchemaIndex(folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: LBSearchError.outdatedIndex(path: path)) {
            try IndexStore.openForReading(at: path)
        }
        #expect(
            try IndexDoctor(store: IndexStore.openForReading(at: path, outdated: true)).check()
                .isHealthy)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["v1.db"])
    }
}
