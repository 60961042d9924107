import Foundation
import GRDB

/// A ranked document: its row id, its score and, when asked for, why.
struct RankedCandidate: Sendable {
    var id: Int64
    var score: Double
    var explanation: Explanation?
    /// How many words of a loosened query the document has (ordered before the score).
    var coverage = 0
}

/// A page of ranked candidates, the expression that found them, and the size of the result.
struct RankedPage {
    var candidates: [RankedCandidate]
    /// The MATCH expression; nil for a filters-only query.
    var expression: String?
    /// Documents that match in all (those reached, when the time budget cut the scan short).
    var total: Int
    /// The explanation of a candidate's score, under `--explain`.
    var explainer: ((RankedCandidate, Database) throws -> Explanation?)?
}

/// Ranks the documents that match an FTS5 expression with lbsearch's `Ranker` (through the
/// `lbsearch_rank` auxiliary function), then applies expansion, recency and explanations as
/// the options ask.
struct CandidateRanker {
    let options: SearchOptions
    /// Names of the expression's phrases, in order, for explanations.
    let labels: [String]
    /// Metadata conditions every candidate must meet.
    var filters = QueryFilters()
    /// Phrases per word of a loosened query (see `CandidateQuery.coverage`).
    var coverage: [Int] = []
    /// The search's time budget.
    var budget: QueryBudget?

    /// Share of the time budget the expansion's first pass may use.
    static let feedbackBudgetShare = 0.5
    /// Share of the time budget the ranking scan may use; the rest is for the page's snippets.
    static let scanBudgetShare = 0.8

    /// The page of candidates for `expression`, best first, and the expression that found them
    /// (with expansion terms OR-ed on under `--expand`; snippets highlight its matches).
    func rank(_ expression: String, _ db: Database) throws -> RankedPage {
        let widths = labels.map {
            CJKText.positions($0.hasPrefix("title:") ? String($0.dropFirst(6)) : $0)
        }
        let spec = RankingSpec(parameters: options.ranking, widths: widths)
        var plan = Plan(expression: expression, spec: spec, labels: labels)
        if options.expand,
            let expanded = try QueryExpander(
                plan: plan, parameters: options.ranking, budget: budget
            ).expand(db)
        {
            plan = expanded
            // Asked for every word, a person still gets only documents that have them: the
            // expansion terms re-rank those, they do not let other documents in.
            if options.match != .any { plan.required = expression }
        }
        var page: CandidatePage
        let ranked: [RankedCandidate]
        if let recency = options.recency {
            page = try fetch(
                plan, limit: max(recency.pool, options.offset + options.limit), offset: 0, db)
            let pool = page.candidates.map(Self.ranked)
            // Only the first `recency.pool` are blended, whatever the page: every page is a
            // slice of the same order.
            let blended =
                try blend(Array(pool.prefix(recency.pool)), recency, db)
                + pool.dropFirst(recency.pool)
            ranked = Array(blended.dropFirst(options.offset).prefix(options.limit))
        } else {
            page = try fetch(plan, limit: options.limit, offset: options.offset, db)
            ranked = page.candidates.map(Self.ranked)
        }
        var result = RankedPage(candidates: ranked, expression: plan.expression, total: page.total)
        // Each explanation re-reads the statistics of every phrase: made hit by hit, under the
        // time budget, with the page.
        if options.explain {
            result.explainer = { candidate, db in try explain(candidate, plan, db) }
        }
        return result
    }

    static func ranked(_ row: CandidateRow) -> RankedCandidate {
        RankedCandidate(id: row.id, score: row.score, coverage: row.coverage)
    }

    /// What is run: the MATCH expression, how its phrases are weighted, and their names.
    struct Plan {
        var expression: String
        /// An expression every candidate must also match (the typed one, under expansion).
        var required: String?
        var spec: RankingSpec
        var labels: [String]
    }

    /// Row ids and scores by descending score (ties in path order, see `CandidateQuery`).
    func fetch(
        _ plan: Plan, limit: Int, offset: Int, budgetShare: Double = scanBudgetShare, _ db: Database
    ) throws -> CandidatePage {
        var request = CandidateQuery(
            expression: plan.expression, filters: filters, sort: options.sort, limit: limit,
            offset: offset)
        request.spec = plan.spec.encoded
        request.required = plan.required
        request.coverage = coverage
        request.budget = budget
        request.budgetShare = budgetShare
        return try request.fetch(db)
    }

    /// `pool` re-ordered by relevance plus recency.
    func blend(_ pool: [RankedCandidate], _ recency: RecencyBlend, _ db: Database) throws
        -> [RankedCandidate]
    {
        let dates = try dates(of: pool.map(\.id), db)
        let blended = pool.map { candidate in
            let boost = recency.explanation(
                relevance: candidate.score, date: dates[candidate.id] ?? nil
            ).value
            return RankedCandidate(
                id: candidate.id, score: candidate.score + boost, coverage: candidate.coverage)
        }
        return blended.sorted { a, b in
            if a.coverage != b.coverage { return a.coverage > b.coverage }
            return a.score != b.score ? a.score > b.score : a.id < b.id
        }
    }

    func dates(of ids: [Int64], _ db: Database) throws -> [Int64: String?] {
        guard !ids.isEmpty else { return [:] }
        let list = ids.map(String.init).joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: "SELECT id, date FROM documents WHERE id IN (\(list))")
        return Dictionary(
            rows.map { ($0[0] as Int64, $0[1] as String?) }, uniquingKeysWith: { first, _ in first }
        )
    }

    /// The explanation of `candidate`'s score, from the same evidence the ranking function saw.
    func explain(_ candidate: RankedCandidate, _ plan: Plan, _ db: Database) throws -> Explanation?
    {
        let encoded = try String.fetchOne(
            db,
            sql:
                "SELECT lbsearch_evidence(documents_fts, ?) FROM documents_fts WHERE documents_fts MATCH ? AND rowid = ?",
            arguments: [plan.spec.encoded, plan.expression, candidate.id])
        guard let encoded, let evidence = RankingEvidence(encoded: encoded, spec: plan.spec) else {
            return nil
        }
        let relevance = Ranker(parameters: plan.spec.parameters, statistics: evidence.statistics)
            .explain(evidence.document, labels: plan.labels)
        guard let recency = options.recency else { return relevance }
        let date = try String.fetchOne(
            db, sql: "SELECT date FROM documents WHERE id = ?", arguments: [candidate.id])
        var renamed = relevance
        renamed.name = "relevance"
        return .sum(
            "score", [renamed, recency.explanation(relevance: relevance.value, date: date)])
    }
}
