import Foundation
import GRDB

/// Runs a query against the index: candidates from FTS5 ranked by `Ranker`, then snippets.
public final class Searcher {
    /// Hits made whatever the time budget, so a search cut short still shows a page.
    static let hitsWithinAnyBudget = 10
    /// Offsets and limits are clamped to this, far past any index, so `offset + limit` never
    /// overflows (`--offset 9223372036854775807` is simply past the end).
    static let maxPosition = 1 << 40

    let store: IndexStore

    /// A searcher over `store`.
    public init(store: IndexStore) {
        self.store = store
    }

    /// The page of hits for `text`.
    ///
    /// Throws `.emptyQuery` when it holds nothing to search for.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws
        -> SearchResult
    {
        let started = ContinuousClock.now
        var result = try search(parsed: text, options)
        result.seconds = (ContinuousClock.now - started) / .seconds(1)
        return result
    }

    /// The counts of `fields` over every document `text` matches, with the filters and match
    /// mode of `options` (its page, sort and snippets play no part).
    ///
    /// The same counts as `search` gives in `SearchResult.facets` when `options.facets` is set;
    /// nil when the time budget ran out first.
    public func facets(
        for text: String, fields: [FacetField], options: SearchOptions = SearchOptions()
    ) throws -> FacetCounts? {
        var counting = options
        (counting.facets, counting.limit, counting.offset) = (fields, 0, 0)
        (counting.suggest, counting.snippets, counting.explain) = (false, false, false)
        return try search(parsed: text, counting).facets
    }

    /// The page of hits for `text`, with a suggestion when it found little.
    func search(parsed text: String, _ options: SearchOptions) throws -> SearchResult {
        var query = try QueryParser.parse(text)
        query.filters.dates += options.dates
        if query.isEmpty { throw LBSearchError.emptyQuery }
        return try store.read { db in
            let budget = QueryBudget(seconds: options.timeout)
            let ahead = SuggestionAhead.Slot()
            // Waited for on every way out: no thread outlives the search.
            defer { ahead.started?.wait() }
            var result = try self.search(query, options, budget, db, text: text, ahead: ahead)
            if !options.facets.isEmpty, let executed = result.executed {
                result.facets = try budget.bounded(db) {
                    try FacetCounter(fields: options.facets).counts(executed, db)
                }
                if result.facets == nil { result.cut = true }
            }
            // By the whole result, not the page: a page past the end is no reason to suggest.
            if options.suggest, result.total < Suggester.fewHits || result.relaxed,
                query.root != nil
            {
                result.suggestion =
                    try ahead.started?.suggestion()
                    ?? budget.bounded(db) {
                        try Suggester().suggestion(for: text, query: query, db)
                    } ?? nil
            }
            return result
        }
    }

    /// Ranks a parsed query.
    ///
    /// The fallback is decided once per query, not per page: the query is loosened only when
    /// no document has every word, so all pages of one query are slices of one ordering.
    ///
    /// `text` is what was typed: in a natural-language reading, a word it repeats weighs more
    /// (`RankingParameters.queryK3`).
    ///
    /// `ahead` receives the suggestion started on another connection, if any (`SuggestionAhead`).
    func search(
        _ typed: Query, _ given: SearchOptions, _ budget: QueryBudget, _ db: Database,
        text: String = "", ahead: SuggestionAhead.Slot? = nil
    ) throws -> SearchResult {
        var options = given
        options.offset = min(max(options.offset, 0), Self.maxPosition)
        options.limit = min(max(options.limit, 0), Self.maxPosition)
        var fanOut = PrefixFanOut()
        let query = try fanOut.bounded(typed, db)
        var result = try search(
            bounded: query, options, budget, db, text: text, prefixRows: fanOut.rowBound(query),
            ahead: ahead)
        result.narrowedPrefixes = fanOut.narrowed
        return result
    }

    /// Runs `query` (its prefixes bounded) as `--match` asks: as natural language, or every
    /// word then, when no document has them all, any of them.
    ///
    /// `prefixRows` bounds the rows of a query that is one prefix (`PrefixFanOut.rowBound`).
    func search(
        bounded query: Query, _ options: SearchOptions, _ budget: QueryBudget, _ db: Database,
        text: String = "", prefixRows: Int? = nil, ahead: SuggestionAhead.Slot? = nil
    ) throws -> SearchResult {
        if options.match == .any {
            let natural = NaturalQuery.rewritten(
                query, dropStopWords: options.ranking.dropStopWords)
            let counts = NaturalQuery.counts(
                in: text,
                of: NaturalQuery.terms(query, dropStopWords: options.ranking.dropStopWords))
            let page = try candidates(
                natural, options, loosened: false, typedCounts: counts, budget, db)
            return try result(page, ran: natural, typed: query, options, relaxed: false, budget, db)
        }
        var page = try candidates(
            query, options, loosened: false, prefixRows: prefixRows, budget, db)
        var ran = query
        var relaxed = false
        if page.total == 0, !budget.cut, options.match == .auto, let loose = query.relaxed {
            // Nothing has every word: the search ends with "did you mean", made meanwhile.
            if options.suggest, let ahead {
                ahead.started = try SuggestionAhead(
                    text: text, query: query, budget: budget, db)
            }
            page = try candidates(loose, options, loosened: true, budget, db)
            ran = loose
            relaxed = page.total > 0
        }
        return try result(page, ran: ran, typed: query, options, relaxed: relaxed, budget, db)
    }

