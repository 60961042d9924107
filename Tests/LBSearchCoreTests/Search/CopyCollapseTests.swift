import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Copies of one story among a query's hits are shown once, as the best-ranked copy.
struct CopyCollapseTests {
    typealias Corpus = SyndicatedCorpus

    static let files = SyndicatedCorpus.files

    static func options(limit: Int = 10, offset: Int = 0, collapse: Bool = true) -> SearchOptions {
        var options = SearchOptions(limit: limit, offset: offset)
        options.suggest = false
        options.collapse = collapse
        return options
    }

    static func name(_ hit: Hit) -> String {
        String(hit.path.split(separator: "/").last ?? "")
    }

    @Test func theBestRankedCopyCarriesTheOthers() throws {
        let (store, _) = try indexedStore(Self.files)
        let result = try Searcher(store: store).search("harbor", options: Self.options())
        let names = result.hits.map(Self.name)
        #expect(names.filter { $0.hasPrefix("one-") } == ["one-wire.md"], "\(names)")
        let wire = try #require(result.hits.first { Self.name($0) == "one-wire.md" })
        #expect(Set(wire.copies.map(\.source)) == ["Harbor Times", "Metro Wire"])
        #expect(
            wire.copies.allSatisfy {
                $0.id.hasSuffix("one-original.md") || $0.id.hasSuffix("one-edited.md")
            })
        #expect(result.hits.map(\.rank) == Array(1...result.hits.count))
        #expect(result.total == 6)
    }

    @Test func aVersionSharingHalfItsTextStaysSeparate() throws {
        let (store, _) = try indexedStore(Self.files)
        let names = try Searcher(store: store).search("harbor", options: Self.options()).hits
            .map(Self.name)
        #expect(names.contains("three.md") && names.contains("three-half.md"), "\(names)")
        #expect(names.count == 4, "\(names)")
    }

    @Test func withoutCollapseEveryCopyIsAHit() throws {
        let (store, _) = try indexedStore(Self.files)
        let result = try Searcher(store: store).search(
            "harbor", options: Self.options(collapse: false))
        #expect(result.hits.count == 6)
        #expect(result.hits.allSatisfy { $0.copies.isEmpty })
    }

    /// Ten stories of three copies each: pages of two stories never repeat a story, and
    /// together they are the first page of ten.
    @Test func pagesCountStoriesAndNeverRepeatOne() throws {
        var files: [String: String] = [:]
        for story in 0..<10 {
            let body = "harbor " + Corpus.body(UInt64(100 + story))
            for (copy, source) in ["Reuters", "AP", "AFP"].enumerated() {
                // Paging is under test here, not detection: the third copy differs in spacing.
                let text = copy == 2 ? body.replacingOccurrences(of: ". ", with: ".\n\n") : body
                files["s\(story)-\(copy).md"] = Corpus.file(
                    title: "Story \(story)", source: source, body: text)
            }
        }
        let (store, _) = try indexedStore(files)
        let searcher = Searcher(store: store)
        let all = try searcher.search("harbor", options: Self.options(limit: 10)).hits
        #expect(all.count == 10)
        #expect(all.allSatisfy { $0.copies.count == 2 }, "\(all.map { ($0.id, $0.copies) })")
        var paged: [String] = []
        for offset in stride(from: 0, to: 10, by: 2) {
            let page = try searcher.search(
                "harbor", options: Self.options(limit: 2, offset: offset))
            #expect(page.hits.map(\.rank) == [offset + 1, offset + 2])
            paged += page.hits.map(\.id)
        }
        #expect(paged == all.map(\.id))
        let stories = paged.map { ($0 as NSString).lastPathComponent.prefix { $0 != "-" } }
        #expect(Set(stories).count == 10, "\(paged)")
    }

    @Test(
        arguments: [
            // Candidates best first: (exact key, SimHash); expected stories as indices.
            ([(1, 0b0), (1, 0xFFFF), (2, 0b1), (3, 0xFFFF_FFFF)], [[0, 1, 2], [3]]),
            ([(1, 0xFF), (2, 0), (3, 0xFFFF_FFFF)], [[0, 1], [2]]),
        ] as [([(UInt64, UInt64)], [[Int]])])
    func storiesFollowTheirLeaders(candidates: [(UInt64, UInt64)], expected: [[Int]]) {
        let fingerprints = candidates.map { TextFingerprint(exact: $0.0, near: $0.1) }
        #expect(CopyCollapse.stories(fingerprints, threshold: 12) == expected)
    }

    @Test func documentsWithoutAFingerprintStandAlone() {
        let same = TextFingerprint(exact: 7, near: 0)
        #expect(CopyCollapse.stories([same, nil, same, nil]) == [[0, 2], [1], [3]])
    }
}
