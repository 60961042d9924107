import Foundation
import GRDB

/// `lbsearch similar`: the documents most like one document ("more like this").
///
/// The document's own terms are weighted as relevance feedback weighs a feedback document
/// (`QueryExpander.terms`, RM3: a term's share of the document, stop words and terms in more
/// than `RankingParameters.feedbackMaxDocumentFraction` of the index left out), and the best
/// `RankingParameters.feedbackTerms` of them run as one query, each term with its weight.
/// The document itself and its exact copies are never shown; other copies are collapsed into
/// stories as in a search (`SearchOptions.collapse`).
public struct SimilarDocuments {
    let store: IndexStore

    /// A finder of similar documents in `store`.
    public init(store: IndexStore) {
        self.store = store
    }

    /// The page of documents most like the one `reference` names (as `lbsearch show` reads
    /// it), with the terms that found them.
    ///
    /// Throws `.noSuchDocument` or `.ambiguousDocument` when the reference names none or
    /// several.
    public func similar(to reference: String, options: SearchOptions = SearchOptions()) throws
        -> SimilarResult
    {
        let started = ContinuousClock.now
        var found = try store.read { db in
            let lookup = DocumentLookup(store: store, displayBase: options.displayBase)
            let id = try lookup.documentID(reference, db)
            return try similar(to: id, options, db)
        }
        found.result.seconds = (ContinuousClock.now - started) / .seconds(1)
        return found
    }

    /// The documents most like row `id`.
    func similar(to id: Int64, _ given: SearchOptions, _ db: Database) throws -> SimilarResult {
        var options = given
        options.offset = min(max(options.offset, 0), Searcher.maxPosition)
        options.limit = min(max(options.limit, 0), Searcher.maxPosition)
        let budget = QueryBudget(seconds: options.timeout)
        let expander = QueryExpander(parameters: options.ranking)
        let seed = CandidatePage(
            candidates: [CandidateRow(id: id, score: 1)], total: 1, complete: true)
        let terms = try expander.terms(feedback: seed, keepingCJK: true, db).terms
        let empty = SearchResult(hits: [], relaxed: false, wordCount: 0)
        guard !terms.isEmpty else { return SimilarResult(result: empty, terms: []) }
        let plan = Self.plan(terms, options.ranking)
        var ranker = CandidateRanker(options: options, budget: budget)
        let excluded = try Self.exactCopies(of: id, db).union([id])
        let searcher = Searcher(store: store)
        let page = try searcher.paged(options, budget, db, excluded: excluded) { paging in
            ranker.options = paging
            return try ranker.rank(plan, db)
        }
        // The query as highlights read it; overlapping CJK bigrams (`てい`, `いる`) are marked
        // as one span by `lbsearch_highlight`.
        let words = terms.map(\.term)
        let query = Query(
            root: .or(words.map { .text($0, phrase: false, prefix: false, titleOnly: false) }))
        var result = try searcher.result(
            page, ran: query, typed: query, options, relaxed: false, budget, db)
        result.total = max(0, page.total - excluded.count)
        return SimilarResult(result: result, terms: terms)
    }

    /// The query of `terms`: each one a phrase of the MATCH expression with its own weight.
    static func plan(_ terms: [ExpansionReport.Term], _ parameters: RankingParameters)
        -> RankingPlan
    {
        RankingPlan(
            expression: terms.map { MatchExpression.quoted($0.term) }.joined(separator: " OR "),
            spec: RankingSpec(parameters: parameters, expansionWeights: terms.map(\.weight)),
            labels: terms.map(\.term))
    }

    /// The other documents with the same exact key as row `id`.
    static func exactCopies(of id: Int64, _ db: Database) throws -> Set<Int64> {
        let ids = try Int64.fetchAll(
            db,
            sql: """
                SELECT id FROM documents WHERE exact_key =
                    (SELECT exact_key FROM documents WHERE id = ?) AND id != ?
                """,
            arguments: [id, id])
        return Set(ids)
    }
}

/// The documents like one document, and the weighted terms that found them.
public struct SimilarResult: Sendable {
    /// The page of similar documents, as a search returns it.
    public var result: SearchResult
    /// The document's terms that ran as the query, with their weights (for `--explain`);
    /// empty when it has none distinctive enough (then there are no hits).
    public var terms: [ExpansionReport.Term]

    /// The terms as text: one "term  weight" line each.
    public var termsText: String {
        let width = terms.map(\.term.count).max() ?? 0
        return terms.map { term in
            term.term.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + String(format: "%.4f", term.weight)
        }.joined(separator: "\n")
    }
}

extension CandidateRow {
    /// A candidate from its id and score, undated and uncounted.
    init(id: Int64, score: Double) {
        self.id = id
        self.score = score
        self.date = nil
        self.coverage = 0
    }
}
