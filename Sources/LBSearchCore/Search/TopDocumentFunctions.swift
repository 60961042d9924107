import Foundation
import GRDB
import GRDBSQLite

/// The FTS5 auxiliary functions of the top-documents pre-filter (`TopDocuments`), registered
/// on every connection beside `RankingFunctions`.
///
/// - `lbsearch_statistics(documents_fts)` — on a single-phrase MATCH, "df rows avg0 avg1":
///   the phrase's document frequency, counted as `lbsearch_rank` counts it (a scan of its
///   doclist, `FTS5Row.documentFrequencies`), the rows in the table and the average length of
///   each column.
/// - `lbsearch_rank_known(documents_fts, spec, df)` — `lbsearch_rank` with the document
///   frequency of the single phrase given rather than counted, so that a row looked up alone
///   (`rowid = ?`, a new cursor each time) does not scan the doclist again. The statistics
///   are otherwise read as `lbsearch_rank` reads them, so the score is the same number.
/// - `lbsearch_top_scan(documents_fts, count, titleWeight, titleB, bodyB, sizes)` — on a
///   single-phrase MATCH, visits every row of the phrase's doclist (`xQueryPhrase`), its
///   field lengths read from `sizes` (a `DocumentSizes` bound as a pointer of type
///   `DocumentSizes.pointerType`, SQLite's "Pointer Passing Interfaces") when it has them, and
///   returns "df cut avg0 avg1 id id …": the `count` rows with the largest BM25F
///   pseudo-frequency at the current average lengths (`avg0`, `avg1`), and the largest
///   pseudo-frequency of any other row (`cut`).
///
/// See SQLite's FTS5 documentation, section 7 "Extending FTS5".
enum TopDocumentFunctions {
    /// Registers the functions on `db`.
    static func register(_ db: Database) {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        _ = api.pointee.xCreateFunction?(
            api, "lbsearch_statistics", nil,
            { api, context, result, _, _ in
                guard let api, let context, let result else { return }
                TopDocumentFunctions.statistics(FTS5Row(api: api, context: context), result)
            }, nil)
        _ = api.pointee.xCreateFunction?(
            api, "lbsearch_rank_known", nil,
            { api, context, result, count, values in
                guard let api, let context, let result else { return }
                TopDocumentFunctions.rank(
                    FTS5Row(api: api, context: context), result, count, values)
            }, nil)
        _ = api.pointee.xCreateFunction?(
            api, "lbsearch_top_scan", nil,
            { api, context, result, count, values in
                guard let api, let context, let result else { return }
                TopDocumentFunctions.scan(
                    FTS5Row(api: api, context: context), result, count, values)
            }, nil)
    }

    /// Runs `lbsearch_top_scan` over `term` (with `sizes` bound as a pointer, which GRDB's
    /// statements cannot bind): the term's token and the scan's summary; nil when nothing
    /// matches it.
    static func scan(
        _ term: String, _ sizes: DocumentSizes, _ settings: TopDocuments.Settings, _ db: Database
    ) throws -> (String, String)? {
        let sql = """
            SELECT lbsearch_tokens(documents_fts, ?1), lbsearch_top_scan(documents_fts, ?2, ?3, ?4,
            ?5, ?7) FROM documents_fts WHERE documents_fts MATCH ?6 LIMIT 1
            """
        let connection = db.sqliteConnection
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let statement = prepared else { throw failure(code, db) }
        defer { sqlite3_finalize(statement) }
        let p = settings.parameters
        sqlite3_bind_text(statement, 1, term, -1, RankingFunctions.transient)
        sqlite3_bind_int64(statement, 2, Int64(settings.listLength))
        sqlite3_bind_double(statement, 3, p.titleWeight)
        sqlite3_bind_double(statement, 4, p.titleB)
        sqlite3_bind_double(statement, 5, p.bodyB)
        sqlite3_bind_text(
            statement, 6, MatchExpression.quoted(term), -1, RankingFunctions.transient)
        let pointer = Unmanaged.passUnretained(sizes).toOpaque()
        sqlite3_bind_pointer(statement, 7, pointer, DocumentSizes.pointerType.cString, nil)
        let step = withExtendedLifetime(sizes) { sqlite3_step(statement) }
        if step == SQLITE_DONE { return nil }
        guard step == SQLITE_ROW else { throw failure(step, db) }
        let token = sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? ""
        let summary = sqlite3_column_text(statement, 1).map { String(cString: $0) } ?? ""
        return (token, summary)
    }

