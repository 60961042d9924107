import Foundation
import GRDB
import GRDBSQLite

/// lbsearch's FTS5 auxiliary functions, registered on every connection.
///
/// - `lbsearch_rank(documents_fts, spec [, floor [, frequencies]])` — the `Ranker` score of the
///   row (larger is better); `spec` is a `RankingSpec.encoded`, `floor` an optional `ScanFloor`
///   below which a row scores NULL (`RankingState`), `frequencies` the document counts of the
///   phrases already known (`TermCounts.frequencies`: one per phrase, `-1` to count it).
/// - `lbsearch_evidence(documents_fts, spec)` — the row's `RankingEvidence.encoded`: what
///   `lbsearch_rank` saw, so a score can be explained exactly.
/// - `lbsearch_coverage(documents_fts, groups)` — how many groups of consecutive phrases have
///   a match in the row; `groups` is their sizes, space separated ("1 2 1").
/// - `lbsearch_tokens(documents_fts [, text])` — the row's title and body tokens, in that
///   order whatever the column order (`FieldLayout`), or those of `text`, as the table's
///   tokenizer makes them, joined by spaces.
/// - `lbsearch_highlight(documents_fts, column, open, close)` — `highlight()` with overlapping
///   matches merged (`HighlightFunction`).
///
/// See SQLite's FTS5 documentation, section 7 "Extending FTS5".
public enum RankingFunctions {
    /// Registers the functions on `db`.
    ///
    /// The ranking functions get the connection as their user data, to read field lengths
    /// with `DocumentLengths` and the column order with `FieldLayout`; so does
    /// `lbsearch_tokens`, for the column order.
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
            api, "lbsearch_tokens", connection,
            { api, context, result, count, values in
                guard let api, let context, let result else { return }
                RankingFunctions.tokens(FTS5Row(api: api, context: context), result, count, values)
            }, nil)
        HighlightFunction.register(api)
    }

    /// SQLite's "copy this text now" destructor (SQLite documentation, "Constants Defining
    /// Special Destructor Behavior").
    static let transient = unsafeBitCast(
        OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// The tokens `lbsearch_tokens` makes of `text`, or of row `row`'s title and body when
    /// `text` is nil, by the index's own tokenizer (reached through row `row`).
    static func tokens(of text: String?, row: Int64, _ db: Database) throws -> [String] {
        let joined = try String.fetchOne(
            db.cachedStatement(
                sql: "SELECT lbsearch_tokens(documents_fts, ?) FROM documents_fts WHERE rowid = ?"
            ), arguments: [text, row])
        return (joined ?? "").split(separator: " ").map(String.init)
    }

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
        // After the first row, the state the auxiliary data keeps alive, without a retain.
        if let existing = row.api.pointee.xGetAuxdata?(row.context, 0) {
            return Unmanaged<RankingState>.fromOpaque(existing)._withUnsafeGuaranteedRef {
                rank(row, $0, result)
            }
        }
        guard let state = row.state({ rankingState(row, count, values) }) else {
            return sqlite3_result_error(result, "lbsearch_rank: bad spec or column order", -1)
        }
        rank(row, state, result)
    }

    /// Sets `result` to `state`'s score of the current row, NULL below the floor.
    @inline(__always)
    static func rank(_ row: FTS5Row, _ state: RankingState, _ result: OpaquePointer) {
        guard let score = state.score(row) else { return sqlite3_result_null(result) }
        sqlite3_result_double(result, score)
    }

    /// The state of `lbsearch_rank(documents_fts, spec [, floor [, frequencies]])`: `floor` is
    /// a `ScanFloor` bound with `sqlite3_bind_pointer` (or NULL), and a row that cannot reach it
    /// scores NULL.
    static func rankingState(
        _ row: FTS5Row, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?
    ) -> RankingState? {
        let frequencies =
            count > 2
            ? values?[2].flatMap(sqlite3_value_text).map { String(cString: $0) } : nil
        let state = RankingState(
            row, spec: firstArgument(count, values), frequencies: frequencies)
        if count > 1, let value = values?[1],
            let pointer = sqlite3_value_pointer(value, ScanFloor.typeName)
        {
            state?.floor = Unmanaged<ScanFloor>.fromOpaque(pointer).takeUnretainedValue()
        }
        return state
    }

    static func evidence(
        _ row: FTS5Row, _ result: OpaquePointer, _ count: Int32,
        _ values: UnsafeMutablePointer<OpaquePointer?>?
    ) {
        guard let state = row.state({ RankingState(row, spec: firstArgument(count, values)) })
        else {
            return sqlite3_result_error(result, "lbsearch_evidence: bad spec or column order", -1)
        }
        state.readAll(row)
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
        for size in groups.sizes where size > 0 {
            if (phrase..<phrase + size).contains(where: row.hasMatch) { covered += 1 }
            phrase += size
        }
        sqlite3_result_int(result, covered)
    }

    /// The column order of a query's table, read once per query (`FieldLayout`).
    final class ColumnSwap {
        let swap: Int
        init(_ swap: Int) { self.swap = swap }
    }

    static func tokens(
        _ row: FTS5Row, _ result: OpaquePointer, _ count: Int32,
        _ values: UnsafeMutablePointer<OpaquePointer?>?
    ) {
        let text: String
        if let given = firstArgument(count, values) {
            text = given
        } else {
            let columns = row.state {
                row.connection.flatMap(FieldLayout.read(connection:)).map {
                    ColumnSwap(row.swap($0))
                }
            }
            guard let columns else {
                return sqlite3_result_error(
                    result, "lbsearch_tokens: the column order unreadable", -1)
            }
            text = row.fieldTexts(swap: columns.swap)
        }
        sqlite3_result_text(result, row.tokens(of: text).joined(separator: " "), -1, transient)
    }
}
