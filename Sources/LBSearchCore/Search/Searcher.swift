import Foundation
import GRDB

/// Runs a query against the index: candidates from FTS5 ranked by BM25, then snippets.
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
        var expression = options.match == .any ? MatchExpression.any(query) : MatchExpression.all(query)
        var ranked = try candidates(expression, options, db)
        var relaxed = false
        if ranked.isEmpty, options.match == .auto, query.words.count > 1 {
            expression = MatchExpression.any(query)
            ranked = try candidates(expression, options, db)
            relaxed = !ranked.isEmpty
        }
        let hits = try ranked.enumerated().map { index, candidate in
            try hit(candidate, rank: options.offset + index + 1, expression: expression, options, db)
        }
        return SearchResult(hits: hits, relaxed: relaxed, wordCount: query.words.count)
    }

    /// Row ids and scores, best first. `bm25()` is smaller for better matches, so the score
    /// shown is its negation (FTS5 documentation, section 5.1.1 "The bm25() function").
    func candidates(_ expression: String, _ options: SearchOptions, _ db: Database) throws -> [(id: Int64, score: Double)] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT rowid, bm25(documents_fts, ?, ?) AS rank FROM documents_fts
                WHERE documents_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?
                """,
            arguments: [FieldWeights.title, FieldWeights.body, expression, options.limit, options.offset])
        return rows.map { (id: $0[0], score: -($0[1] as Double)) }
    }

    func hit(_ candidate: (id: Int64, score: Double), rank: Int, expression: String, _ options: SearchOptions, _ db: Database) throws -> Hit {
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
            snippet: options.passages.select(MarkedText(marked: row[6])))
    }

    /// `path` relative to `base` when it lies inside it.
    func display(_ path: String, base: String?) -> String {
        guard let base, !base.isEmpty else { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
