import Foundation
import GRDB

/// Runs a query against the index: candidates from FTS5 ranked by `Ranker`, then snippets.
public final class Searcher {
    /// When a loosened query is ordered by how many of the words each document has, this many
    /// times the requested page is ranked first and re-ordered.
    static let coveragePoolFactor = 5

    let store: IndexStore

    public init(store: IndexStore) {
        self.store = store
    }

    /// The page of hits for `text`. Throws `.emptyQuery` when it holds nothing to search for.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws -> SearchResult {
        var query = try QueryParser.parse(text)
        query.filters.dates += options.dates
        if query.isEmpty { throw LBSearchError.emptyQuery }
        do {
            return try store.database.read { db in
                var result = try self.search(query, options, db)
                if options.suggest, result.hits.count < Suggester.fewHits || result.relaxed, query.root != nil {
                    result.suggestion = try Suggester().suggestion(for: text, query: query, db)
                }
                return result
            }
        } catch let error as DatabaseError {
            throw StoreError.translate(error, path: store.path)
        }
    }

    /// Ranks a parsed query. `--match any` reads it as natural language (any term, stop words
    /// dropped); `auto` tries every word, then loosens to any of them.
    public func search(_ query: Query, _ options: SearchOptions, _ db: Database) throws -> SearchResult {
        if options.match == .any {
            let natural = NaturalQuery.rewritten(query, dropStopWords: options.ranking.dropStopWords)
            let (ranked, matched) = try candidates(natural, options, reorderByCoverage: false, db)
            return try result(ranked, matched, query, options, relaxed: false, db)
        }
        var (ranked, matched) = try candidates(query, options, reorderByCoverage: false, db)
        var relaxed = false
        if ranked.isEmpty, options.match == .auto, let loose = query.relaxed {
            (ranked, matched) = try candidates(loose, options, reorderByCoverage: true, db)
            relaxed = !ranked.isEmpty
        }
        return try result(ranked, matched, query, options, relaxed: relaxed, db)
    }

    func result(
        _ ranked: [RankedCandidate], _ matched: String?, _ query: Query, _ options: SearchOptions, relaxed: Bool, _ db: Database
    ) throws -> SearchResult {
        let narrowing = CJKHighlight(query)
        let hits = try ranked.enumerated().map { index, candidate in
            try hit(candidate, rank: options.offset + index + 1, expression: matched, options, narrowing, db)
        }
        return SearchResult(hits: hits, relaxed: relaxed, wordCount: query.words.count)
    }

    /// The page of candidates and the expression that found them. A loosened query puts the
    /// documents with more of its words first.
    func candidates(_ query: Query, _ options: SearchOptions, reorderByCoverage: Bool, _ db: Database) throws -> ([RankedCandidate], String?) {
        guard let root = query.root, let expression = MatchExpression.of(root) else {
            let request = CandidateQuery(expression: nil, filters: query.filters, sort: options.sort, limit: options.limit, offset: options.offset)
            return (try request.fetch(db).map { RankedCandidate(id: $0.id, score: $0.score) }, nil)
        }
        let ranker = CandidateRanker(options: options, labels: MatchExpression.phrases(of: root), filters: query.filters)
        guard reorderByCoverage, options.sort == .relevance, case .and(let children) = root, case .or(let words) = children.first else {
            let (ranked, matched) = try ranker.rank(expression, db)
            return (ranked, matched)
        }
        var pooled = options
        pooled.limit = (options.offset + options.limit) * Self.coveragePoolFactor
        pooled.offset = 0
        let (pool, matched) = try CandidateRanker(options: pooled, labels: ranker.labels, filters: query.filters).rank(expression, db)
        let coverage = try Self.coverage(of: pool.map(\.id), words: words.compactMap(MatchExpression.of), db)
        let ordered = pool.enumerated().sorted { a, b in
            let (ca, cb) = (coverage[a.element.id] ?? 0, coverage[b.element.id] ?? 0)
            return ca != cb ? ca > cb : a.offset < b.offset
        }.map(\.element)
        return (Array(ordered.dropFirst(options.offset).prefix(options.limit)), matched)
    }

    /// How many of `words` each of `ids` contains.
    static func coverage(of ids: [Int64], words: [String], _ db: Database) throws -> [Int64: Int] {
        guard !ids.isEmpty else { return [:] }
        let list = ids.map(String.init).joined(separator: ",")
        var counts: [Int64: Int] = [:]
        for word in words {
            let matching = try Int64.fetchAll(
                db, sql: "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN (\(list))", arguments: [word])
            for id in matching { counts[id, default: 0] += 1 }
        }
        return counts
    }

    func hit(
        _ candidate: RankedCandidate, rank: Int, expression: String?, _ options: SearchOptions, _ narrowing: CJKHighlight, _ db: Database
    ) throws -> Hit {
        let row = try options.snippets ? expression.map { try highlighted(candidate.id, $0, db) } ?? plain(candidate.id, db) : bare(candidate.id, db)
        guard let row else { throw LBSearchError.corruptIndex(path: store.path) }
        let path = display(row[0], base: options.displayBase)
        let record: String = row[1]
        return Hit(
            rank: rank, score: candidate.score,
            id: try DocumentIdentity.id(path: row[0], record: record, displayPath: path, base: options.displayBase, db),
            title: PassageSelector.whole(narrowing.narrow(MarkedText(marked: row[5]))),
            date: row[2], source: row[3], path: path, url: row[4],
            snippet: options.passages.select(narrowing.narrow(MarkedText(marked: row[6]))), explanation: candidate.explanation)
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
        try Row.fetchOne(db, sql: "SELECT path, record, date, source, url, title, '' FROM documents WHERE id = ?", arguments: [id])
    }

    func plain(_ id: Int64, _ db: Database) throws -> Row? {
        try Row.fetchOne(
            db, sql: "SELECT path, record, date, source, url, title, body FROM documents WHERE id = ?", arguments: [id])
    }

    /// `path` relative to `base` when it lies inside it.
    func display(_ path: String, base: String?) -> String {
        guard let base, !base.isEmpty else { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
