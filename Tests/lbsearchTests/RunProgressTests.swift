import Foundation
import LBSearchCore
import LBSearchTestSupport
import Testing

/// A killed run still shows in `status` what it committed; `index -dash.txt` is an error.
@Suite(.serialized)
struct RunProgressTests {
    @Test func statusAfterAKilledRunShowsTheCommittedCounts() throws {
        let folder = try TemporaryFolder()
        try GeneratedCorpus.write(1500, into: folder)
        let index = folder.file("idx.db")
        let run = try IndexProcess(
            ["index", "corpus", "--index", index], cwd: folder.path, pauseAt: "batch-committed:2")
        try #require(run.waitForPause(), "the run ended before its second batch")
        run.killHard()
        let status = try CLI.run(["status", "--index", index, "--json"], cwd: folder.path)
        let object =
            try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let last = try #require(object?["last_run"] as? [String: Any])
        #expect(last["result"] as? String == "interrupted")
        #expect(try IndexProcess.documentCount(index) == 2 * Indexer.batchFiles)
        #expect(last["added"] as? Int == 2 * Indexer.batchFiles)
        #expect(last["tokenized"] as? Int == 2 * Indexer.batchFiles)
    }

    @Test func aPathStartingWithADashIsAnErrorAndCanStillBeIndexed() throws {
        let folder = try TemporaryFolder()
        try folder.write("-dash.txt", "words of a dashing file")
        let index = folder.file("idx.db")
        for arguments in [["index", "-dash.txt"], ["index", "-hx"], ["status", "-dh"]] {
            let run = try CLI.run(arguments + ["--index", index], cwd: folder.path)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.hasPrefix("lbsearch: error: unknown option '\(arguments[1])'"))
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
        #expect(
            try CLI.run(["index", "--index", index, "--", "-dash.txt"], cwd: folder.path).status
                == 0)
        #expect(
            try CLI.run(
                ["index", "./-dash.txt", "--index", folder.file("other.db")], cwd: folder.path
            ).status == 0)
        #expect(try CLI.run(["dashing", "--index", index], cwd: folder.path).status == 0)
        #expect(try CLI.run(["index", "-h"], cwd: folder.path).status == 0)
    }
}
