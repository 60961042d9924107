import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// BM25+'s lower bound and Okapi's query-term frequency weight, against hand-computed values.
struct RankingVariantsTests {
    static func statistics(weights: [Double] = [1, 1]) -> QueryStatistics {
        QueryStatistics(
            documentCount: 10, averageLengths: [1, 10],
            phrases: weights.map { .init(documentFrequency: 2, weight: $0) })
    }

    /// BM25+ (Lv & Zhai 2011): a matched phrase adds δ · w · idf; an unmatched one nothing.
    @Test func plusDeltaLowerBoundsMatchedPhrasesOnly() {
        var parameters = RankingParameters()
        parameters.plusDelta = 1
        parameters.proximityWeight = 0
        let statistics = Self.statistics(weights: [0.5, 1])
        let ranker = Ranker(parameters: parameters, statistics: statistics)
        let evidence = DocumentEvidence(
            lengths: [0, 20], frequencies: [0, 1, 0, 0], proximity: [0, 0])
        // body norm 0.25 + 0.75 · 20/10 = 1.75; tf = 1/1.75.
        let tf = 1 / 1.75
        let expected = 0.5 * statistics.idf(0) * (3 * tf / (2 + tf) + 1)  // k1 2
        #expect(abs(ranker.score(evidence) - expected) < 1e-12)
        let explanation = ranker.explain(evidence)
        #expect(abs(explanation.value - expected) < 1e-12)
        #expect(explanation.rendered().contains("lower bound (BM25+) 1"))
    }

    /// (k3 + 1) · qtf / (k3 + qtf); k3 0 counts a repeated word once.
    @Test(arguments: [(0.0, 3, 1.0), (7.0, 1, 1.0), (7.0, 2, 16.0 / 9), (1000.0, 4, 4004.0 / 1004)])
    func queryTermWeightSaturates(k3: Double, count: Int, weight: Double) {
        var parameters = RankingParameters()
        parameters.queryK3 = k3
        #expect(abs(parameters.queryTermWeight(count) - weight) < 1e-12)
    }

    @Test func specCarriesQueryFrequencies() throws {
        var parameters = RankingParameters()
        parameters.queryK3 = 7
        let spec = RankingSpec(
            parameters: parameters, expansionWeights: [0.25], widths: [1, 1],
            queryFrequencies: [2, 1])
        let decoded = try #require(RankingSpec(encoded: spec.encoded))
        #expect(decoded == spec)
        let phrases = decoded.statistics(
            documentCount: 5, averageLengths: [1, 4], documentFrequencies: [1, 2, 3]
        ).phrases
        #expect(phrases.map(\.weight) == [16.0 / 9, 1, 0.25])
        // Words typed once keep the short encoding.
        let plain = RankingSpec(parameters: parameters, queryFrequencies: [1, 1]).encoded
        #expect(plain.split(separator: ";", omittingEmptySubsequences: false).count == 3)
    }

    @Test func naturalQueryCountsRepeatedWords() throws {
        let text = "Heat, HEAT and the heat-conduction of heat"
        let terms = NaturalQuery.terms(try QueryParser.parse(text))
        #expect(NaturalQuery.counts(in: text, of: terms) == ["heat": 4, "conduction": 1])
    }

    /// A word typed twice weighs (k3 + 1) · 2 / (k3 + 2) in `lbsearch batch`'s natural-language
    /// reading, and the explanation still adds up.
    @Test func repeatedQueryWordWeighsMore() throws {
        let (store, _) = try indexedStore(RankerTests.fixture)
        var options = SearchOptions(match: .any)
        options.explain = true
        options.ranking.proximityWeight = 0
        let once = try Searcher(store: store).search("heat conduction", options: options).hits
        options.ranking.queryK3 = 7
        let twice = try Searcher(store: store).search("heat conduction heat", options: options)
            .hits
        #expect(once.map(\.id) == twice.map(\.id))
        // d3 has "heat" only: its score is the weight times the single-term score.
        let single = try #require(once.last?.score)
        let weighted = try #require(twice.last?.score)
        #expect(abs(weighted - 16.0 / 9 * single) < 1e-12)
        for hit in twice {
            let explanation = try #require(hit.explanation)
            #expect(abs(explanation.value - hit.score) < 1e-9)
            #expect(RankerTests.sumsHold(explanation))
        }
        options.ranking.queryK3 = 0
        let counted = try Searcher(store: store).search("heat conduction heat", options: options)
            .hits
        #expect(counted.map(\.score) == once.map(\.score))
    }
}

/// The Dirichlet language model fused with BM25F (Zhai & Lafferty 2001, as Lucene's
/// `LMDirichletSimilarity` scores a term).
struct DirichletFusionTests {
    /// ω · w · max(0, ln(1 + tf / (μ · cf / |C|)) + ln(μ / (|d| + μ))) per matched phrase.
    @Test func matchedPhrasesAddTheirClampedLikelihood() {
        var parameters = RankingParameters()
        parameters.proximityWeight = 0
        parameters.dirichletWeight = 0.5
        parameters.dirichletMu = 100
        let statistics = QueryStatistics(
            documentCount: 10, averageLengths: [1, 10],
            phrases: [
                .init(documentFrequency: 2, weight: 1, collectionFrequency: 3),
                .init(documentFrequency: 9, weight: 2, collectionFrequency: 90),
            ])
        let evidence = DocumentEvidence(
            lengths: [1, 20], frequencies: [1, 1, 0, 1], proximity: [0, 0])
        let plain = Ranker(parameters: RankingParameters(), statistics: statistics)
        var bm25 = parameters
        bm25.dirichletWeight = 0
        let without = Ranker(parameters: bm25, statistics: statistics).score(evidence)
        // |C| = 11 · 10 = 110; |d| = 21; the common phrase's likelihood is below 0, so 0.
        let prior = log(100.0 / 121)
        let rare = log(1 + 2 / (100 * 3 / 110.0)) + prior
        #expect(log(1 + 1 / (100 * 90 / 110.0)) + prior < 0)
        let ranker = Ranker(parameters: parameters, statistics: statistics)
        #expect(abs(ranker.score(evidence) - (without + 0.5 * rare)) < 1e-12)
        let explanation = ranker.explain(evidence)
        #expect(abs(explanation.value - ranker.score(evidence)) < 1e-12)
        #expect(RankerTests.sumsHold(explanation))
        #expect(explanation.rendered().contains("dirichlet"))
        #expect(plain.score(evidence) == without)
    }

    /// The ranking function reads collection frequencies when the model is on, and the
    /// explanation (from the evidence it saw) adds up to the score.
    @Test func searchExplainsTheFusedScore() throws {
        let (store, _) = try indexedStore(RankerTests.fixture)
        var options = SearchOptions(match: .any)
        options.explain = true
        let plain = try Searcher(store: store).search("heat conduction", options: options).hits
        options.ranking.dirichletWeight = 1
        options.ranking.dirichletMu = 10
        let fused = try Searcher(store: store).search("heat conduction", options: options).hits
        #expect(Set(plain.map(\.id)) == Set(fused.map(\.id)))
        #expect(zip(plain, fused).contains { $0.score != $1.score })
        for hit in fused {
            let explanation = try #require(hit.explanation)
            #expect(abs(explanation.value - hit.score) < 1e-9)
            #expect(RankerTests.sumsHold(explanation))
        }
    }
}
