import Foundation
import LBSearchTestSupport
import Testing

/// `--facets` on the bundled corpus: JSON's `facets` object, the text block, and bad input.
@Suite(.serialized)
struct FacetCLITests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        index = folder.file("corpus.db")
        let run = try CLI.run(
            ["index", "corpus", "--index", index], cwd: GoldenOutputTests.repository)
        #expect(run.status == 0, "\(run.stderr)")
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try CLI.run(
            arguments + ["--index", index, "--format", "json"], cwd: GoldenOutputTests.repository)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    /// On a filtered query, each facet sums to the number of matches (every corpus article has
    /// one source and one date), whatever the page size.
    @Test(arguments: [
        ["AI art", "--since", "2024"], ["art", "--until", "2022-12-31", "--limit", "2"],
        ["art source:\"Pixel Ledger\""], ["anime OR manga", "--match", "any"], ["date:2025"],
    ])
    func facetsCountEveryMatch(arguments: [String]) throws {
        let object = try json(arguments + ["--facets", "year,source,tag"])
        let total = try #require(object["total"] as? Int)
        let facets = try #require(object["facets"] as? [String: [[String: Any]]])
        #expect(Set(facets.keys) == ["year", "source", "tag"])
        for field in ["year", "source"] {
            let values = try #require(facets[field])
            #expect(values.compactMap { $0["count"] as? Int }.reduce(0, +) == total, "\(field)")
            let counts = values.compactMap { $0["count"] as? Int }
            #expect(counts == counts.sorted(by: >), "\(field) most frequent first")
        }
        if arguments.contains("--since") {
            #expect(facets["year"]?.allSatisfy { ($0["value"] as? String ?? "") >= "2024" } == true)
        }
    }

    @Test func theTextBlockFollowsTheHits() throws {
        let run = try CLI.run(
            ["AI art", "--index", index, "--facets", "year", "--since", "2025", "--limit", "1"],
            cwd: GoldenOutputTests.repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("\n\nyear: 2025 (3), 2026 (1)\n"), "\(run.stdout)")
        #expect(run.stderr.hasPrefix("1 of 4 results"), "\(run.stderr)")
    }

    @Test(arguments: [
        (["--facets", "author"], "--facets counts source, tag and year, not 'author'"),
        (["--facets", "year", "--format", "csv"], "--facets prints with --format text or json"),
    ])
    func badFacetsAreOneLine(arguments: [String], message: String) throws {
        let run = try CLI.run(
            ["AI art", "--index", index] + arguments, cwd: GoldenOutputTests.repository)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("lbsearch: error: \(message)"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
    }
}
