import Foundation
import GRDB

/// A ranked document: its row id, its score and, when asked for, why.
struct RankedCandidate: Sendable {
    var id: Int64
    var score: Double
    var explanation: Explanation?
    /// How many words of a loosened query the document has (ordered before the score).
    var coverage = 0
    /// Row ids of the copies of its text folded into it, best ranked first (`CopyCollapse`).
    var copies: [Int64] = []

    /// A candidate as the scan found it.
    init(_ row: CandidateRow) {
        self.init(id: row.id, score: row.score, coverage: row.coverage)
    }

    init(id: Int64, score: Double, explanation: Explanation? = nil, coverage: Int = 0) {
        self.id = id
        self.score = score
        self.explanation = explanation
        self.coverage = coverage
    }
}

/// A page of ranked candidates, the plan that found them, and the size of the result.
struct RankedPage {
    var candidates: [RankedCandidate]
    /// What ran; nil for a filters-only query.
    var plan: RankingPlan?
    /// Documents that match in all (those reached, when the time budget cut the scan short).
    var total: Int
    /// The explanation of a candidate's score, under `--explain`, given the ids of the hits
    /// explained next (the candidate's first), whose evidence it may read with the candidate's.
    var explainer: ((RankedCandidate, [Int64], Database) throws -> Explanation?)?
}

/// Ranks the documents a `RankingPlan` matches with lbsearch's `Ranker` (through the
/// `lbsearch_rank` auxiliary function), then applies recency and explanations as the options
/// ask.
struct CandidateRanker {
    var options: SearchOptions
    /// Metadata conditions every candidate must meet.
    var filters = QueryFilters()
    /// Phrases per word of a loosened query (see `CandidateQuery.coverage`).
    var coverage: [Int] = []
    /// The search's time budget.
    var budget: QueryBudget?

    /// Share of the time budget the ranking scan may use; the rest is for the page's snippets.
    static let scanBudgetShare = 0.8

    /// The page of candidates for `plan`, best first.
    func rank(_ plan: RankingPlan, _ db: Database) throws -> RankedPage {
        var page: CandidatePage
        let ranked: [RankedCandidate]
        if let recency = options.recency {
            page = try fetch(
                plan, limit: max(recency.pool, options.offset + options.limit), offset: 0, db)
            let pool = page.candidates.map(RankedCandidate.init)
            // Only the first `recency.pool` are blended, whatever the page: every page is a
            // slice of the same order.
            let blended =
                try blend(Array(pool.prefix(recency.pool)), recency, db)
                + pool.dropFirst(recency.pool)
            ranked = Array(blended.dropFirst(options.offset).prefix(options.limit))
        } else {
            page = try fetch(plan, limit: options.limit, offset: options.offset, db)
            ranked = page.candidates.map(RankedCandidate.init)
        }
        var result = RankedPage(candidates: ranked, plan: plan, total: page.total)
        // Each explanation re-reads the statistics of every phrase: made hit by hit, under the
        // time budget, with the page.
        if options.explain {
            let evidence = PageEvidence(plan: plan)
            result.explainer = { candidate, upcoming, db in
                let encoded = try evidence.encoded(candidate.id, upcoming: upcoming, db)
                return try explain(candidate, plan, encoded: encoded, db)
            }
        }
        return result
    }

    /// Row ids and scores by descending score (ties in path order, see `CandidateQuery`).
    func fetch(_ plan: RankingPlan, limit: Int, offset: Int, _ db: Database) throws
        -> CandidatePage
    {
        var request = CandidateQuery(
            plan, filters: filters, sort: options.sort, limit: limit, offset: offset)
        request.coverage = coverage
        request.budget = budget
        request.budgetShare = Self.scanBudgetShare
        request.split = options.scanSplit
        return try request.fetch(db)
    }

    /// `pool` re-ordered by relevance plus recency; ties in path order, as everywhere.
    func blend(_ pool: [RankedCandidate], _ recency: RecencyBlend, _ db: Database) throws
        -> [RankedCandidate]
    {
        let dates = try CandidateQuery.dates(of: pool.map(\.id), db)
        let blended = pool.map { candidate in
            let boost = recency.explanation(
                relevance: candidate.score, date: dates[candidate.id] ?? nil
            ).value
            return RankedCandidate(
                id: candidate.id, score: candidate.score + boost, coverage: candidate.coverage)
        }
        let paths = try CandidateQuery.paths(of: blended.map(\.id), db)
        return blended.sorted { a, b in
            if a.coverage != b.coverage { return a.coverage > b.coverage }
            if a.score != b.score { return a.score > b.score }
            return (paths[a.id] ?? .missing, a.id) < (paths[b.id] ?? .missing, b.id)
        }
    }

    /// The explanation of `candidate`'s score, from the same evidence the ranking function saw
    /// (`encoded`, `lbsearch_evidence` of its row: `PageEvidence`).
    func explain(
        _ candidate: RankedCandidate, _ plan: RankingPlan, encoded: String?, _ db: Database
    ) throws -> Explanation? {
        guard let encoded, let evidence = RankingEvidence(encoded: encoded, spec: plan.spec) else {
            return nil
        }
        let relevance = Ranker(parameters: plan.spec.parameters, statistics: evidence.statistics)
            .explain(evidence.document, labels: plan.labels)
        guard let recency = options.recency else { return relevance }
        let date = try CandidateQuery.dates(of: [candidate.id], db)[candidate.id] ?? nil
        var renamed = relevance
        renamed.name = "relevance"
        return .sum(
            "score", [renamed, recency.explanation(relevance: relevance.value, date: date)])
    }
}