    /// The hits of `page`, which `ran` found for the `typed` query.
    func result(
        _ page: RankedPage, ran: Query, typed query: Query, _ options: SearchOptions,
        relaxed: Bool, _ budget: QueryBudget, _ db: Database
    ) throws -> SearchResult {
        let narrowing = CJKHighlight(query)
        let layout = try FieldLayout.read(db)
        var hits: [Hit] = []
        var rows = PageRows(
            ids: page.candidates.map(\.id),
            expression: options.snippets ? page.plan?.expression : nil, layout: layout)
        for (index, found) in page.candidates.enumerated() {
            // Snippets (and explanations) for a long page take seconds: past the budget, the
            // page ends where it is (the first `Self.hitsWithinAnyBudget` are always made).
            if index >= Self.hitsWithinAnyBudget, budget.isSpent() {
                budget.cut = true
                break
            }
            var candidate = found
            let upcoming = page.candidates[index...].prefix(PageRows.batch).map(\.id)
            candidate.explanation = try page.explainer?(found, upcoming, db) ?? nil
            var hit = try hit(
                candidate, rank: options.offset + index + 1,
                expression: page.plan?.expression, options, narrowing, layout, db,
                row: try rows.row(at: index, db))
            hit.copies = try CopyCollapse.copies(found.copies, base: options.displayBase, db)
            hits.append(hit)
        }
        var result = SearchResult(hits: hits, relaxed: relaxed, wordCount: query.words.count)
        result.total = page.total
        result.cut = budget.cut
        result.executed = ExecutedQuery(
            query: ran, expression: page.plan?.expression, phrases: page.plan?.labels ?? [],
            required: page.plan?.required, expansion: page.plan?.expansion)
        return result
    }

    /// The page of candidates, the plan that found them and the number of matches.
    ///
    /// A loosened query puts the documents with more of its words first. `prefixRows` bounds
    /// the rows the query matches, when it is one prefix.
    func candidates(
        _ query: Query, _ options: SearchOptions, loosened: Bool,
        typedCounts: [String: Int] = [:], prefixRows: Int? = nil, _ budget: QueryBudget,
        _ db: Database
    ) throws -> RankedPage {
        guard let match = query.root.flatMap(MatchExpression.compile) else {
            return try paged(options, budget, db) { try filtered(query.filters, $0, budget, db) }
        }
        var ranker = CandidateRanker(options: options, filters: query.filters, budget: budget)
        if loosened, options.sort == .relevance { ranker.coverage = match.alternatives }
        var plan = try counted(
            RankingPlan(match, parameters: options.ranking, typedCounts: typedCounts), db)
        if !options.expand {
            plan.broader = query.root.flatMap(MatchExpression.prefixFree)
            plan.unordered = query.root.flatMap(MatchExpression.unordered)
            plan.rowBound = prefixRows
        }
        if options.expand, !plan.labels.isEmpty {
            // Asked for every word, a person still gets only documents that have them: the
            // expansion terms re-rank those, they do not let other documents in.
            let required = options.match != .any ? match.text : nil
            plan = try counted(
                expanded(plan, required: required, filters: query.filters, options, budget, db),
                db)
        }
        return try paged(options, budget, db) { paging in
            var pageRanker = ranker
            pageRanker.options = paging
            return try pageRanker.rank(plan, db)
        }
    }

    /// `plan` with the document counts of its phrases that the index keeps (`TermCounts`), so
    /// the ranking function does not count them again, and for one word its score ceilings
    /// (`ScoreCeilings`).
    func counted(_ plan: RankingPlan, _ db: Database) throws -> RankingPlan {
        var plan = plan
        let terms: [String?]
        (plan.frequencies, terms) = try TermCounts.looked(up: plan.words, db)
        plan.ceilings = nil
        if terms.count == 1, let term = terms[0], plan.frequencies != nil {
            plan.ceilings = try ScoreCeilings.lookup(
                term: term, spec: plan.spec.encoded, frequencies: plan.frequencies, db)
        }
        return plan
    }

