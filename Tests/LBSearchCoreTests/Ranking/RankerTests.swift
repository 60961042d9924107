import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// BM25F and proximity against numbers computed by hand, and explanations against scores.
struct RankerTests {
    /// Three documents; with the porter tokenizer: titles of 2, 1, 2 tokens (average 5/3),
    /// bodies of 4, 7, 5 tokens (average 16/3).
    static let fixture = [
        "tiny.jsonl": """
        {"_id": "d1", "title": "heat transfer", "text": "heat flows by conduction"}
        {"_id": "d2", "title": "wings", "text": "swept wings reduce drag at high speed"}
        {"_id": "d3", "title": "boundary layer", "text": "heat in the boundary layer"}
        """
    ]

    static func search(_ text: String, explain: Bool = false) throws -> [Hit] {
        let (store, _) = try indexedStore(fixture)
        var options = SearchOptions(match: .any)
        options.explain = explain
        return try Searcher(store: store).search(text, options: options).hits
    }

    /// The BM25F scores of "heat" are the ones computed by hand below.
    ///
    /// idf(heat) = ln(1 + (3 − 2 + 0.5)/(2 + 0.5)) = ln 1.6.
    /// d1: tf̃ = 2·1/(0.25 + 0.75·2/(5/3)) + 1/(0.25 + 0.75·4/(16/3)) = 2/1.15 + 1/0.8125;
    ///     score = ln 1.6 · 3 · tf̃/(2 + tf̃) = 0.84259062470433 (k1 2, b 0.75 for both fields).
    /// d3: tf̃ = 1/(0.25 + 0.75·5/(16/3)); score = 0.48516503664076.
    @Test func bm25fMatchesHandComputedValues() throws {
        let hits = try Self.search("heat")
        #expect(hits.map(\.id) == ["d1", "d3"])
        #expect(abs(hits[0].score - 0.8425906247043337) < 1e-12)
        #expect(abs(hits[1].score - 0.48516503664075933) < 1e-12)
    }

    /// The proximity of "heat conduction" on d1 is the one computed by hand below.
    ///
    /// Heat at body offset 0, conduction at 3 (d = 3).
    /// bm25f = 1.9635383424320207; acc(heat) = idf(conduction)/9, acc(conduction) = idf(heat)/9,
    /// K = 2·(0.25 + 0.75·6/7); proximity = 0.5 · Σ min(1, idf)·3·acc/(acc + K)
    /// = 0.5 · 0.16470947664682.
    @Test func proximityMatchesHandComputedValue() throws {
        let hit = try #require(try Self.search("heat conduction", explain: true).first)
        #expect(hit.id == "d1")
        #expect(abs(hit.score - (1.9635383424320207 + 0.16470947664681962 / 2)) < 1e-12)
        let proximity = try #require(hit.explanation?.details.first { $0.name == "proximity" })
        #expect(abs(proximity.value - 0.16470947664681962 / 2) < 1e-12)
    }

    @Test(arguments: ["heat", "heat conduction", "boundary layer heat", "wings drag speed high"])
    func explanationsAddUpToTheScore(query: String) throws {
        for hit in try Self.search(query, explain: true) {
            let explanation = try #require(hit.explanation)
            #expect(abs(explanation.value - hit.score) < 1e-9)
            #expect(Self.sumsHold(explanation))
        }
    }

    /// Every node with children is the sum of its children.
    static func sumsHold(_ node: Explanation) -> Bool {
        guard !node.details.isEmpty else { return true }
        let sum = node.details.reduce(0) { $0 + $1.value }
        return abs(sum - node.value) < 1e-9 && node.details.allSatisfy(sumsHold)
    }

    @Test func explanationNamesFieldsAndFactors() throws {
        let hit = try #require(try Self.search("heat", explain: true).first)
        let text = try #require(hit.explanation).rendered()
        #expect(text.contains("bm25f"))
        #expect(text.contains("\"heat\""))
        #expect(text.contains("idf 0.47"))
        #expect(text.contains("tf title 1"))
        #expect(text.contains("length norm body 0.8125"))
    }

