import Foundation
import GRDB

/// `--expand`: RM3 pseudo-relevance feedback over the index.
///
/// The best documents of a first
/// ranking (`Searcher` runs it, with the query's filters) vote for terms (`RelevanceModel`),
/// and the plan comes back with those terms OR-ed on, weighted as Anserini weights them: the
/// typed query keeps `originalQueryWeight`, the expansion terms share the rest.
struct QueryExpander {
    let parameters: RankingParameters

    /// Feedback documents and expansion terms are capped whatever `--ranking` asks for: each
    /// document is read whole, each term is a phrase every candidate is scored on.
    static let maxFeedbackDocuments = 100
    static let maxFeedbackTerms = 100
    /// Share of the time budget the first ranking, for feedback, may use.
    static let feedbackBudgetShare = 0.5

    /// How many of the best documents vote.
    var feedbackDocuments: Int {
        min(max(parameters.feedbackDocuments, 0), Self.maxFeedbackDocuments)
    }
    /// How many terms are added at most.
    var feedbackTerms: Int { min(max(parameters.feedbackTerms, 0), Self.maxFeedbackTerms) }
    /// RM3's α: the share of the expanded query's weight the typed words keep.
    var originalWeight: Double { min(max(parameters.originalQueryWeight, 0.01), 1) }

    /// The expansion terms learnt from `first`, the best `feedbackDocuments` documents the
    /// query matches, with their share of the expansion weight (summing to at most 1); or why
    /// there are none.
    ///
    /// CJK bigrams are left out unless `keepingCJK` (no person reads them).
    func terms(feedback first: CandidatePage, keepingCJK: Bool = false, _ db: Database) throws
        -> ExpansionReport
    {
        let feedback = first.candidates
        guard first.complete, let anchor = feedback.first?.id else {
            return ExpansionReport(abstained: .noFeedback)
        }
        let scores = RelevanceModel.documentWeights(
            feedback.map(\.score), sharpness: parameters.feedbackSharpness)
        let documents = try zip(feedback, scores).map { document, score in
            RelevanceModel.Feedback(
                tokens: try RankingFunctions.tokens(of: nil, row: document.id, db), score: score)
        }
        let stopStems = Set(
            try RankingFunctions.tokens(
                of: StopWords.english.sorted().joined(separator: " "), row: anchor, db))
        let proposed = RelevanceModel(excluded: stopStems).estimate(
            documents, count: feedbackTerms * 4)
        let best = try bestTerms(proposed, anchor: anchor, db)
        // Fewer terms than asked for (a small index, where most words are common) keep only
        // their share of the expansion weight: one surviving term must not outweigh the query.
        let share = Double(best.count) / Double(max(1, feedbackTerms))
        // CJK bigrams are fragments of words, not terms to show a person: they compete for a
        // place among the best terms and keep their weight, but are not added. So Japanese
        // text yields no expansion rather than its few other tokens (`25` of `25歳`).
        let chosen = RelevanceModel.normalized(best)
            .filter { keepingCJK || !CJKText.containsCJK($0.term) }
            .map { ExpansionReport.Term(term: $0.term, weight: $0.weight * share) }
        guard !chosen.isEmpty else { return ExpansionReport(abstained: .noTerms) }
        return ExpansionReport(terms: chosen, originalWeight: originalWeight)
    }

    /// The best `feedbackTerms` of `proposed` that the index can match as they are and that
    /// are rare enough (Anserini's document-frequency filter), CJK bigrams among them.
    func bestTerms(_ proposed: [(term: String, weight: Double)], anchor: Int64, _ db: Database)
        throws -> [(term: String, weight: Double)]
    {
        let words = proposed.map(\.term).filter { !CJKText.containsCJK($0) }
        let stable = Set(try stableTerms(words, anchor: anchor, db))
        let candidates = proposed.filter {
            stable.contains($0.term) || CJKText.containsCJK($0.term)
        }
        let (documentCount, frequencies) = try documentFrequencies(candidates.map(\.term), db)
        let limit = parameters.feedbackMaxDocumentFraction * Double(documentCount)
        let rare = candidates.filter { term in
            guard let df = frequencies[term.term] else { return false }
            return Double(df) <= limit
        }
        return Array(rare.prefix(feedbackTerms))
    }

