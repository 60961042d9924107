import Foundation
import GRDB

/// Runs a query against the index: candidates from FTS5 ranked by `Ranker`, then snippets.
public final class Searcher {
    let store: IndexStore

    public init(store: IndexStore) {
        self.store = store
    }

    /// The page of hits for `text`. Throws `.emptyQuery` when it holds nothing to search for.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws -> SearchResult {
        let query = QueryParser.parse(text)
        if query.isEmpty { throw LBSearchError.emptyQuery }
        do {
            return try store.database.read { db in try self.search(query, options, db) }
        } catch let error as DatabaseError {
            throw StoreError.translate(error, path: store.path)
        }
    }

    func search(_ query: Query, _ options: SearchOptions, _ db: Database) throws -> SearchResult {
        let stops = options.ranking.dropStopWords
        var expression = options.match == .any ? Self.anyExpression(query, stops) : MatchExpression.all(query)
        var labels = options.match == .any ? NaturalQuery.terms(query, dropStopWords: stops) : query.words
        var (ranked, matched) = try CandidateRanker(options: options, labels: labels).rank(expression, db)
        var relaxed = false
        if ranked.isEmpty, options.match == .auto, query.words.count > 1 {
            expression = Self.anyExpression(query, stops)
            labels = NaturalQuery.terms(query, dropStopWords: stops)
            (ranked, matched) = try CandidateRanker(options: options, labels: labels).rank(expression, db)
            relaxed = !ranked.isEmpty
        }
        let hits = try ranked.enumerated().map { index, candidate in
            try hit(candidate, rank: options.offset + index + 1, expression: matched, options, db)
        }
        return SearchResult(hits: hits, relaxed: relaxed, wordCount: query.words.count)
    }

    /// Documents with at least one of the query's terms, read as natural language.
    static func anyExpression(_ query: Query, _ dropStopWords: Bool) -> String {
        MatchExpression.any(NaturalQuery.rewritten(query, dropStopWords: dropStopWords))
    }

    func hit(_ candidate: RankedCandidate, rank: Int, expression: String, _ options: SearchOptions, _ db: Database) throws -> Hit {
        if !options.snippets { return try plainHit(candidate, rank: rank, options, db) }
        let open = String(Character(HighlightMarker.open))
        let close = String(Character(HighlightMarker.close))
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT d.path, d.record, d.date, d.source, d.url,
                           highlight(documents_fts, 0, ?1, ?2), highlight(documents_fts, 1, ?1, ?2)
                    FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                    WHERE documents_fts MATCH ?3 AND documents_fts.rowid = ?4
                    """,
                arguments: [open, close, expression, candidate.id])
        else { throw LBSearchError.corruptIndex(path: store.path) }
        let path = display(row[0], base: options.displayBase)
        let record: String = row[1]
        return Hit(
            rank: rank, score: candidate.score, id: record.isEmpty ? path : record,
            title: PassageSelector.whole(MarkedText(marked: row[5])),
            date: row[2], source: row[3], path: path, url: row[4],
            snippet: options.passages.select(MarkedText(marked: row[6])), explanation: candidate.explanation)
    }

    /// A hit without highlights or snippet.
    func plainHit(_ candidate: RankedCandidate, rank: Int, _ options: SearchOptions, _ db: Database) throws -> Hit {
        guard let row = try Row.fetchOne(db, sql: "SELECT path, record, date, source, url, title FROM documents WHERE id = ?", arguments: [candidate.id])
        else { throw LBSearchError.corruptIndex(path: store.path) }
        let path = display(row[0], base: options.displayBase)
        let record: String = row[1]
        return Hit(
            rank: rank, score: candidate.score, id: record.isEmpty ? path : record,
            title: Fragment(text: row[5], highlights: [], atStart: true, atEnd: true),
            date: row[2], source: row[3], path: path, url: row[4], snippet: Snippet(fragments: []), explanation: candidate.explanation)
    }

    /// `path` relative to `base` when it lies inside it.
    func display(_ path: String, base: String?) -> String {
        guard let base, !base.isEmpty else { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
