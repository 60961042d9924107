import Foundation
import LBSearchTestSupport
import Testing

/// Paging and the time budget as a user sees them.
@Suite(.serialized)
struct PagingCLITests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        for n in 0..<6 {
            try folder.write(
                "docs/both\(n).txt",
                "Title: Both \(n)\n\nkiwi mango " + String(repeating: "kiwi ", count: n))
            try folder.write(
                "docs/kiwi\(n).txt",
                "Title: Only \(n)\n\nkiwi " + String(repeating: "plain ", count: n))
        }
        index = folder.file("idx.db")
        #expect(try CLI.run(["index", "docs", "--index", index], cwd: folder.path).status == 0)
    }

    @Test func pastTheEndSaysHowManyThereAre() throws {
        let run = try CLI.run(
            ["kiwi", "mango", "--offset", "10", "--index", index], cwd: folder.path)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "lbsearch: no more results (6 in all)\n")
    }

    @Test func aLaterPageIsNotLoosened() throws {
        let run = try CLI.run(
            ["kiwi", "mango", "--offset", "4", "--index", index], cwd: folder.path)
        #expect(run.status == 0)
        #expect(!run.stderr.contains("no document has all"))
        #expect(run.stdout.hasPrefix("5. "))
    }

    @Test func jsonSaysWhetherTheSearchWasComplete() throws {
        let run = try CLI.run(
            ["kiwi", "--format", "json", "--limit", "2", "--index", index], cwd: folder.path)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["complete"] as? Bool == true)
        #expect(json["total"] as? Int == 12)
        #expect(json["count"] as? Int == 2)
    }

    @Test func aSearchCutShortSaysSoInOneLine() throws {
        let run = try CLI.run(
            ["kiwi", "--timeout", "0.000001", "--format", "json", "--index", index],
            cwd: folder.path)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(
            lines.first?.hasPrefix("lbsearch: search stopped by the 1e-06 s time limit (--timeout)")
                == true)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["complete"] as? Bool == false)
    }

    @Test func timeoutIsValidated() throws {
        let run = try CLI.run(["kiwi", "--timeout", "-1", "--index", index], cwd: folder.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--timeout"))
        #expect(
            try CLI.run(["kiwi", "--timeout", "0", "--index", index], cwd: folder.path).status == 0)
    }
}
