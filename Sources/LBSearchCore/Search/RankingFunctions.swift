import Foundation
import GRDB
import GRDBSQLite

/// lbsearch's FTS5 auxiliary functions, registered on every connection.
///
/// - `lbsearch_rank(documents_fts, spec)` — the `Ranker` score of the row (larger is better);
///   `spec` is a `RankingSpec.encoded`.
/// - `lbsearch_evidence(documents_fts, spec)` — the row's `RankingEvidence.encoded`: what
///   `lbsearch_rank` saw, so a score can be explained exactly.
/// - `lbsearch_coverage(documents_fts, groups)` — how many groups of consecutive phrases have
///   a match in the row; `groups` is their sizes, space separated ("1 2 1").
/// - `lbsearch_tokens(documents_fts [, text])` — the row's title and body tokens (or those of
///   `text`), as the table's tokenizer makes them, joined by spaces.
/// - `lbsearch_highlight(documents_fts, column, open, close)` — `highlight()` with overlapping
///   matches merged (`HighlightFunction`).
///
/// See SQLite's FTS5 documentation, section 7 "Extending FTS5".
public enum RankingFunctions {
    /// Registers the functions on `db`.
    ///
    /// The ranking functions get the connection as their user data, to read field lengths
    /// with `DocumentLengths`.
    static func register(_ db: Database) {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        let connection = UnsafeMutableRawPointer(db.sqliteConnection)
        _ = api.pointee.xCreateFunction?(
            api, "lbsearch_rank", connection,
            { api, context, result, count, values in
                guard let api, let context, let result else { return }
                RankingFunctions.rank(FTS5Row(api: api, context: context), result, count, values)
            }, nil)
        _ = api.pointee.xCreateFunction?(
            api, "lbsearch_evidence", connection,
            { api, context, result, count, values in
                guard let api, let context, let result else { return }
                RankingFunctions.evidence(
                    FTS5Row(api: api, context: context), result, count, values)
            }, nil)
        _ = api.pointee.xCreateFunction?(
            api, "lbsearch_coverage", nil,
            { api, context, result, count, values in
                guard let api, let context, let result else { return }
                RankingFunctions.coverage(
                    FTS5Row(api: api, context: context), result, count, values)
            }, nil)
        _ = api.pointee.xCreateFunction?(
            api, "lbsearch_tokens", nil,
            { api, context, result, count, values in
                guard let api, let context, let result else { return }
                RankingFunctions.tokens(FTS5Row(api: api, context: context), result, count, values)
            }, nil)
        HighlightFunction.register(api)
    }

    /// The per-query ranker, a reusable evidence buffer and the reader of field lengths.
    final class QueryState {
        let ranker: Ranker
        var evidence: DocumentEvidence
        /// Field lengths read in row id order; nil when FTS5's `xColumnSize` reads them.
        var lengths: DocumentLengths?
        /// Whether the first row's lengths were compared with `xColumnSize`'s.
        var checked = false

        init(ranker: Ranker, lengths: DocumentLengths? = nil) {
            self.ranker = ranker
            self.lengths = lengths
            evidence = DocumentEvidence(
                phraseCount: ranker.statistics.phrases.count,
                fieldCount: ranker.statistics.fieldCount)
        }

        convenience init?(_ row: FTS5Row, spec: String?) {
            guard let spec = spec.flatMap(RankingSpec.init(encoded:)) else { return nil }
            // Collection frequencies cost a second read of each doclist: only for the language
            // model, when it is on.
            let statistics = spec.statistics(
                documentCount: row.rowCount(), averageLengths: row.averageLengths(),
                documentFrequencies: row.documentFrequencies(),
                collectionFrequencies: spec.parameters.dirichletWeight != 0
                    ? row.collectionFrequencies() : [])
            self.init(
                ranker: Ranker(parameters: spec.parameters, statistics: statistics),
                lengths: row.connection.flatMap(DocumentLengths.init))
        }