    /// `plan` with `expansion`'s terms OR-ed on: each typed phrase keeps weight 1 and the
    /// terms share (1 − α) / α of the typed weight, α being `originalWeight`.
    func expanded(_ plan: RankingPlan, _ expansion: ExpansionReport, originalWeight alpha: Double)
        -> (RankingPlan, ExpansionReport)
    {
        let scale = (1 - alpha) / alpha * Double(plan.labels.count)
        var report = expansion
        report.originalWeight = alpha
        report.terms = expansion.terms.map { .init(term: $0.term, weight: $0.weight * scale) }
        var spec = plan.spec
        spec.expansionWeights = report.terms.map(\.weight)
        let expression =
            "(" + plan.expression + ") OR "
            + report.terms.map { MatchExpression.quoted($0.term) }.joined(separator: " OR ")
        let labels = plan.labels + report.terms.map { "+" + $0.term }
        var larger = RankingPlan(expression: expression, spec: spec, labels: labels)
        if !plan.words.isEmpty { larger.words = plan.words + report.terms.map(\.term) }
        return (larger, report)
    }

    /// RM3's α for a query of `typed` phrases: α while `typed` ≤ `feedbackWordCap`, beyond it
    /// `typed / (typed + (1 − α) / α · cap)`, so the expansion weighs what it would beside `cap`
    /// typed words.
    func cappedWeight(typed: Int) -> Double {
        let alpha = originalWeight
        guard let cap = wordCap(typed: typed) else { return alpha }
        let words = Double(typed)
        return words / (words + (1 - alpha) / alpha * Double(cap))
    }

    /// The cap on the expansion's weight, in typed words, when a query of `typed` phrases
    /// reaches it; nil otherwise.
    func wordCap(typed: Int) -> Int? {
        let cap = parameters.feedbackWordCap
        return cap > 0 && typed > cap ? cap : nil
    }

    /// RM3's α adapted to `overlap`: α + (1 − α) · (1 − overlap).
    ///
    /// `overlap` is the share of the first ranking's best documents the expanded query keeps
    /// among its own best. Expansion that keeps them all has its full weight; one that
    /// replaces them all has none.
    func adaptedWeight(overlap: Double, from alpha: Double? = nil) -> Double {
        let alpha = alpha ?? originalWeight
        return alpha + (1 - alpha) * (1 - min(max(overlap, 0), 1))
    }

    /// The share of `first` found in `second` (documents by row id).
    static func overlap(_ first: [Int64], _ second: [Int64]) -> Double {
        guard !first.isEmpty else { return 1 }
        let kept = Set(second)
        return Double(first.filter(kept.contains).count) / Double(first.count)
    }

    /// The terms that the tokenizer maps to themselves, so a quoted term matches exactly it.
    func stableTerms(_ terms: [String], anchor: Int64, _ db: Database) throws -> [String] {
        guard !terms.isEmpty else { return [] }
        let again = try RankingFunctions.tokens(
            of: terms.joined(separator: " "), row: anchor, db)
        if again.count == terms.count { return zip(terms, again).filter { $0 == $1 }.map(\.0) }
        return try terms.filter { try RankingFunctions.tokens(of: $0, row: anchor, db) == [$0] }
    }

    /// Documents in the index, and the document frequency of each term.
    func documentFrequencies(_ terms: [String], _ db: Database) throws -> (Int, [String: Int]) {
        guard !terms.isEmpty else { return (0, [:]) }
        let spec = RankingSpec(parameters: parameters)
        let expression = terms.map(MatchExpression.quoted).joined(separator: " OR ")
        let encoded = try String.fetchOne(
            db,
            sql:
                "SELECT lbsearch_evidence(documents_fts, ?) FROM documents_fts WHERE documents_fts MATCH ? LIMIT 1",
            arguments: [spec.encoded, expression])
        guard let encoded, let evidence = RankingEvidence(encoded: encoded, spec: spec) else {
            return (0, [:])
        }
        let frequencies = zip(terms, evidence.statistics.phrases).map { ($0, $1.documentFrequency) }
        return (
            evidence.statistics.documentCount,
            Dictionary(frequencies, uniquingKeysWith: { first, _ in first })
        )
    }
}
