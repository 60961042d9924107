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
        var lock: WriterLock? = try WriterLock.acquire(for: index)
        let busy = try CLI.run(["index", "docs", "--index", index], cwd: folder.path)
        #expect(busy.status == 75)
        #expect(
            busy.stderr
                == "lbsearch: error: process \(getpid()) is already indexing \(index); try again later or wait with --wait SECONDS\n"
        )
        #expect(!FileManager.default.fileExists(atPath: index))

        let waiting = try IndexProcess(
            ["index", "docs", "--index", index, "--wait", "30"], cwd: folder.path)
        usleep(300_000)
        #expect(waiting.process.isRunning)
        lock = nil
        waiting.process.waitUntilExit()
        #expect(lock == nil && waiting.process.terminationStatus == 0)
        let pid = try String(contentsOfFile: WriterLock.lockPath(for: index), encoding: .utf8)
        #expect(pid == "\(waiting.pid)\n")
    }

    @Test func aKilledWriterLeavesNoStaleLock() throws {
        let folder = try TemporaryFolder()
        try GeneratedCorpus.write(600, into: folder)
        let index = folder.file("idx.db")
        let run = try IndexProcess(["index", "corpus", "--index", index], cwd: folder.path)
        _ = run.waitUntil { IndexProcess.documentCount(index) > 0 }
        run.killHard()
        _ = try WriterLock.acquire(for: index)
    }

    @Test func searchesDuringAReindexAlwaysAnswer() throws {
        let (folder, index) = try CLI.indexedCorpus(1500)
        try GeneratedCorpus.write(1500, into: folder, version: 1)
        let reader = try IndexStore.open(at: index, create: false)
        for arguments in [["index", "--index", index], ["index", "--full", "--index", index]] {
            let writer = try IndexProcess(arguments, cwd: folder.path)
            var searches = 0
            while writer.process.isRunning || searches < 3 {
                let n = searches * 37 % 1500
                #expect(try Searcher(store: reader).search("uniq\(n)").hits.count == 1)
                let cli = try CLI.run(["uniq\(n)", "--index", index], cwd: folder.path)
                #expect(cli.status == 0, "\(cli.stderr)")
                #expect(!cli.stderr.contains("locked"))
                searches += 1
            }
            writer.process.waitUntilExit()
            #expect(writer.process.terminationStatus == 0)
            let wal = try walBytes(index)
            #expect(wal == 0, "the WAL is truncated after a run \(arguments) \(wal)")
        }
        #expect(try Searcher(store: reader).search("version1 uniq3").hits.count == 1)
    }

    func walBytes(_ index: String) throws -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: index + "-wal")
        return (attributes?[.size] as? Int) ?? 0
    }
}
