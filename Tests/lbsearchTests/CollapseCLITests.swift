import Foundation
import LBSearchTestSupport
import Testing

/// Copies of a story shown once in every format, `--no-collapse`, and `lbsearch similar`.
@Suite(.serialized)
struct CollapseCLITests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        for (name, text) in SyndicatedCorpus.files { try folder.write("news/" + name, text) }
        index = folder.file("news.db")
        let run = try CLI.run(["index", "news", "--index", index], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
    }

    func run(_ arguments: [String]) throws -> CLI.Run {
        try CLI.run(arguments + ["--index", index], cwd: folder.path)
    }

    @Test func textNamesTheCopiesAndTheCountLineSaysSo() throws {
        let run = try run(["harbor"])
        #expect(run.status == 0, "\(run.stderr)")
        let copies = run.stdout.split(separator: "\n").filter { $0.hasPrefix("   +") }
        #expect(copies.count == 1, "\(run.stdout)")
        #expect(
            ["   +2 copies (Harbor Times, Metro Wire)", "   +2 copies (Metro Wire, Harbor Times)"]
                .contains(copies.first.map(String.init) ?? ""), "\(run.stdout)")
        #expect(run.stdout.components(separatedBy: "news/one-").count == 2, "\(run.stdout)")
        #expect(run.stderr.hasPrefix("4 of 6 results, 2 copies folded in ("), "\(run.stderr)")
    }

    @Test func noCollapseShowsEveryCopy() throws {
        let run = try run(["harbor", "--no-collapse"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("copies ("))
        #expect(run.stderr.hasPrefix("6 of 6 results ("), "\(run.stderr)")
    }

    @Test func jsonGivesEachHitItsCopies() throws {
        let run = try run(["harbor", "--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let hits = try #require(object["hits"] as? [[String: Any]])
        #expect(hits.count == 4)
        #expect(object["total"] as? Int == 6)
        let withCopies = hits.filter { $0["copies"] != nil }
        #expect(withCopies.count == 1)
        let copies = try #require(withCopies.first?["copies"] as? [[String: Any]])
        #expect(
            Set(copies.compactMap { $0["source"] as? String }) == ["Harbor Times", "Metro Wire"])
        #expect(copies.allSatisfy { ($0["id"] as? String)?.hasPrefix("news/one-") == true })
    }

    @Test(arguments: [(["--format", "csv"], 4), (["--format", "csv", "--no-collapse"], 6)])
    func csvHasOneRowPerStory(arguments: [String], rows: Int) throws {
        let run = try run(["harbor"] + arguments)
        let lines = run.stdout.split(separator: "\r\n")
        #expect(lines.first == "rank,score,id,title,date,source,path,snippet")
        #expect(lines.count == rows + 1, "\(run.stdout)")
    }

    @Test func pagesNeverRepeatAStory() throws {
        var ids: [String] = []
        for offset in 0..<4 {
            let run = try run([
                "harbor", "--format", "jsonl", "--limit", "1", "--offset", "\(offset)",
            ])
            ids += run.stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"]
                    as? String
            }
        }
        #expect(ids.count == 4 && Set(ids).count == 4, "\(ids)")
        #expect(ids.filter { $0.hasPrefix("news/one-") }.count == 1, "\(ids)")
    }
}

/// `lbsearch similar` on the bundled corpus: every format, `--explain`, an unknown document.
@Suite(.serialized)
struct SimilarCLITests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        index = folder.file("corpus.db")
        let run = try CLI.run(
            ["index", "corpus", "--index", index], cwd: GoldenOutputTests.repository)
        #expect(run.status == 0, "\(run.stderr)")
    }

    func run(_ arguments: [String]) throws -> CLI.Run {
        try CLI.run(arguments + ["--index", index], cwd: GoldenOutputTests.repository)
    }

    @Test(arguments: ["csv", "tsv", "jsonl", "text"])
    func similarWritesEveryFormat(format: String) throws {
        let run = try run([
            "similar", "corpus/22-manga-machine-translation.txt", "--format", format, "--limit",
            "2",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("corpus/22-manga-machine-translation.txt"), "\(run.stdout)")
        if format == "csv" { #expect(run.stdout.hasPrefix("rank,score,id,")) }
        if format == "jsonl" { #expect(run.stdout.split(separator: "\n").count == 2) }
    }

    @Test func similarExplainsItsTerms() throws {
        let run = try run([
            "similar", "corpus/22-manga-machine-translation.txt", "--explain", "--limit", "1",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.hasPrefix("terms of corpus/22-manga-machine-translation.txt:\n"),
            "\(run.stdout)")
        #expect(run.stdout.contains("0."), "\(run.stdout)")
    }

    @Test func similarToAnUnknownDocumentIsOneLine() throws {
        let run = try run(["similar", "corpus/nothing.md"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("lbsearch: error: "), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }
}
