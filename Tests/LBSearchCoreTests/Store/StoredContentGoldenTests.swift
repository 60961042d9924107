import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// What searches return — ids, order, scores, highlighted titles and snippets — on the bundled
/// corpus and on the Cranfield collection, against golden files recorded before the storage
/// format changed: the way documents are stored must not change a single result.
///
/// Re-record only for a deliberate ranking or snippet change (`RECORD_SNAPSHOTS=1`).
struct StoredContentGoldenTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let corpus = here.appendingPathComponent("../../../corpus").standardizedFileURL.path
    static let cranfield = here.appendingPathComponent("../../../../shared/data/eval/cranfield")
        .standardizedFileURL.path

    static let sampleQueries = [
        "AI art", "manga", "\"concept artists\"", "anim*", "title:studio", "game -studio",
        "convention OR festival", "アニメ", "record attendance",
    ]

    /// One block per query: its hits as `rank score id`, the marked title, the marked snippet.
    static func listing(_ store: IndexStore, _ queries: [String], match: MatchMode, base: String)
        throws -> String
    {
        var lines: [String] = []
        for query in queries {
            var options = SearchOptions(limit: 10, match: match)
            options.displayBase = base
            lines.append("# \(query)")
            for hit in try Searcher(store: store).search(query, options: options).hits {
                lines.append(String(format: "%d %.4f %@", hit.rank, hit.score, hit.id))
                lines.append("  " + hit.title.rendered(HighlightTests.markers))
                lines.append("  " + hit.snippet.rendered(HighlightTests.markers))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func bundledCorpusResultsAreUnchanged() throws {
        let store = try IndexStore.inMemory()
        _ = try Indexer(store: store).run(roots: [Self.corpus])
        let actual = try Self.listing(store, Self.sampleQueries, match: .auto, base: Self.corpus)
        let mismatch = goldenMismatch(actual, named: "stored-content-corpus.txt")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    /// The first 25 Cranfield queries as natural language (`--match any`), as the evaluation runs
    /// them; skipped when `../shared/data/eval/cranfield` is absent.
    @Test func cranfieldResultsAreUnchanged() throws {
        let corpus = (Self.cranfield as NSString).appendingPathComponent("corpus.jsonl")
        let queriesFile = (Self.cranfield as NSString).appendingPathComponent("queries.jsonl")
        guard FileManager.default.fileExists(atPath: corpus),
            let text = try? String(contentsOfFile: queriesFile, encoding: .utf8)
        else {
            print("skipped: no Cranfield collection at \(Self.cranfield)")
            return
        }
        let queries = text.split(separator: "\n").prefix(25).compactMap { line -> String? in
            let record = try? JSONSerialization.jsonObject(with: Data(line.utf8))
            return (record as? [String: Any])?["text"] as? String
        }
        let store = try IndexStore.inMemory()
        _ = try Indexer(store: store).run(roots: [corpus])
        let actual = try Self.listing(store, queries, match: .any, base: Self.cranfield)
        let mismatch = goldenMismatch(actual, named: "stored-content-cranfield.txt")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }
}
