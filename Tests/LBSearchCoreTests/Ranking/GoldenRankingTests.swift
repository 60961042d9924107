import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The ranking of the bundled sample corpus for a few queries, against a reviewed golden file.
///
/// Re-record after a deliberate ranking change with `RECORD_SNAPSHOTS=1 swift test` and review
/// the diff like code.
struct GoldenRankingTests {
    static let queries: [(String, MatchMode)] = [
        ("AI art", .auto), ("manga", .auto), ("anime convention record attendance", .any),
        ("illustrators react to AI art generators", .any), ("game studio", .auto),
        ("exhibition of original art", .any),
    ]

    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let golden = here.appendingPathComponent("Snapshots/golden-ranking.txt")
    static let corpus = here.appendingPathComponent("../../../corpus").standardizedFileURL.path

    @Test func sampleCorpusRankingMatchesGoldenFile() throws {
        let store = try IndexStore.inMemory()
        _ = try Indexer(store: store).run(roots: [Self.corpus])
        var lines: [String] = []
        for (query, match) in Self.queries {
            var options = SearchOptions(limit: 5, match: match)
            options.displayBase = Self.corpus
            options.snippets = false
            lines.append("# \(query) (\(match.rawValue))")
            for hit in try Searcher(store: store).search(query, options: options).hits {
                lines.append(String(format: "%d %.4f %@", hit.rank, hit.score, hit.id))
            }
        }
        let actual = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try actual.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(actual == expected)
    }
}
