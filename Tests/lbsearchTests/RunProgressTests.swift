import Foundation
import LBSearchTestSupport
import Testing

/// A killed run still shows in `status` what it committed; `index -dash.txt` is an error.
@Suite(.serialized)
struct RunProgressTests {
    @Test func statusAfterAKilledRunShowsTheCommittedCounts() throws {
        let folder = try TemporaryFolder()
        try GeneratedCorpus.write(1500, into: folder)
        let index = folder.file("idx.db")
        let run = try IndexProcess(["index", "corpus", "--index", index], cwd: folder.path)
        let caught = run.waitUntil { IndexProcess.documentCount(index) >= 500 }
        run.killHard()
        try #require(caught, "the run finished before the test could kill it")
        let status = try CLI.run(["status", "--index", index, "--json"], cwd: folder.path)
        let object =
            try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let last = try #require(object?["last_run"] as? [String: Any])
        #expect(last["result"] as? String == "interrupted")
        let committed = IndexProcess.documentCount(index)
        #expect(committed >= 500)
        #expect(last["added"] as? Int == committed)
        #expect(last["tokenized"] as? Int == committed)
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
