import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// An index built by the release before the `lbsearch` tokenizer (schema "v3") is refused by
/// searches, without a write, and rebuilt by the next index run.
struct TokenizerMigrationTests {
    static let previousRelease = "v3: runs history"

    /// An index at "v3" holding one Japanese document, tokenized the old way.
    func previousReleaseIndex(_ folder: TemporaryFolder) throws -> String {
        let path = folder.file("old.db")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: Self.previousRelease)
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO files(path, size, mtime, hash) VALUES ('/docs/a.txt', 10, 0, 'h')"
            )
            try db.execute(
                sql: """
                    INSERT INTO documents(path, title, body, size, mtime, hash)
                    VALUES ('/docs/a.txt', '新作アニメ', '新作アニメの放送が始まる。', 10, 0, 'h')
                    """)
        }
        try queue.close()
        return path
    }

    @Test func aSearchOnAnOldIndexSaysToReindexAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let path = try previousReleaseIndex(folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(IndexStore.needsTokenizerUpgrade(at: path))
        #expect(throws: LBSearchError.outdatedIndex(path: path)) {
            try IndexStore.open(at: path, create: false)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(LBSearchError.outdatedIndex(path: path).description.contains("'lbsearch index'"))
    }

    @Test func openingForWritingRebuildsWithTheNewTokenizer() throws {
        let folder = try TemporaryFolder()
        let path = try previousReleaseIndex(folder)
        let store = try IndexStore.openForWriting(at: path)
        #expect(try store.status().schemaVersion == Schema.migrator.migrations.last)
        #expect(try store.status().tokenizer == Schema.tokenizerRecord)
        #expect(!IndexStore.needsTokenizerUpgrade(at: path))
        let hits = try Searcher(store: store).search("アニメ").hits
        #expect(hits.map(\.path) == ["/docs/a.txt"])
        #expect(hits.first?.snippet.rendered(HighlightTests.markers) == "新作⟦アニメ⟧の放送が始まる。")
    }

    @Test func aNewIndexNeedsNoUpgrade() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("new.db")
        _ = try IndexStore.openForWriting(at: path)
        #expect(!IndexStore.needsTokenizerUpgrade(at: path))
        _ = try IndexStore.open(at: path, create: false)
    }
}