    /// The error of a failed call on `db`'s connection.
    static func failure(_ code: Int32, _ db: Database) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }

    static func statistics(_ row: FTS5Row, _ result: OpaquePointer) {
        let frequencies = row.documentFrequencies()
        guard frequencies.count == 1 else {
            return sqlite3_result_error(result, "lbsearch_statistics: one phrase expected", -1)
        }
        let values = [Double(frequencies[0]), Double(row.rowCount())] + row.averageLengths()
        let text = values.map(\.description).joined(separator: " ")
        sqlite3_result_text(result, text, -1, RankingFunctions.transient)
    }

    static func rank(
        _ row: FTS5Row, _ result: OpaquePointer, _ count: Int32,
        _ values: UnsafeMutablePointer<OpaquePointer?>?
    ) {
        let state = row.state { () -> RankingFunctions.QueryState? in
            guard count == 2, let values, let spec = sqlite3_value_text(values[0]),
                let parsed = RankingSpec(encoded: String(cString: spec)), row.phraseCount == 1
            else { return nil }
            let df = Int(sqlite3_value_int64(values[1]))
            let statistics = parsed.statistics(
                documentCount: row.rowCount(), averageLengths: row.averageLengths(),
                documentFrequencies: [df])
            return RankingFunctions.QueryState(
                ranker: Ranker(parameters: parsed.parameters, statistics: statistics))
        }
        guard let state else {
            return sqlite3_result_error(result, "lbsearch_rank_known: bad arguments", -1)
        }
        state.read(row)
        sqlite3_result_double(result, state.ranker.score(state.evidence))
    }

    static func scan(
        _ row: FTS5Row, _ result: OpaquePointer, _ count: Int32,
        _ values: UnsafeMutablePointer<OpaquePointer?>?
    ) {
        guard count == 5, let values, row.phraseCount == 1, row.columnCount == 2 else {
            return sqlite3_result_error(result, "lbsearch_top_scan: bad arguments", -1)
        }
        var parameters = RankingParameters()
        parameters.titleWeight = sqlite3_value_double(values[1])
        parameters.titleB = sqlite3_value_double(values[2])
        parameters.bodyB = sqlite3_value_double(values[3])
        let sizes = sqlite3_value_pointer(values[4], DocumentSizes.pointerType.cString).map {
            Unmanaged<DocumentSizes>.fromOpaque($0).takeUnretainedValue()
        }
        let scanner = TopScanner(
            keep: max(1, Int(sqlite3_value_int64(values[0]))), sizes: sizes,
            ranker: Ranker(
                parameters: parameters,
                statistics: QueryStatistics(
                    documentCount: row.rowCount(), averageLengths: row.averageLengths(),
                    phrases: [QueryStatistics.Phrase(documentFrequency: 1)])))
        let pointer = Unmanaged.passUnretained(scanner).toOpaque()
        _ = row.api.pointee.xQueryPhrase?(
            row.context, 0, pointer,
            { api, context, user in
                guard let api, let context, let user else { return SQLITE_OK }
                let scanner = Unmanaged<TopScanner>.fromOpaque(user).takeUnretainedValue()
                scanner.visit(FTS5Row(api: api, context: context))
                return SQLITE_OK
            })
        sqlite3_result_text(result, scanner.summary, -1, RankingFunctions.transient)
    }
}

/// Keeps the rows with the largest pseudo-frequency of one phrase while its doclist is read.
final class TopScanner {
    let keep: Int
    let sizes: DocumentSizes?
    let ranker: Ranker
    /// The ranker's field weights, length normalizations and averages (title, body).
    let weights: (Double, Double)
    let bs: (Double, Double)
    let averages: (Double, Double)
    /// A min-heap of (pseudo-frequency, row id), `keep + 1` at most: its root is the cut.
    var heap: [(Double, Int64)] = []
    var rows = 0

    init(keep: Int, sizes: DocumentSizes?, ranker: Ranker) {
        self.keep = keep
        self.sizes = sizes
        self.ranker = ranker
        weights = (ranker.fieldWeights[0], ranker.fieldWeights[1])
        bs = (ranker.fieldB[0], ranker.fieldB[1])
        averages = (ranker.statistics.averageLengths[0], ranker.statistics.averageLengths[1])
        heap.reserveCapacity(keep + 2)
    }

    /// Reads the row's field lengths and its counts of the phrase in each field.
    func visit(_ row: FTS5Row) {
        rows += 1
        let rowid = Int64(row.api.pointee.xRowid?(row.context) ?? 0)
        let (title, body) = sizes?.lengths(of: rowid) ?? (row.columnSize(0), row.columnSize(1))
        var counts = (0, 0)
        var iterator = Fts5PhraseIter()
        var column: Int32 = 0
        var offset: Int32 = 0
        guard
            row.api.pointee.xPhraseFirst?(row.context, 0, &iterator, &column, &offset) == SQLITE_OK
        else { return }
        while column >= 0 {
            if column == 0 { counts.0 += 1 } else { counts.1 += 1 }
            row.api.pointee.xPhraseNext?(row.context, &iterator, &column, &offset)
        }
        push((pseudoFrequency(counts, lengths: (title, body)), rowid))
    }