    /// The page `options` asks for, which `rank` ranks, with copies collapsed into stories
    /// when `options.collapse` (`CopyCollapse`); `excluded` documents are never shown.
    func paged(
        _ options: SearchOptions, _ budget: QueryBudget, _ db: Database,
        excluded: Set<Int64> = [], _ rank: (SearchOptions) throws -> RankedPage
    ) throws -> RankedPage {
        guard options.collapse, options.limit > 0 else { return try rank(options) }
        return try CopyCollapse.page(options, excluded: excluded, budget: budget, db) { pool in
            var widened = options
            (widened.offset, widened.limit) = (0, pool)
            return try rank(widened)
        }
    }

    /// The page of a filters-only query: newest first, unscored.
    func filtered(
        _ filters: QueryFilters, _ options: SearchOptions, _ budget: QueryBudget, _ db: Database
    ) throws -> RankedPage {
        var request = CandidateQuery(
            expression: nil, filters: filters, sort: options.sort, limit: options.limit,
            offset: options.offset)
        request.budget = budget
        let page = try request.fetch(db)
        return RankedPage(
            candidates: page.candidates.map(RankedCandidate.init), plan: nil, total: page.total)
    }

    /// `--expand`: `plan` with terms learnt from its best documents among those the filters
    /// let through, and the report of what was done (`plan.expansion`).
    func expanded(
        _ plan: RankingPlan, required: String?, filters: QueryFilters, _ options: SearchOptions,
        _ budget: QueryBudget, _ db: Database
    ) throws -> RankingPlan {
        let expander = QueryExpander(parameters: options.ranking)
        let first = try feedbackPage(plan, filters, expander.feedbackDocuments, budget, db)
        let report = try expander.terms(feedback: first, db)
        var alpha = expander.cappedWeight(typed: plan.labels.count)
        var overlap: Double?
        if report.abstention == nil, options.ranking.feedbackOverlap {
            // The expanded query runs once more for its best documents, and the typed words'
            // weight adapts to how many of the first ranking's best it kept.
            var probe = try counted(expander.expanded(plan, report, originalWeight: alpha).0, db)
            probe.required = required
            let second = try feedbackPage(probe, filters, expander.feedbackDocuments, budget, db)
            let kept = QueryExpander.overlap(
                first.candidates.map(\.id), second.candidates.map(\.id))
            overlap = kept
            alpha = expander.adaptedWeight(overlap: kept, from: alpha)
        }
        var result = plan
        guard report.abstention == nil, overlap != 0 else {
            let reason = report.abstention ?? .drift(compared: first.candidates.count)
            result.expansion = ExpansionReport(abstained: reason, overlap: overlap)
            return result
        }
        var weighted: ExpansionReport
        (result, weighted) = expander.expanded(plan, report, originalWeight: alpha)
        weighted.overlap = overlap
        weighted.wordCap = expander.wordCap(typed: plan.labels.count)
        result.required = required
        result.expansion = weighted
        return result
    }

    /// The best `count` documents `plan` matches, for feedback, within its share of the budget.
    func feedbackPage(
        _ plan: RankingPlan, _ filters: QueryFilters, _ count: Int, _ budget: QueryBudget,
        _ db: Database
    ) throws -> CandidatePage {
        var query = CandidateQuery(
            plan, filters: filters, sort: .relevance, limit: count, offset: 0)
        query.budget = budget
        query.budgetShare = QueryExpander.feedbackBudgetShare
        return try query.fetch(db)
    }

    /// The hit for `candidate`: its stored fields, title and snippet highlighted where
    /// `expression` matches (FTS5 columns as `layout` says).
    ///
    /// `row` is its highlighted row when read already (`PageRows`).
    func hit(
        _ candidate: RankedCandidate, rank: Int, expression: String?, _ options: SearchOptions,
        _ narrowing: CJKHighlight, _ layout: FieldLayout, _ db: Database, row read: HitRow? = nil
    ) throws -> Hit {
        let row =
            try options.snippets
            ? read ?? expression.flatMap { try HitRow.highlighted(candidate.id, $0, layout, db) }
                ?? HitRow.plain(candidate.id, db)
            : HitRow.bare(candidate.id, db)
        guard let row else { throw LBSearchError.corruptIndex(path: store.path) }
        let path = display(row.path, base: options.displayBase)
        return Hit(
            rank: rank, score: candidate.score,
            id: try DocumentIdentity.id(
                path: row.path, record: row.record, displayPath: path, base: options.displayBase,
                db),
            title: PassageSelector.whole(narrowing.narrow(MarkedText(marked: row.title))),
            date: row.date, source: row.source, path: path, url: row.url,
            snippet: options.passages.select(narrowing.narrow(MarkedText(marked: row.body))),
            explanation: candidate.explanation)
    }

    /// `path` relative to `base` when it lies inside it.
    func display(_ path: String, base: String?) -> String {
        guard let base, !base.isEmpty else { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
