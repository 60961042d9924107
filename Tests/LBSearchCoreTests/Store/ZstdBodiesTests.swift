import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// An index written by the release before zstd bodies ("v9", the committed dump
/// `Fixtures/index-v9.sql`, raw deflate bodies): a search reads it as it is, `lbsearch index`
/// marks it "v10" without rewriting a body, and from then on it holds both formats, row by row.
struct ZstdBodiesTests {
    /// The database the v9 dump describes, written into `folder`.
    static func v9Index(_ folder: TemporaryFolder) throws -> String {
        try schemaFixture("v9", in: folder)
    }

    /// Each document's title and stored bytes, by title.
    func stored(_ store: IndexStore) throws -> [String: Data] {
        try store.database.read { db in
            var stored: [String: Data] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT title, body_z FROM documents") {
                stored[row["title"]] = row["body_z"]
            }
            return stored
        }
    }

    /// True when `data` is a zstd frame.
    func isZstd(_ data: Data) -> Bool { Array(data.prefix(4)) == SharedZstdTests.magic }

    /// The first hit's id and snippet for each query.
    func results(_ store: IndexStore) throws -> [String] {
        try ["harbor", "ferries", "アニメ", "tag:garden glass", "studio", "market"].map { query in
            let hits = try Searcher(store: store).search(query).hits
            let snippets = hits.map { $0.snippet.rendered(HighlightTests.markers) }
            return "\(query): \(hits.map(\.id)) \(snippets)"
        }
    }

    @Test func theFixtureIsAV9IndexWithDeflateBodies() throws {
        let folder = try TemporaryFolder()
        let queue = try DatabaseQueue(path: try Self.v9Index(folder))
        defer { try? queue.close() }
        let last = try queue.read { db in
            try Schema.lastMigration(db)
        }
        #expect(last == Schema.fingerprintMigration)
        let bodies = try queue.read { db in
            try Data.fetchAll(db, sql: "SELECT body_z FROM documents")
        }
        #expect(bodies.count == 5)
        #expect(!bodies.contains(where: isZstd))
    }

    @Test func aSearchReadsTheUnmarkedIndexAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let path = try Self.v9Index(folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // The one notice is that of "v12", which rebuilds the full-text index, not the bodies.
        #expect(IndexStore.upgradeNotice(at: path) == IndexStore.bodyFirstUpgradeNotice)
        let store = try IndexStore.openForReading(at: path)
        let found = try results(store)
        #expect(found[0].contains("ferries home. The ⟦harbor⟧"))
        #expect(try IndexDoctor(store: store).check().isHealthy)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func indexingMarksTheIndexAndRewritesNoBody() throws {
        let folder = try TemporaryFolder()
        let path = try Self.v9Index(folder)
        let old = try IndexStore.openForReading(at: path)
        let (oldBodies, oldResults) = (try stored(old), try results(old))
        let store = try IndexStore.openForWriting(at: path)
        #expect(try store.status().schemaVersion == Schema.migrator.migrations.last)
        #expect(try stored(store) == oldBodies)
        #expect(try results(store) == oldResults)
    }

    /// New and rewritten bodies are zstd, the others stay deflate: the triggers read both (FTS5's
    /// integrity-check with rank 1, which the doctor runs, compares every row with the index).
    @Test func mixedRowsStaySearchableAndConsistent() throws {
        let folder = try TemporaryFolder()
        let store = try IndexStore.openForWriting(at: try Self.v9Index(folder))
        try store.database.write { db in
            try db.execute(sql: "DELETE FROM documents WHERE title = 'Winter garden'")
            try db.execute(
                sql: "UPDATE documents SET body_z = ? WHERE title = 'Market report'",
                arguments: [StoredText.compressed("Prices at the harbor fell.")])
            try db.execute(
                sql: """
                    INSERT INTO documents(path, title, body_z, size, mtime, hash)
                    VALUES ('/x/ferry.txt', 'Ferry times', lbsearch_compress(?), 1, 1, 'h')
                    """,
                arguments: ["The night ferries leave the harbor at nine."])
        }
        let bodies = try stored(store)
        #expect(
            bodies.filter { isZstd($0.value) }.keys.sorted() == ["Ferry times", "Market report"])
        #expect(bodies.filter { !isZstd($0.value) }.count == 3)
        #expect(try IndexDoctor(store: store).check().isHealthy)
        let hits = try Searcher(store: store).search("harbor").hits
        #expect(hits.count == 3)
        let market = hits.first { $0.id == "m1" }
        #expect(market?.snippet.rendered(HighlightTests.markers) == "Prices at the ⟦harbor⟧ fell.")
        #expect(try Searcher(store: store).search("glass").hits.isEmpty)
        // FTS5's 'rebuild' reads every body through the view, in both formats.
        try store.database.write { db in
            try db.execute(sql: "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        }
        #expect(try IndexDoctor(store: store).check().isHealthy)
        #expect(try Searcher(store: store).search("harbor").hits.count == 3)
    }

    /// A release that does not know a migration the index records refuses it as newer: how the
    /// release before "v10" refuses an index that may hold zstd bodies.
    @Test func anUnknownMigrationMakesTheIndexNewer() throws {
        let folder = try TemporaryFolder()
        let path = try Self.v9Index(folder)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from a later release')")
        }
        try queue.close()
        #expect(throws: LBSearchError.newerIndex(path: path)) {
            try IndexStore.openForReading(at: path)
        }
        #expect(throws: LBSearchError.newerIndex(path: path)) {
            try IndexStore.openForWriting(at: path)
        }
    }
}