    /// `Ranker.pseudoFrequency` of one phrase over a title and a body, written out with the
    /// same operations in the same order, so the number is the same.
    @inline(__always)
    func pseudoFrequency(_ counts: (Int, Int), lengths: (Int, Int)) -> Double {
        var tf = 0.0
        if counts.0 > 0 {
            tf += weights.0 * Double(counts.0) / max(norm(0, lengths.0), 1e-9)
        }
        if counts.1 > 0 {
            tf += weights.1 * Double(counts.1) / max(norm(1, lengths.1), 1e-9)
        }
        return tf
    }

    /// `Ranker.fieldNorms` of one field: (1 − b) + b · len / avglen.
    @inline(__always)
    func norm(_ field: Int, _ length: Int) -> Double {
        let average = field == 0 ? averages.0 : averages.1
        let b = field == 0 ? bs.0 : bs.1
        let ratio = average > 0 ? Double(length) / average : 0
        return (1 - b) + b * ratio
    }

    /// Adds `entry`, dropping the smallest once `keep + 1` are held.
    func push(_ entry: (Double, Int64)) {
        if heap.count == keep + 1 {
            guard entry.0 > heap[0].0 else { return }
            heap[0] = entry
            siftDown(0)
            return
        }
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].0 < heap[parent].0 else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].0 < heap[smallest].0 { smallest = left }
            if right < heap.count, heap[right].0 < heap[smallest].0 { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }

    /// "df cut avg0 avg1 id id …": with `keep` rows or fewer, all are listed and the cut is 0.
    var summary: String {
        var kept = heap
        var cut = 0.0
        if kept.count > keep {
            cut = heap[0].0
            kept.removeFirst()
        }
        let ids = kept.map { String($0.1) }
        let averages = ranker.statistics.averageLengths.map(\.description)
        return ([String(rows), cut.description] + averages + ids).joined(separator: " ")
    }
}

/// The title and body lengths of every document, read once from FTS5's `%_docsize` table
/// (one varint per column; FTS5 documentation, section 4.5 "The columnsize= option", and
/// `fts5_storage.c`) so that a scan of a long doclist does not look each row up.
final class DocumentSizes {
    /// The type name of the pointer `lbsearch_top_scan` accepts: a string that lives as long
    /// as the program, as SQLite asks (C API "Pointer Passing Interfaces").
    static let pointerType: StaticString = "lbsearch_document_sizes"

    /// Lengths by `rowid - first`, two per document, when the row ids are dense enough.
    var dense: [Int32] = []
    var first: Int64 = 0
    var sparse: [Int64: (Int, Int)] = [:]

    /// Reads every row of `documents_fts_docsize`.
    init(_ db: Database) throws {
        let bounds = try Row.fetchOne(
            db,
            sql: "SELECT min(id) AS low, max(id) AS high, count(*) AS n FROM documents_fts_docsize")
        let low: Int64 = bounds?["low"] ?? 0
        let high: Int64 = bounds?["high"] ?? -1
        let count: Int = bounds?["n"] ?? 0
        let span = high - low + 1
        let useDense = span > 0 && span <= Int64(max(count, 1)) * 4
        if useDense {
            first = low
            dense = Array(repeating: -1, count: Int(span) * 2)
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT id, sz FROM documents_fts_docsize")
        while let row = try rows.next() {
            let id: Int64 = row[0]
            guard let blob = row[1] as Data?, let (title, body) = Self.decode(blob) else {
                continue
            }
            if useDense {
                let slot = Int(id - first) * 2
                (dense[slot], dense[slot + 1]) = (Int32(clamping: title), Int32(clamping: body))
            } else {
                sparse[id] = (title, body)
            }
        }
    }

    /// The first two varints of a `sz` blob.
    static func decode(_ blob: Data) -> (Int, Int)? {
        var values: [Int] = []
        var value = 0
        var bytes = 0
        for byte in blob {
            bytes += 1
            if bytes == 9 {
                value = value << 8 | Int(byte)
            } else {
                value = value << 7 | Int(byte & 0x7F)
                if byte & 0x80 != 0 { continue }
            }
            values.append(value)
            (value, bytes) = (0, 0)
            if values.count == 2 { return (values[0], values[1]) }
        }
        return nil
    }

    /// The title and body lengths of `rowid`, when it was read.
    func lengths(of rowid: Int64) -> (Int, Int)? {
        if dense.isEmpty { return sparse[rowid] }
        let slot = Int(rowid - first) * 2
        guard slot >= 0, slot + 1 < dense.count, dense[slot] >= 0 else { return nil }
        return (Int(dense[slot]), Int(dense[slot + 1]))
    }
}

extension StaticString {
    /// The string as a C string (a literal's bytes end with NUL and live forever).
    var cString: UnsafePointer<CChar> {
        UnsafeRawPointer(utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
