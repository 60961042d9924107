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

    public init(store: IndexStore) {
        self.store = store
    }

    /// The page of hits for `text`. Throws `.emptyQuery` when it holds nothing to search for.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws
        -> SearchResult
    {
        var query = try QueryParser.parse(text)
        query.filters.dates += options.dates
        if query.isEmpty { throw LBSearchError.emptyQuery }
        return try store.read { db in
            let budget = QueryBudget(seconds: options.timeout)
            var result = try self.search(query, options, budget, db)
            // By the whole result, not the page: a page past the end is no reason to suggest.
            if options.suggest, result.total < Suggester.fewHits || result.relaxed,
                query.root != nil
            {
                result.suggestion =
                    try budget.bounded(db) {
                        try Suggester().suggestion(for: text, query: query, db)
                    } ?? nil
            }
            return result
        }
    }

    /// Ranks a parsed query. `--match any` reads it as natural language (any term, stop words
    /// dropped); `auto` tries every word, then loosens to any of them.
    func search(_ query: Query, _ options: SearchOptions, _ db: Database) throws
        -> SearchResult
    {
        try search(query, options, QueryBudget(seconds: options.timeout), db)
    }

    /// The fallback is decided once per query, not per page: the query is loosened only when
    /// no document has every word, so all pages of one query are slices of one ordering.
    func search(_ typed: Query, _ given: SearchOptions, _ budget: QueryBudget, _ db: Database)
        throws -> SearchResult
    {
        var options = given
        options.offset = min(max(options.offset, 0), Self.maxPosition)
        options.limit = min(max(options.limit, 0), Self.maxPosition)
        var fanOut = PrefixFanOut()
        let query = try fanOut.bounded(typed, db)
        var result = try search(bounded: query, options, budget, db)
        result.narrowedPrefixes = fanOut.narrowed
        return result
    }

    func search(
        bounded query: Query, _ options: SearchOptions, _ budget: QueryBudget, _ db: Database
    ) throws -> SearchResult {
        if options.match == .any {
            let natural = NaturalQuery.rewritten(
                query, dropStopWords: options.ranking.dropStopWords)
            return try result(
                try candidates(natural, options, loosened: false, budget, db), query, options,
                relaxed: false, budget, db)
        }
        var page = try candidates(query, options, loosened: false, budget, db)
        var relaxed = false
        if page.total == 0, !budget.cut, options.match == .auto, let loose = query.relaxed {
            page = try candidates(loose, options, loosened: true, budget, db)
            relaxed = page.total > 0
        }
        return try result(page, query, options, relaxed: relaxed, budget, db)
    }

    func result(
        _ page: RankedPage, _ query: Query, _ options: SearchOptions, relaxed: Bool,
        _ budget: QueryBudget, _ db: Database
    ) throws -> SearchResult {
        let narrowing = CJKHighlight(query)
        var hits: [Hit] = []
        for (index, found) in page.candidates.enumerated() {
            // Snippets (and explanations) for a long page take seconds: past the budget, the
            // page ends where it is (the first `Self.hitsWithinAnyBudget` are always made).
            if index >= Self.hitsWithinAnyBudget, budget.isSpent() {
                budget.cut = true
                break
            }
            var candidate = found
            candidate.explanation = try page.explainer?(found, db) ?? nil
            hits.append(
                try hit(
                    candidate, rank: options.offset + index + 1, expression: page.expression,
                    options, narrowing, db))
        }
        var result = SearchResult(hits: hits, relaxed: relaxed, wordCount: query.words.count)
        result.total = page.total
        result.cut = budget.cut
        return result
    }

    /// The page of candidates, the expression that found them and the number of matches. A
    /// loosened query puts the documents with more of its words first.
    func candidates(
        _ query: Query, _ options: SearchOptions, loosened: Bool, _ budget: QueryBudget,
        _ db: Database
    ) throws -> RankedPage {
        guard let root = query.root, let expression = MatchExpression.of(root) else {
            var request = CandidateQuery(
                expression: nil, filters: query.filters, sort: options.sort, limit: options.limit,
                offset: options.offset)
            request.budget = budget
            let page = try request.fetch(db)
            return RankedPage(
                candidates: page.candidates.map(CandidateRanker.ranked), expression: nil,
                total: page.total)
        }
        var ranker = CandidateRanker(
            options: options, labels: MatchExpression.phrases(of: root), filters: query.filters,
            budget: budget)
        if loosened, options.sort == .relevance, case .and(let children) = root,
            case .or(let words) = children.first
        {
            ranker.coverage = words.map { MatchExpression.phrases(of: $0).count }
        }
        return try ranker.rank(expression, db)
    }

    func hit(
        _ candidate: RankedCandidate, rank: Int, expression: String?, _ options: SearchOptions,
        _ narrowing: CJKHighlight, _ db: Database
    ) throws -> Hit {
        let row =
            try options.snippets
            ? expression.map { try highlighted(candidate.id, $0, db) } ?? plain(candidate.id, db)
            : bare(candidate.id, db)
        guard let row else { throw LBSearchError.corruptIndex(path: store.path) }
        let path = display(row[0], base: options.displayBase)
        let record: String = row[1]
        return Hit(
            rank: rank, score: candidate.score,
            id: try DocumentIdentity.id(
                path: row[0], record: record, displayPath: path, base: options.displayBase, db),
            title: PassageSelector.whole(narrowing.narrow(MarkedText(marked: row[5]))),
            date: row[2], source: row[3], path: path, url: row[4],
            snippet: options.passages.select(narrowing.narrow(MarkedText(marked: row[6]))),
            explanation: candidate.explanation)
    }

    /// The document with its matches wrapped in `HighlightMarker`s by FTS5 `highlight()`,
    /// so what is highlighted is exactly what the tokenizer matched.
    func highlighted(_ id: Int64, _ expression: String, _ db: Database) throws -> Row? {
        let open = String(Character(HighlightMarker.open))
        let close = String(Character(HighlightMarker.close))
        return try Row.fetchOne(
            db,
            sql: """
                SELECT d.path, d.record, d.date, d.source, d.url,
                       highlight(documents_fts, 0, ?1, ?2), highlight(documents_fts, 1, ?1, ?2)
                FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                WHERE documents_fts MATCH ?3 AND documents_fts.rowid = ?4
                """,
            arguments: [open, close, expression, id])
    }

    /// The document's fields without its body, for hits that need no snippet.
    func bare(_ id: Int64, _ db: Database) throws -> Row? {
        try Row.fetchOne(
            db,
            sql: "SELECT path, record, date, source, url, title, '' FROM documents WHERE id = ?",
            arguments: [id])
    }

    func plain(_ id: Int64, _ db: Database) throws -> Row? {
        try Row.fetchOne(
            db,
            sql: "SELECT path, record, date, source, url, title, body FROM documents WHERE id = ?",
            arguments: [id])
    }

    /// `path` relative to `base` when it lies inside it.
    func display(_ path: String, base: String?) -> String {
        guard let base, !base.isEmpty else { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
