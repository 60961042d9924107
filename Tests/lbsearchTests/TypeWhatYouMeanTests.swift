import Foundation
import LBSearchTestSupport
import Testing

/// A mistyped subcommand, bare `lbsearch`, and `--` as the end of the options.
@Suite(.serialized)
struct TypeWhatYouMeanTests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("docs/a.txt", "Kiwi\n\nkiwi orchards in spring")
        try folder.write("docs/b.txt", "Odd flags\n\nthe --verbose flag and the --index flag")
        index = folder.file("idx.db")
        #expect(try CLI.run(["index", "docs", "--index", index], cwd: folder.path).status == 0)
    }

    @Test(arguments: [
        (["stauts"], "status"), (["indx", "docs"], "index"), (["docter"], "doctor"),
        (["bacth", "--limit", "3"], "batch"),
    ])
    func aMistypedSubcommandThatFindsNothingHintsAtIt(typed: [String], meant: String) throws {
        let run = try CLI.run(typed + ["--index", index], cwd: folder.path)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.hasSuffix("lbsearch: did you mean 'lbsearch \(meant)'?\n"), "\(run.stderr)")
    }

    @Test(arguments: [
        ["kiwii"], ["zzzq", "stauts"], ["--", "stauts"], ["match"], ["statuses"],
    ])
    func otherQueriesGetNoSubcommandHint(query: [String]) throws {
        let run = try CLI.run(["--index", index] + query, cwd: folder.path)
        #expect(run.status == 1)
        #expect(!run.stderr.contains("'lbsearch "), "\(run.stderr)")
    }

    @Test func bareLbsearchPrintsAShortUsage() throws {
        let run = try CLI.run([], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("usage: lbsearch "))
        #expect(run.stdout.split(separator: "\n").count < 15, "short")
        let help = try CLI.run(["--help"], cwd: folder.path)
        let section = help.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let names = section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
        #expect(names.count >= 5, "\(names)")
        for name in names where name != "search" && name != "See" {
            #expect(run.stdout.contains("lbsearch \(name)"), "usage misses \(name)")
        }
    }

    @Test func afterTheTerminatorEveryWordIsQueryText() throws {
        let run = try CLI.run(
            ["--index", index, "--format", "json", "--", "--verbose", "flag"], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["query"] as? String == "--verbose flag")
        #expect(json["total"] as? Int == 1)
    }

    @Test func theTerminatorIsNeverEchoedOrSuggested() throws {
        let text = try CLI.run(["--index", index, "kiwii", "--"], cwd: folder.path)
        #expect(text.status == 1)
        #expect(!text.stderr.contains("--"), "\(text.stderr)")
        #expect(text.stderr.contains("did you mean: kiwi\n"), "\(text.stderr)")
        let json = try CLI.run(
            ["--index", index, "--format", "json", "--", "kiwii", "--", "orchards"],
            cwd: folder.path)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "kiwii orchards")
        #expect(object["suggestion"] as? String == "kiwi orchards")
    }
}
