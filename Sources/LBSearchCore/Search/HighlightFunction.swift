import GRDB
import GRDBSQLite

/// `lbsearch_highlight(documents_fts, column, open, close)`: FTS5's `highlight()` (SQLite
/// FTS5 documentation, section 5.1.2) over the union of the row's matches.
///
/// FTS5's own `highlight()` assumes matches do not overlap; CJK bigrams do (`してい` is
/// `して`, `てい`), and two matches that share a character (`てい` and `いる` in `している`)
/// made it write text twice. Here the byte ranges of all matches in the column are merged
/// where they overlap or touch, so each marked span is one run of text and nothing repeats.
enum HighlightFunction {
    /// Registers the function on `db`'s FTS5.
    static func register(_ api: UnsafeMutablePointer<fts5_api>) {
        _ = api.pointee.xCreateFunction?(
            api, "lbsearch_highlight", nil,
            { api, context, result, count, values in
                guard let api, let context, let result else { return }
                HighlightFunction.highlight(
                    FTS5Row(api: api, context: context), result, count, values)
            }, nil)
    }

    static func highlight(
        _ row: FTS5Row, _ result: OpaquePointer, _ count: Int32,
        _ values: UnsafeMutablePointer<OpaquePointer?>?
    ) {
        guard count == 3, let values, let open = text(values[1]), let close = text(values[2])
        else {
            return sqlite3_result_error(result, "lbsearch_highlight: wrong arguments", -1)
        }
        let column = Int(sqlite3_value_int(values[0]))
        var pointer: UnsafePointer<CChar>?
        var length: Int32 = 0
        guard
            row.api.pointee.xColumnText?(row.context, Int32(column), &pointer, &length)
                == SQLITE_OK, let pointer
        else { return sqlite3_result_null(result) }
        let bytes = UnsafeRawBufferPointer(start: pointer, count: Int(length))
        let spans = MarkedText.merged(row.matchRanges(column, pointer, length))
        let marked = marked(bytes, spans, open: open, close: close)
        marked.withUnsafeBufferPointer { buffer in
            sqlite3_result_text(
                result, UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self),
                Int32(buffer.count), RankingFunctions.transient)
        }
    }

    /// The bytes of a text argument; nil when it is not text.
    static func text(_ value: OpaquePointer?) -> [UInt8]? {
        guard let value, let text = sqlite3_value_text(value) else { return nil }
        return Array(UnsafeBufferPointer(start: text, count: Int(sqlite3_value_bytes(value))))
    }

    /// `bytes` with `open` before and `close` after each of `spans` (sorted, disjoint).
    static func marked(
        _ bytes: UnsafeRawBufferPointer, _ spans: [Range<Int>], open: [UInt8], close: [UInt8]
    ) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + spans.count * (open.count + close.count))
        var copied = 0
        for span in spans where span.lowerBound >= copied && span.upperBound <= bytes.count {
            output += bytes[copied..<span.lowerBound]
            output += open
            output += bytes[span]
            output += close
            copied = span.upperBound
        }
        output += bytes[copied...]
        return output
    }
}

extension FTS5Row {
    /// The byte ranges in `column`'s text (`pointer`, `length` bytes) of every phrase match of
    /// the row in that column: from the start of its first token to the end of its last.
    ///
    /// Token positions come from `xTokenize` as FTS5 counts them: a colocated token (the
    /// tokenizer's lone last character of a CJK run) shares its predecessor's position, and
    /// the position's range is that of its first token, as FTS5's `highlight()` takes it.
    func matchRanges(_ column: Int, _ pointer: UnsafePointer<CChar>, _ length: Int32)
        -> [Range<Int>]
    {
        var matches: [(first: Int, last: Int)] = []
        forEachMatch { phrase, matchColumn, offset in
            guard matchColumn == column else { return }
            let size = Int(api.pointee.xPhraseSize?(context, Int32(phrase)) ?? 1)
            matches.append((offset, offset + max(size, 1) - 1))
        }
        guard !matches.isEmpty else { return [] }
        let offsets = tokenOffsets(pointer, length)
        return matches.compactMap { match in
            guard match.first >= 0, match.last < offsets.count else { return nil }
            return offsets[match.first].lowerBound..<offsets[match.last].upperBound
        }
    }

    /// The byte range of each token position of `pointer`'s `length` bytes.
    func tokenOffsets(_ pointer: UnsafePointer<CChar>, _ length: Int32) -> [Range<Int>] {
        final class Sink { var offsets: [Range<Int>] = [] }
        let sink = Sink()
        _ = api.pointee.xTokenize?(
            context, pointer, length, Unmanaged.passUnretained(sink).toOpaque()
        ) { user, flags, _, _, start, end in
            guard let user, flags & FTS5_TOKEN_COLOCATED == 0, start <= end else {
                return SQLITE_OK
            }
            let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
            sink.offsets.append(Int(start)..<Int(end))
            return SQLITE_OK
        }
        return sink.offsets
    }
}
