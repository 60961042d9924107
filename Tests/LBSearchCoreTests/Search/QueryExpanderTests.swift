import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// `--expand` says what it did: the terms it added, or why it added none.
struct QueryExpanderTests {
    /// Sixty fillers; two short documents about wings that mention zeppelins, and four about
    /// zeppelins only, which an expansion weighted far above the typed word puts first.
    static let airships: [String: String] = {
        var files: [String: String] = [:]
        for index in 0..<60 {
            files["filler\(index).txt"] =
                "Filler \(index)\n\nNothing on the topic, number \(index)."
        }
        files["a.txt"] = "Wings\n\nThe wings of a zeppelin, a zeppelin and one more zeppelin."
        files["b.txt"] = "Wings\n\nWings on a zeppelin: zeppelin, zeppelin."
        for index in 0..<4 {
            files["z\(index).txt"] = "Zeppelin \(index)\n\nZeppelin zeppelin zeppelin zeppelin."
        }
        return files
    }()

    func search(_ query: String, _ files: [String: String], ranking: String) throws
        -> SearchResult
    {
        let (store, _) = try indexedStore(files)
        var options = SearchOptions(match: .any)
        options.expand = true
        options.ranking = try RankingParameters(overrides: ranking)
        return try Searcher(store: store).search(query, options: options)
    }

