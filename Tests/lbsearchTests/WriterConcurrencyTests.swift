import Foundation
import GRDB
import LBSearchCore
import LBSearchTestSupport
import Testing

/// One writer at a time, readers never blocked, and a bounded WAL.
@Suite(.serialized)
struct WriterConcurrencyTests {
    @Test func aSecondWriterExits75NamingTheHolderOrWaits() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/a.txt", "Alpha\n\nwords")
        let index = folder.file("idx.db")
        let waiting: IndexProcess
        do {
            let lock = try WriterLock.acquire(for: index)
            let busy = try CLI.run(["index", "docs", "--index", index], cwd: folder.path)
            #expect(busy.status == 75)
            #expect(
                busy.stderr
                    == "lbsearch: error: process \(getpid()) is already indexing \(index); try again later or wait with --wait SECONDS\n"
            )
            #expect(!FileManager.default.fileExists(atPath: index))
            // The waiter says when it found the lock taken; only then is the lock released.
            waiting = try IndexProcess(
                ["index", "docs", "--index", index, "--wait", "30"], cwd: folder.path,
                pauseAt: "waiting-for-lock")
            try #require(waiting.waitForPause(), "the second writer did not wait for the lock")
            withExtendedLifetime(lock) {}
        }
        #expect(try waiting.finish() == 0)
        // The pid, then the seal the successful run left (IndexSealTests).
        let lines = try String(contentsOfFile: WriterLock.lockPath(for: index), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.first == "\(waiting.pid)")
        #expect(lines.dropFirst().first?.hasPrefix("sealed ") == true)
    }

    @Test func aKilledWriterLeavesNoStaleLock() throws {
        let folder = try TemporaryFolder()
        try GeneratedCorpus.write(600, into: folder)
        let index = folder.file("idx.db")
        let run = try IndexProcess(
            ["index", "corpus", "--index", index], cwd: folder.path, pauseAt: "batch-committed:1")
        try #require(run.waitForPause(), "the run ended before its first batch")
        #expect(throws: LBSearchError.self, "the killed writer held the lock") {
            try WriterLock.acquire(for: index)
        }
        run.killHard()
        _ = try WriterLock.acquire(for: index)
    }

    /// Searches answer while a reindex has committed part of its batches, and while a full
    /// rebuild waits to replace the index, then on until each run ends.
    @Test func searchesDuringAReindexAlwaysAnswer() throws {
        let (folder, index) = try CLI.indexedCorpus(1500)
        try GeneratedCorpus.write(1500, into: folder, version: 1)
        let reader = try IndexStore.open(at: index, create: false)
        let runs = [
            (["index", "--index", index], "batch-committed:2"),
            (["index", "--full", "--index", index], "before-swap"),
        ]
        for (arguments, point) in runs {
            let writer = try IndexProcess(arguments, cwd: folder.path, pauseAt: point)
            try #require(writer.waitForPause(), "\(arguments) ended before \(point)")
            for n in [0, 37, 74] { try expectFound(n, reader, index, folder) }
            try writer.resume()
            var searches = 0
            while writer.process.isRunning {
                try expectFound(searches * 37 % 1500, reader, index, folder)
                searches += 1
            }
            #expect(try writer.finish() == 0)
            let wal = try walBytes(index)
            #expect(wal == 0, "the WAL is truncated after a run \(arguments) \(wal)")
        }
        #expect(try Searcher(store: reader).search("version1 uniq3").hits.count == 1)
    }

    /// Document `n` is found by its word, through the library and through the binary.
    func expectFound(
        _ n: Int, _ reader: IndexStore, _ index: String, _ folder: TemporaryFolder
    ) throws {
        #expect(try Searcher(store: reader).search("uniq\(n)").hits.count == 1)
        let cli = try CLI.run(["uniq\(n)", "--index", index], cwd: folder.path)
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(!cli.stderr.contains("locked"))
    }

    func walBytes(_ index: String) throws -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: index + "-wal")
        return (attributes?[.size] as? Int) ?? 0
    }
}
