import Foundation
import LBSearchTestSupport
import Testing

/// How many: the line that ends text output, `total` beside `count` in JSON, and JSONL
/// records of one file told apart.
@Suite(.serialized)
struct ResultCountTests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        for n in 0..<5 { try folder.write("docs/plum\(n).txt", "Plum \(n)\n\nplum tree \(n)") }
        try folder.write(
            "docs/recs.jsonl",
            """
            {"_id": "r1", "title": "Quince jam", "text": "quince"}
            {"_id": "r2", "title": "Quince jam", "text": "quince"}

            """)
        index = folder.file("idx.db")
        #expect(try CLI.run(["index", "docs", "--index", index], cwd: folder.path).status == 0)
    }

    /// The last line on stderr, and the only one for an ordinary search.
    static func countLine(_ run: CLI.Run) -> String {
        run.stderr.split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test func textOutputEndsWithHowManyOfHowMany() throws {
        let run = try CLI.run(["plum", "--limit", "2", "--index", index], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        let line = Self.countLine(run)
        #expect(
            line.range(of: #"^2 of 5 results \(\d+\.\d\d s\)$"#, options: .regularExpression)
                != nil, "\(line)")
        #expect(!run.stdout.contains("of 5 results"), "the count is on stderr only")
    }

    @Test func aLaterPageNamesItsRanks() throws {
        let run = try CLI.run(
            ["plum", "--limit", "2", "--offset", "2", "--index", index], cwd: folder.path)
        #expect(Self.countLine(run).hasPrefix("3-4 of 5 results ("), "\(run.stderr)")
        let last = try CLI.run(["plum", "--offset", "4", "--index", index], cwd: folder.path)
        #expect(Self.countLine(last).hasPrefix("result 5 of 5 ("), "\(last.stderr)")
    }

    @Test(arguments: ["json", "jsonl", "csv", "tsv"])
    func machineFormatsPrintNoCountLine(format: String) throws {
        let run = try CLI.run(["plum", "--format", format, "--index", index], cwd: folder.path)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    @Test func jsonTotalIsAllMatchesWhateverThePage() throws {
        let run = try CLI.run(
            ["plum", "--format", "json", "--limit", "2", "--offset", "1", "--index", index],
            cwd: folder.path)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["count"] as? Int == 2)
        #expect(json["total"] as? Int == 5)
    }

    @Test func twoRecordsOfOneFileShowTheirIds() throws {
        // The two records are copies of one text: shown apart only without collapsing.
        let run = try CLI.run(
            ["quince", "--color", "never", "--no-collapse", "--index", index], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("docs/recs.jsonl#r1\n"), "\(run.stdout)")
        #expect(run.stdout.contains("docs/recs.jsonl#r2\n"), "\(run.stdout)")
        #expect(Self.countLine(run).hasPrefix("2 of 2 results ("))
    }

    @Test func aFileDocumentShowsItsPathAlone() throws {
        let run = try CLI.run(["plum", "--limit", "1", "--index", index], cwd: folder.path)
        #expect(run.stdout.contains("docs/plum"))
        #expect(!run.stdout.contains("#"), "\(run.stdout)")
    }
}
