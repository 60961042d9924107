import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

struct FeedbackAndRecencyTests {
    /// Thirty filler documents and three about wave drag; `drag` is the body of "Wave drag".
    static func aerodynamics(drag: String) -> [String: String] {
        var files: [String: String] = [:]
        for index in 0..<30 {
            files["doc\(index).txt"] =
                "Filler \(index)\n\nNothing here about the topic, only words number \(index)."
        }
        files["a.txt"] = "Supersonic wings\n\nSwept wings reduce wave drag at supersonic speed."
        files["b.txt"] = "Wave drag\n\n" + drag
        files["c.txt"] = "Transonic flow\n\nWave drag appears in transonic flow over an aerofoil."
        return files
    }

    @Test func relevanceModelWeighsTermsByDocumentShareAndScore() {
        let model = RelevanceModel(excluded: ["the"])
        let terms = model.estimate(
            [
                .init(tokens: ["the", "wing", "wing", "drag"], score: 2),  // wing 2/3, drag 1/3
                .init(tokens: ["drag", "x"], score: 1),  // drag 1 ("x" is too short)
            ], count: 5)
        #expect(terms.map(\.term) == ["drag", "wing"])
        #expect(abs(terms[0].weight - (2.0 / 3 + 1)) < 1e-12)
        #expect(abs(terms[1].weight - 4.0 / 3) < 1e-12)
        let normalized = RelevanceModel.normalized(terms)
        #expect(abs(normalized.reduce(0) { $0 + $1.weight } - 1) < 1e-12)
    }

    @Test func expansionAddsFeedbackTermsAndExplainsThem() throws {
        let (store, folder) = try indexedStore(
            Self.aerodynamics(drag: "Wave drag of thin wings rises near Mach one."))
        var options = SearchOptions(match: .any)
        options.displayBase = folder.path
        options.expand = true
        options.explain = true
        let hits = try Searcher(store: store).search("supersonic wings", options: options).hits
        #expect(hits.map(\.id).contains("c.txt"), "reached only through expansion terms")
        for hit in hits {
            #expect(abs((hit.explanation?.value ?? .nan) - hit.score) < 1e-9)
        }
        let text = hits.compactMap(\.explanation).map { $0.rendered() }.joined()
        #expect(text.contains("\"+drag\""))
    }

    @Test func expansionWithEveryWordOnlyReordersDocumentsThatHaveThem() throws {
        let (store, folder) = try indexedStore(
            Self.aerodynamics(
                drag: "Wave drag of thin wings rises near Mach one, supersonic or not."))
        var options = SearchOptions(match: .all)
        options.displayBase = folder.path
        let plain = Set(
            try Searcher(store: store).search("supersonic wings", options: options).hits.map(\.id))
        options.expand = true
        options.explain = true
        let expanded = try Searcher(store: store).search("supersonic wings", options: options).hits
        #expect(Set(expanded.map(\.id)) == plain)
        #expect(plain == ["a.txt", "b.txt"])
        for hit in expanded { #expect(abs((hit.explanation?.value ?? .nan) - hit.score) < 1e-9) }
    }

    @Test(
        arguments: [
            ("2024-03-31", 1.0), ("2024-03-01", 0.5), ("2024-01-31", 0.25), ("2024-04-02", 0.0),
            (nil, 0.0),
        ] as [(String?, Double)])
    func recencyHalvesEveryHalfLife(date: String?, expected: Double) {
        let blend = RecencyBlend(today: "2024-03-31")
        #expect(abs(blend.decay(date) - expected) < 1e-12)
    }

    @Test func recentDocumentsMoveUpAndExplanationsStillAdd() throws {
        let old =
            "---\ntitle: Harbour report\ndate: 2001-05-01\n---\n\nThe harbour harbour harbour reopened."
        let new = "---\ntitle: Harbour news\ndate: 2024-03-30\n---\n\nThe harbour reopened."
        let (store, folder) = try indexedStore(["old.md": old, "new.md": new])
        var options = SearchOptions()
        options.displayBase = folder.path
        let plain = try Searcher(store: store).search("harbour", options: options).hits.map(\.id)
        options.recency = RecencyBlend(today: "2024-03-31")
        options.explain = true
        let recent = try Searcher(store: store).search("harbour", options: options).hits
        #expect(plain == ["old.md", "new.md"])
        #expect(recent.map(\.id) == ["new.md", "old.md"])
        for hit in recent { #expect(abs((hit.explanation?.value ?? .nan) - hit.score) < 1e-9) }
    }
}