    @Test func expansionReportsTheTermsItAddedWithTheirWeights() throws {
        let result = try search(
            "wings", Self.airships, ranking: "feedbackDocuments=2,feedbackTerms=1")
        let expansion = try #require(result.executed?.expansion)
        #expect(expansion.abstention == nil)
        #expect(expansion.terms.map(\.term) == ["zeppelin"])
        // α 0.5 and one typed word: the expansion terms weigh as much as the typed word.
        #expect(abs(expansion.terms[0].weight - 1) < 1e-12)
        let text = QueryExplanation(try #require(result.executed)).text
        #expect(text.contains("expansion: +zeppelin 1.0 (typed words weigh 1"), "\(text)")
    }

    /// Weighted far above the typed word, the expansion would replace every one of the first
    /// ranking's best documents: with `feedbackOverlap` it abstains and says why.
    @Test func expansionThatReplacesTheBestDocumentsAbstains() throws {
        let settings = "feedbackDocuments=2,feedbackTerms=1,originalQueryWeight=0.05"
        let plain = try search("wings", Self.airships, ranking: settings)
        #expect(plain.executed?.expansion?.terms.map(\.term) == ["zeppelin"])
        #expect(plain.hits.prefix(2).allSatisfy { $0.path.contains("/z") })
        let result = try search("wings", Self.airships, ranking: settings + ",feedbackOverlap=1")
        let expansion = try #require(result.executed?.expansion)
        #expect(expansion.abstention == .drift(compared: 2))
        #expect(expansion.terms.isEmpty)
        #expect(result.executed?.phrases == ["wings"])
        let text = QueryExplanation(try #require(result.executed)).text
        #expect(text.contains("expansion: none: the expanded query kept none of the first 2"))
    }

    @Test func expansionThatKeepsSomeOfTheBestDocumentsIsWeakened() throws {
        let expander = QueryExpander(parameters: RankingParameters())
        #expect(expander.adaptedWeight(overlap: 1) == 0.5)
        #expect(expander.adaptedWeight(overlap: 0.5) == 0.75)
        #expect(QueryExpander.overlap([1, 2, 3, 4], [4, 9, 1, 8]) == 0.5)
    }

    /// However long the query, the expansion terms together weigh at most what they weigh beside
    /// `feedbackWordCap` typed words; up to the cap, RM3's α is as set.
    @Test(arguments: [1, 3, 10, 11, 25, 60])
    func theExpansionWeighsAtMostAsBesideTheCappedNumberOfWords(typed: Int) {
        for (cap, alpha) in [(10, 0.5), (5, 0.7), (0, 0.5)] {
            var parameters = RankingParameters()
            parameters.feedbackWordCap = cap
            parameters.originalQueryWeight = alpha
            let expander = QueryExpander(parameters: parameters)
            let plan = RankingPlan(
                expression: "x", spec: RankingSpec(parameters: parameters),
                labels: (0..<typed).map { "w\($0)" })
            let learnt = ExpansionReport(
                terms: [.init(term: "a", weight: 0.75), .init(term: "b", weight: 0.25)],
                originalWeight: alpha)
            let weight = expander.cappedWeight(typed: typed)
            let (_, report) = expander.expanded(plan, learnt, originalWeight: weight)
            let total = report.terms.reduce(0) { $0 + $1.weight }
            let words = cap > 0 ? min(typed, cap) : typed
            #expect(abs(total - (1 - alpha) / alpha * Double(words)) < 1e-9, "cap \(cap)")
            #expect(weight >= alpha - 1e-12)
            #expect((weight == alpha) == (cap == 0 || typed <= cap))
            #expect(expander.wordCap(typed: typed) == (cap > 0 && typed > cap ? cap : nil))
        }
    }

    /// A query of twelve words: the expansion weighs what it would beside ten, and `--explain`
    /// says the typed words' weight was raised.
    @Test func aLongQueryIsExpandedAsIfItHadTenWords() throws {
        let query = "wings alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo"
        let settings = "feedbackDocuments=2,feedbackTerms=1"
        let result = try search(query, Self.airships, ranking: settings)
        let expansion = try #require(result.executed?.expansion)
        #expect(expansion.terms.map(\.term) == ["zeppelin"])
        #expect(abs(expansion.terms[0].weight - 10) < 1e-9)
        #expect(abs(expansion.originalWeight - 12.0 / 22) < 1e-12)
        #expect(expansion.wordCap == 10)
        let text = QueryExplanation(try #require(result.executed)).text
        #expect(text.contains("raised for a query of more than 10 words"), "\(text)")
        let uncapped = try search(query, Self.airships, ranking: settings + ",feedbackWordCap=0")
        let plain = try #require(uncapped.executed?.expansion)
        #expect(abs(plain.terms[0].weight - 12) < 1e-9)
        #expect(plain.wordCap == nil)
    }

    @Test func sharperFeedbackFavoursTheBestDocuments() {
        #expect(RelevanceModel.documentWeights([4, 2], sharpness: 0) == [4, 2])
        let sharp = RelevanceModel.documentWeights([4, 2], sharpness: 2)
        #expect(sharp[0] == 4)
        #expect(abs(sharp[1] - 2 * exp(-1)) < 1e-12)
    }

    /// Japanese articles whose only other tokens are numbers (`25歳`): however many terms are
    /// asked for, the bigrams outweigh the numbers, so nothing is added, and `--explain` says so.
    @Test(arguments: [10, 20, 30])
    func numbersOfCJKTextAreNotExpansionTerms(terms: Int) throws {
        var files: [String: String] = [:]
        let sentence = "寝坊をして上司からの電話で起こされた経験があるのは会社員のケイコさんで、朝の通勤電車に乗り遅れたそうだ。"
        for n in 0..<3 {
            files["late\(n).txt"] = "朝の話\n\n" + sentence + sentence + "（\(25 + n)歳、2012年）"
        }
        for n in 0..<37 { files["other\(n).txt"] = "話題\n\n今日の天気は晴れです。明日は雨が降るでしょう。" }
        let result = try search("寝坊", files, ranking: "feedbackTerms=\(terms)")
        let expansion = try #require(result.executed?.expansion)
        #expect(expansion.terms.isEmpty, "\(expansion.summary)")
        #expect(expansion.abstention == .noTerms)
        let text = QueryExplanation(try #require(result.executed)).text
        #expect(text.contains("expansion: none: the best documents have no rare enough word"))
    }

    @Test func withoutExpandTheExplanationSaysNothingOfIt() throws {
        let (store, _) = try indexedStore(Self.airships)
        let result = try Searcher(store: store).search("wings")
        #expect(result.executed?.expansion == nil)
        #expect(!QueryExplanation(try #require(result.executed)).text.contains("expansion"))
    }
}