        /// Fills `evidence` for the current row.
        ///
        /// The buffer is moved into a local for the row: each match then updates a local value,
        /// not a class property (whose every write costs a dynamic exclusivity check). The
        /// ranker is this object's constant, read in place: a local copy retained and released
        /// its arrays for every row.
        func read(_ row: FTS5Row) {
            var local = DocumentEvidence(phraseCount: 0, fieldCount: 0)
            swap(&local, &evidence)
            defer { swap(&local, &evidence) }
            local.reset()
            readLengths(row, into: &local.lengths)
            row.forEachMatch { phrase, field, offset in
                local.record(phrase: phrase, field: field, offset: offset, query: self.ranker)
            }
        }

        /// The row's field lengths, from `lengths` when it has the row, else from FTS5.
        ///
        /// The first row's are compared with FTS5's, and a reader that disagrees is dropped
        /// (a table other than `documents_fts` has other lengths).
        func readLengths(_ row: FTS5Row, into lengths: inout [Int]) {
            if let reader = self.lengths, reader.read(row.rowid, into: &lengths) {
                if checked { return }
                checked = true
                if lengths.indices.allSatisfy({ lengths[$0] == row.columnSize($0) }) { return }
                self.lengths = nil
            }
            for field in lengths.indices { lengths[field] = row.columnSize(field) }
        }
    }

    /// SQLite's "copy this text now" destructor (SQLite documentation, "Constants Defining
    /// Special Destructor Behavior").
    static let transient = unsafeBitCast(
        OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// The first argument after the table, as text; nil when absent or NULL.
    static func firstArgument(_ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?)
        -> String?
    {
        guard count > 0, let value = values?[0], let text = sqlite3_value_text(value) else {
            return nil
        }
        return String(cString: text)
    }

    static func rank(
        _ row: FTS5Row, _ result: OpaquePointer, _ count: Int32,
        _ values: UnsafeMutablePointer<OpaquePointer?>?
    ) {
        guard let state = row.state({ QueryState(row, spec: firstArgument(count, values)) }) else {
            return sqlite3_result_error(result, "lbsearch_rank: bad ranking spec", -1)
        }
        state.read(row)
        sqlite3_result_double(result, state.ranker.score(state.evidence))
    }

    static func evidence(
        _ row: FTS5Row, _ result: OpaquePointer, _ count: Int32,
        _ values: UnsafeMutablePointer<OpaquePointer?>?
    ) {
        guard let state = row.state({ QueryState(row, spec: firstArgument(count, values)) }) else {
            return sqlite3_result_error(result, "lbsearch_evidence: bad ranking spec", -1)
        }
        state.read(row)
        let encoded = RankingEvidence(statistics: state.ranker.statistics, document: state.evidence)
            .encoded
        sqlite3_result_text(result, encoded, -1, transient)
    }

    /// The group sizes, parsed once per query.
    final class Groups {
        let sizes: [Int]
        init(_ sizes: [Int]) { self.sizes = sizes }
    }

    static func coverage(
        _ row: FTS5Row, _ result: OpaquePointer, _ count: Int32,
        _ values: UnsafeMutablePointer<OpaquePointer?>?
    ) {
        guard
            let groups = row.state({
                Groups(
                    (firstArgument(count, values) ?? "").split(separator: " ").compactMap {
                        Int($0)
                    })
            })
        else {
            return sqlite3_result_int(result, 0)
        }
        var phrase = 0
        var covered: Int32 = 0
        for size in groups.sizes {
            if (phrase..<phrase + size).contains(where: row.hasMatch) { covered += 1 }
            phrase += size
        }
        sqlite3_result_int(result, covered)
    }

    static func tokens(
        _ row: FTS5Row, _ result: OpaquePointer, _ count: Int32,
        _ values: UnsafeMutablePointer<OpaquePointer?>?
    ) {
        let text =
            firstArgument(count, values)
            ?? (0..<row.columnCount).map(row.columnText).joined(separator: "\n")
        sqlite3_result_text(result, row.tokens(of: text).joined(separator: " "), -1, transient)
    }
}
