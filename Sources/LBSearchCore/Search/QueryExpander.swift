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

    /// `plan` expanded with terms from `first`, the best `feedbackDocuments` documents it
    /// matches; nil when there is nothing to learn from (or no time to learn it).
    func expanded(_ plan: RankingPlan, feedback first: CandidatePage, _ db: Database) throws
        -> RankingPlan?
    {
        let feedback = first.candidates
        guard first.complete, let anchor = feedback.first?.id, !plan.labels.isEmpty else {
            return nil
        }
        let documents = try feedback.map { document in
            RelevanceModel.Feedback(
                tokens: try tokens(row: document.id, text: nil, db), score: document.score)
        }
        let stopStems = Set(
            try tokens(row: anchor, text: StopWords.english.sorted().joined(separator: " "), db))
        // CJK bigrams are fragments of words, not terms to show a person: they are never
        // proposed, but they keep their share of the vote, so that in Japanese text the few
        // other tokens (numbers such as `25` from `25歳`) are not promoted to the best terms.
        let proposed = RelevanceModel(excluded: stopStems).estimate(
            documents, count: feedbackTerms * 4
        )
        .filter { !$0.term.unicodeScalars.contains(where: CJKText.isCJK) }
        let stable = try stableTerms(proposed.map(\.term), anchor: anchor, db)
        let (documentCount, frequencies) = try documentFrequencies(stable, db)
        let rare = proposed.filter { term in
            guard let df = frequencies[term.term] else { return false }
            return Double(df) <= parameters.feedbackMaxDocumentFraction * Double(documentCount)
        }
        // Fewer terms than asked for (a small index, where most words are common) keep only
        // their share of the expansion weight: one surviving term must not outweigh the query.
        let survivors = Array(rare.prefix(feedbackTerms))
        let share = Double(survivors.count) / Double(max(1, feedbackTerms))
        let chosen = RelevanceModel.normalized(survivors).map { ($0.term, $0.weight * share) }
        guard !chosen.isEmpty else { return nil }
        return expanded(plan, chosen)
    }

    /// `plan` with `terms` OR-ed on, weights scaled so each typed phrase keeps weight 1.
    func expanded(_ plan: RankingPlan, _ terms: [(term: String, weight: Double)]) -> RankingPlan {
        let alpha = min(max(parameters.originalQueryWeight, 0.01), 1)
        let scale = (1 - alpha) / alpha * Double(plan.labels.count)
        var spec = plan.spec
        spec.expansionWeights = terms.map { $0.weight * scale }
        let expression =
            "(" + plan.expression + ") OR "
            + terms.map { MatchExpression.quoted($0.term) }.joined(separator: " OR ")
        return RankingPlan(
            expression: expression, spec: spec, labels: plan.labels + terms.map { "+" + $0.term })
    }

    /// The tokens of a row (title and body) or of `text`, by the index's own tokenizer.
    func tokens(row: Int64, text: String?, _ db: Database) throws -> [String] {
        let joined = try String.fetchOne(
            db, sql: "SELECT lbsearch_tokens(documents_fts, ?) FROM documents_fts WHERE rowid = ?",
            arguments: [text, row])
        return (joined ?? "").split(separator: " ").map(String.init)
    }

    /// The terms that the tokenizer maps to themselves, so a quoted term matches exactly it.
    func stableTerms(_ terms: [String], anchor: Int64, _ db: Database) throws -> [String] {
        let again = try tokens(row: anchor, text: terms.joined(separator: " "), db)
        if again.count == terms.count { return zip(terms, again).filter { $0 == $1 }.map(\.0) }
        return try terms.filter { try tokens(row: anchor, text: $0, db) == [$0] }
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
