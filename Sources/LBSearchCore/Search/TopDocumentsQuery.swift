import Foundation
import GRDB

/// A one-word query over a very common term, answered from its `TopDocuments` list: the
/// same page, scores and total as scoring every match, from a few hundred rows.
///
/// With one phrase there is no proximity, so a document's score grows with its BM25F
/// pseudo-frequency alone. The listed documents and those changed since the lists were made
/// are scored exactly (`lbsearch_rank_known`, the document frequency counted once, as
/// `lbsearch_rank` counts it); every other document holding the term scores at most what the
/// list's cut would score at today's averages (`TopDocuments`). When the last document the
/// page needs scores more than that, no other can enter the page or tie with it, and the page
/// is exact; otherwise (nil) every match is scored as usual.
struct TopDocumentsQuery {
    let query: CandidateQuery
    /// The phrase searched for, as typed.
    let text: String
    let spec: RankingSpec

    /// The pre-filter for `query`, when it can answer it: one quoted phrase, ranked by
    /// relevance with the default document statistics, no filter, no second expression.
    init?(_ query: CandidateQuery) {
        guard query.prefilter, query.filters.isEmpty, query.sort == .relevance,
            query.required == nil, query.coverage.isEmpty, query.limit > 0,
            let text = query.expression.flatMap(Self.singlePhrase),
            let spec = RankingSpec(encoded: query.spec), spec.expansionWeights.isEmpty,
            spec.parameters.dirichletWeight == 0, spec.parameters.k1 > 0,
            spec.parameters.tfDelta >= 0, spec.typedWeight(0) > 0
        else { return nil }
        self.query = query
        self.text = text
        self.spec = spec
    }

    /// The text of `expression` when it is one quoted phrase (`MatchExpression.quoted`).
    static func singlePhrase(_ expression: String) -> String? {
        guard expression.count >= 2, expression.hasPrefix("\""), expression.hasSuffix("\"")
        else { return nil }
        let inner = expression.dropFirst().dropLast()
        // A quote inside is doubled; a lone one would end the phrase.
        guard !inner.replacingOccurrences(of: "\"\"", with: "").contains("\"") else { return nil }
        return inner.replacingOccurrences(of: "\"\"", with: "\"")
    }

    /// The page, or nil when the list cannot prove it.
    func page(_ db: Database) throws -> CandidatePage? {
        guard let expression = query.expression, let run = try TopDocuments.run(db),
            let token = try token(expression, db),
            let list = try TopDocuments.list(token, db),
            list.parameters == TopDocuments.key(spec.parameters),
            let statistics = try statistics(expression, db)
        else { return nil }
        let count = query.offset + query.limit
        guard count < statistics.df else { return nil }
        var ids = Set(list.ids)
        ids.formUnion(try TopDocuments.changed(since: run, db))
        let rows = try scores(of: ids.sorted(), df: statistics.df, expression, db)
        guard rows.count >= count else { return nil }
        let best = CandidateQuery.best(rows, count: count)
        let bound = bound(list, statistics)
        guard let last = best.dropFirst(count - 1).first, last.score > bound + abs(bound) * 1e-9
        else { return nil }
        let top = try CandidateQuery.ordered(best, db)
        return CandidatePage(
            candidates: Array(top.dropFirst(query.offset).prefix(query.limit)),
            total: statistics.df, complete: true, prefiltered: true)
    }

    /// The phrase's one token when it is a plain one; nil when nothing matches it.
    func token(_ expression: String, _ db: Database) throws -> String? {
        let tokens = try String.fetchOne(
            db,
            sql: """
                SELECT lbsearch_tokens(documents_fts, ?) FROM documents_fts
                WHERE documents_fts MATCH ? LIMIT 1
                """, arguments: [text, expression])
        guard let tokens, TopDocuments.isPlain(tokens) else { return nil }
        return tokens
    }

    /// What `lbsearch_rank` reads of the index for this phrase.
    struct Statistics {
        var df: Int
        var rows: Int
        var averages: [Double]
    }

    func statistics(_ expression: String, _ db: Database) throws -> Statistics? {
        let text = try String.fetchOne(
            db,
            sql: """
                SELECT lbsearch_statistics(documents_fts) FROM documents_fts
                WHERE documents_fts MATCH ? LIMIT 1
                """, arguments: [expression])
        let values = (text ?? "").split(separator: " ").compactMap { Double($0) }
        guard values.count == 4 else { return nil }
        return Statistics(df: Int(values[0]), rows: Int(values[1]), averages: Array(values[2...]))
    }

    /// The score of each of `ids` that matches, one row looked up at a time.
    func scores(of ids: [Int64], df: Int, _ expression: String, _ db: Database) throws
        -> [CandidateRow]
    {
        let statement = try db.makeStatement(
            sql: """
                SELECT lbsearch_rank_known(documents_fts, ?, ?) FROM documents_fts
                WHERE documents_fts MATCH ? AND rowid = ?
                """)
        var rows: [CandidateRow] = []
        rows.reserveCapacity(ids.count)
        for id in ids {
            guard
                let score = try Double.fetchOne(
                    statement, arguments: [query.spec, df, expression, id])
            else { continue }
            rows.append(CandidateRow(id: id, score: score))
        }
        return rows
    }

    /// The most a document left out of the list can score now: the list's cut scaled to
    /// today's averages, as a score.
    func bound(_ list: TopDocuments.List, _ statistics: Statistics) -> Double {
        var factor = 1.0
        for (then, now) in zip(list.averages, statistics.averages) where then > 0 {
            factor = max(factor, now / then)
        }
        let ranker = Ranker(
            parameters: spec.parameters,
            statistics: spec.statistics(
                documentCount: statistics.rows, averageLengths: statistics.averages,
                documentFrequencies: [statistics.df]))
        return ranker.saturatedPart(0, list.cut * factor)
            + ranker.coveragePart(ranker.proximityMass[0])
    }
}
