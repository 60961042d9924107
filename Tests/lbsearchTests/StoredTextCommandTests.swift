import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// An index of the release before compressed bodies, as a user meets it: a search says what to
/// run (one line, exit 2) and writes nothing; `lbsearch index` says in one line that it
/// compresses the index, and then searches find the new documents.
struct StoredTextCommandTests {
    /// A folder with one document and an index of the release before compressed bodies.
    static func previousReleaseIndex() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        try folder.write("docs/a.txt", "Harbor lights\n\nThe old harbor lights guide the ferries.")
        let index = folder.file("old.db")
        var config = Configuration()
        config.prepareDatabase { db in Tokenizer.register(db) }
        let queue = try DatabaseQueue(path: index, configuration: config)
        try Schema.migrator.migrate(queue, upTo: "v4b: index of documents by JSONL record id")
        try queue.close()
        return (folder, index)
    }

    @Test func aPreviousReleaseIndexIsMigratedByIndexNotBySearch() throws {
        let (folder, index) = try Self.previousReleaseIndex()
        let before = try Data(contentsOf: URL(fileURLWithPath: index))
        let search = try CLI.run(["ferries", "--index", index], cwd: folder.path)
        #expect(search.status == 2)
        #expect(search.stderr.hasSuffix("update it with 'lbsearch index'\n"))
        #expect(search.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == before)
        let run = try CLI.run(["index", "docs", "--index", index], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "lbsearch: \(IndexStore.compressionUpgradeNotice)\n")
        let found = try CLI.run(
            ["ferries", "--index", index, "--color", "never"], cwd: folder.path)
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("guide the [ferries]"))
    }

    /// The notice is told by the writer that holds the lock: a second `lbsearch index` started
    /// while the first creates an index saw its first migrations committed, took them for an
    /// older index and said it would rebuild it (4 of 25 rounds of two runs started together).
    @Test func aRunThatFindsTheLockTakenSaysNothingOfAnUpgrade() throws {
        let (folder, index) = try Self.previousReleaseIndex()
        let lock = try WriterLock.acquire(for: index)
        let busy = try CLI.run(["index", "docs", "--index", index], cwd: folder.path)
        withExtendedLifetime(lock) {}
        #expect(busy.status == 75)
        #expect(busy.stderr.hasSuffix("try again later or wait with --wait SECONDS\n"))
        #expect(busy.stderr.split(separator: "\n").count == 1, "\(busy.stderr)")
    }
}