    @Test func scoreAndExplainAgreeOnRandomEvidence() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        for round in 0..<200 {
            let phrases = Int.random(in: 1...6, using: &generator)
            let statistics = QueryStatistics(
                documentCount: 1000, averageLengths: [6, 120],
                phrases: (0..<phrases).map { _ in
                    .init(
                        documentFrequency: Int.random(in: 1...1000, using: &generator),
                        weight: Double.random(in: 0.1...2, using: &generator),
                        proximity: Bool.random(using: &generator))
                })
            var parameters = RankingParameters()
            parameters.coverageWeight = Double.random(in: 0...2, using: &generator)
            parameters.tfDelta =
                Bool.random(using: &generator) ? Double.random(in: 0...1, using: &generator) : 0
            let ranker = Ranker(parameters: parameters, statistics: statistics)
            let evidence = DocumentEvidence(
                lengths: [
                    Int.random(in: 0...12, using: &generator),
                    Int.random(in: 1...500, using: &generator),
                ],
                frequencies: (0..<phrases * 2).map { _ in Int.random(in: 0...3, using: &generator)
                },
                proximity: (0..<phrases).map { _ in
                    Bool.random(using: &generator) ? Double.random(in: 0...3, using: &generator) : 0
                })
            #expect(
                abs(ranker.explain(evidence).value - ranker.score(evidence)) < 1e-9,
                "seed \(seed), round \(round)")
        }
    }

    /// BM25L (Lv & Zhai 2011): a matched term's normalized frequency is shifted by δ before
    /// saturation; an unmatched term still adds nothing.
    @Test func tfDeltaShiftsMatchedFrequenciesOnly() {
        var parameters = RankingParameters()
        parameters.tfDelta = 0.5
        parameters.proximityWeight = 0
        let statistics = QueryStatistics(
            documentCount: 10, averageLengths: [1, 10],
            phrases: [.init(documentFrequency: 2), .init(documentFrequency: 5)])
        let ranker = Ranker(parameters: parameters, statistics: statistics)
        let evidence = DocumentEvidence(
            lengths: [0, 20], frequencies: [0, 1, 0, 0], proximity: [0, 0])
        // body norm 0.25 + 0.75 · 20/10 = 1.75; c = 1/1.75 + 0.5.
        let c = 1 / 1.75 + 0.5
        let expected = statistics.idf(0) * 3 * c / (2 + c)  // k1 2
        #expect(abs(ranker.score(evidence) - expected) < 1e-12)
        #expect(abs(ranker.explain(evidence).value - expected) < 1e-12)
    }

    /// Büttcher: only consecutive matches of different phrases in one field count.
    @Test func proximityAccumulatesNeighbouringMatchesOnly() {
        let statistics = QueryStatistics(
            documentCount: 10, averageLengths: [2, 10],
            phrases: [
                .init(documentFrequency: 1), .init(documentFrequency: 1),
                .init(documentFrequency: 1, proximity: false),
            ])
        let ranker = Ranker(parameters: RankingParameters(), statistics: statistics)
        var evidence = DocumentEvidence(phraseCount: 3, fieldCount: 2)
        for (phrase, field, offset) in [
            (0, 0, 0), (1, 1, 0), (0, 1, 2), (2, 1, 3), (1, 1, 4), (1, 1, 5),
        ] {
            evidence.record(phrase: phrase, field: field, offset: offset, query: ranker)
        }
        let mass = ranker.proximityMass
        // (1,1,0)–(0,1,2): d = 2; (0,1,2)–(1,1,4): d = 2 (phrase 2 takes no part); (1,1,4)–(1,1,5): same phrase.
        #expect(abs(evidence.proximity[0] - 2 * mass[1] / 4) < 1e-12)
        #expect(abs(evidence.proximity[1] - 2 * mass[0] / 4) < 1e-12)
        #expect(evidence.proximity[2] == 0)
        #expect(
            evidence.frequency(0, 0) == 1 && evidence.frequency(1, 1) == 3
                && evidence.frequency(2, 1) == 1)
    }

    /// By default only terms next to each other in the query pair up (sequential dependence).
    @Test(arguments: [true, false])
    func proximityPairsQueryNeighboursByDefault(adjacentOnly: Bool) {
        var parameters = RankingParameters()
        parameters.proximityAdjacentOnly = adjacentOnly
        let statistics = QueryStatistics(
            documentCount: 10, averageLengths: [2, 10],
            phrases: (0..<3).map { _ in .init(documentFrequency: 2) })
        let ranker = Ranker(parameters: parameters, statistics: statistics)
        var evidence = DocumentEvidence(phraseCount: 3, fieldCount: 2)
        evidence.record(phrase: 0, field: 1, offset: 4, query: ranker)
        evidence.record(phrase: 2, field: 1, offset: 5, query: ranker)
        #expect((evidence.proximity[0] > 0) == !adjacentOnly)
    }

    @Test func specAndEvidenceRoundTrip() throws {
        var parameters = RankingParameters()
        parameters.k1 = 0.9
        let spec = RankingSpec(
            parameters: parameters, typedWeight: 1, expansionWeights: [0.25, 0.125])
        #expect(RankingSpec(encoded: spec.encoded) == spec)
        let evidence = RankingEvidence(
            statistics: spec.statistics(
                documentCount: 5, averageLengths: [1.5, 7.25], documentFrequencies: [1, 2, 3]),
            document: DocumentEvidence(
                lengths: [2, 9], frequencies: [1, 0, 0, 2, 0, 1], proximity: [0.1, 1.0 / 3, 0]))
        #expect(RankingEvidence(encoded: evidence.encoded, spec: spec) == evidence)
        #expect(RankingSpec(encoded: "nonsense") == nil)
    }

    @Test func rankingOverridesAreParsedAndChecked() throws {
        let parameters = try RankingParameters(
            overrides: "k1=0.9,proximityWeight=0,dropStopWords=0,feedbackTerms=20")
        #expect(
            parameters.k1 == 0.9 && parameters.proximityWeight == 0 && !parameters.dropStopWords
                && parameters.feedbackTerms == 20)
        #expect(throws: LBSearchError.self) { try RankingParameters(overrides: "k2=1") }
    }
}
