import GRDB
import GRDBSQLite

/// The current row of an FTS5 query, seen through the auxiliary-function API (SQLite FTS5
/// documentation, section 7.1 "Custom Auxiliary Functions": `Fts5ExtensionApi`).
struct FTS5Row {
    let api: UnsafePointer<Fts5ExtensionApi>
    let context: OpaquePointer

    var phraseCount: Int { Int(api.pointee.xPhraseCount?(context) ?? 0) }
    var columnCount: Int { Int(api.pointee.xColumnCount?(context) ?? 0) }

    /// The current row's id.
    var rowid: Int64 { api.pointee.xRowid?(context) ?? 0 }

    /// The database connection the function was registered with (its user data), if any.
    var connection: OpaquePointer? {
        api.pointee.xUserData?(context).map(OpaquePointer.init)
    }

    /// Rows in the table.
    func rowCount() -> Int {
        var count: sqlite3_int64 = 0
        _ = api.pointee.xRowCount?(context, &count)
        return Int(count)
    }

    /// What a field index (0 title, 1 body) and a column index of this table differ by
    /// (`FieldLayout.swap`): `layout`'s when the table has the two columns, else 0.
    func swap(_ layout: FieldLayout) -> Int { columnCount == 2 ? layout.swap : 0 }

    /// Average tokens per row in each field: the column averages in field order (`swap`).
    func averageLengths(swap: Int) -> [Double] {
        let columns = averageLengths()
        return columns.indices.map { columns[$0 ^ swap] }
    }

    /// Average tokens per row in each column.
    func averageLengths() -> [Double] {
        let rows = Double(max(rowCount(), 1))
        return (0..<columnCount).map { column in
            var total: sqlite3_int64 = 0
            _ = api.pointee.xColumnTotalSize?(context, Int32(column), &total)
            return Double(total) / rows
        }
    }

    /// Rows that match each phrase of the query (a scan of each phrase's doclist, as FTS5's
    /// own `bm25()` does once per query), or the count `known` gives for it (`TermCounts`).
    func documentFrequencies(known: [Int?]? = nil) -> [Int] {
        (0..<phraseCount).map { phrase in
            if let known, phrase < known.count, let count = known[phrase] { return count }
            var count = 0
            _ = withUnsafeMutablePointer(to: &count) { pointer in
                api.pointee.xQueryPhrase?(
                    context, Int32(phrase), pointer,
                    { _, _, user in
                        user?.assumingMemoryBound(to: Int.self).pointee += 1
                        return SQLITE_OK
                    })
            }
            return count
        }
    }

    /// Occurrences of each phrase in the whole table (each phrase's doclist read with its
    /// positions, through `xQueryPhrase` and `xInstCount`): the collection frequencies a
    /// language model needs.
    func collectionFrequencies() -> [Int] {
        (0..<phraseCount).map { phrase in
            var count = 0
            _ = withUnsafeMutablePointer(to: &count) { pointer in
                api.pointee.xQueryPhrase?(
                    context, Int32(phrase), pointer,
                    { api, context, user in
                        var instances: Int32 = 0
                        _ = api?.pointee.xInstCount?(context, &instances)
                        user?.assumingMemoryBound(to: Int.self).pointee += Int(instances)
                        return SQLITE_OK
                    })
            }
            return count
        }
    }

    /// Tokens in `column` of this row.
    func columnSize(_ column: Int) -> Int {
        var size: Int32 = 0
        _ = api.pointee.xColumnSize?(context, Int32(column), &size)
        return Int(size)
    }

    /// Up to this many phrases, matches are read from FTS5's instance list (`xInst`).
    static let instanceListPhrases = 4

    /// Calls `body(phrase, column, offset)` for every phrase match in the row, in text order.
    ///
    /// FTS5 builds its instance list (`xInst`) by looking at every phrase for each instance,
    /// which costs phrases × instances: with many phrases (a long OR, expansion terms) each
    /// phrase's positions are read on their own (`xPhraseFirst`/`xPhraseNext`, FTS5
    /// documentation, section 7.1) and merged here in the order `xInst` gives them: column,
    /// then offset, then phrase.
    @inline(__always)
    func forEachMatch(_ body: (Int, Int, Int) -> Void) {
        guard phraseCount > Self.instanceListPhrases else { return forEachInstance(body) }
        var matches: [UInt64] = []
        for phrase in 0..<min(phraseCount, Self.maxMergedPhrases) {
            forEachPosition(of: phrase) { column, offset in
                matches.append(Self.mergeKey(phrase: phrase, column: column, offset: offset))
            }
        }
        matches.sort()
        for match in matches { Self.withMergeKey(match, body) }
    }

    /// Phrases `mergeKey` tells apart.
    static let maxMergedPhrases = DocumentEvidence.Match.maxPhrases

    /// A match as one integer whose order is `xInst`'s: column, then offset, then phrase.
    @inline(__always)
    static func mergeKey(phrase: Int, column: Int, offset: Int) -> UInt64 {
        DocumentEvidence.Match(phrase: phrase, field: column, offset: offset).key
    }

    /// Calls `body(phrase, column, offset)` with the parts of a `mergeKey`.
    @inline(__always)
    static func withMergeKey(_ key: UInt64, _ body: (Int, Int, Int) -> Void) {
        let match = DocumentEvidence.Match(key: key)
        body(match.phrase, match.field, match.offset)
    }

    /// Calls `body(column, offset)` for every match of `phrase` in this row, in text order
    /// (`xPhraseFirst`/`xPhraseNext`, FTS5 documentation, section 7.1): the phrase's own
    /// position list, without the instance list that `xInst` builds over every phrase.
    @inline(__always)
    func forEachPosition(of phrase: Int, _ body: (Int, Int) -> Void) {
        guard let first = api.pointee.xPhraseFirst, let next = api.pointee.xPhraseNext else {
            return
        }
        var iterator = Fts5PhraseIter()
        var column: Int32 = 0
        var offset: Int32 = 0
        guard first(context, Int32(phrase), &iterator, &column, &offset) == SQLITE_OK else {
            return
        }
        while column >= 0 {
            body(Int(column), Int(offset))
            next(context, &iterator, &column, &offset)
        }
    }

    /// Calls `body(column, count)` for each column of this row where `phrase` matches, in
    /// column order, with its number of matches there: the counts `forEachPosition` gives, read
    /// from the phrase's position list without a call per match.
    ///
    /// `xPhraseFirst` decodes the first match and leaves its iterator (`Fts5PhraseIter`, whose
    /// fields fts5.h declares) over the rest of the list: `a` its next byte, `b` its end. The
    /// list is FTS5's poslist, part of the file format (comment "poslist format" in SQLite's
    /// fts5_index.c): in each column a varint per match (offset delta + 2, so never 1), and
    /// before each further column the byte 0x01 and the column number as a varint. A varint
    /// ends at its only byte below 0x80, so the matches of a column are the bytes below 0x80
    /// up to the next 0x01 that starts a varint: counted eight bytes at a time where none of
    /// them is 0x01.
    @inline(__always)
    func forEachColumnCount(of phrase: Int, _ body: (Int, Int) -> Void) {
        guard let (iterator, column, _) = firstMatch(of: phrase) else { return }
        var current = column
        var count = 1
        guard var byte = iterator.a, let end = iterator.b else { return body(current, count) }
        // Whether `byte` starts a varint.
        var starts = true
        while byte < end {
            if end - byte >= 8 {
                let word = UInt64(
                    littleEndian: UnsafeRawPointer(byte).loadUnaligned(as: UInt64.self))
                // Zero bytes of `word ^ 0x01…01` are bytes 0x01 of `word` (a test that never
                // misses one: "Bit Twiddling Hacks", "Determine if a word has a zero byte").
                let ones = word ^ Self.everyByte
                if (ones &- Self.everyByte) & ~ones & Self.highBits == 0 {
                    count += (~word & Self.highBits).nonzeroBitCount
                    starts = word & (1 << 63) == 0
                    byte += 8
                    continue
                }
            }
            let value = byte.pointee
            byte += 1
            if starts, value == 0x01 {
                body(current, count)
                (current, count) = (Self.varint(&byte, end), 0)
                continue
            }
            starts = value < 0x80
            if starts { count += 1 }
        }
        body(current, count)
    }

    /// `xPhraseFirst` on `phrase`: its iterator over the rest of the position list, and the
    /// column and offset of the first match; nil when the phrase has no match in the row.
    @inline(__always)
    func firstMatch(of phrase: Int) -> (Fts5PhraseIter, column: Int, offset: Int)? {
        guard let first = api.pointee.xPhraseFirst else { return nil }
        var iterator = Fts5PhraseIter()
        var column: Int32 = 0
        var offset: Int32 = 0
        guard first(context, Int32(phrase), &iterator, &column, &offset) == SQLITE_OK,
            column >= 0
        else { return nil }
        return (iterator, Int(column), Int(offset))
    }

    /// `forEachPosition` read from the bytes of the position list, without a call per match.
    ///
    /// The list is read as `forEachColumnCount` reads it: after the match `xPhraseFirst`
    /// decodes, each varint v is the next offset + 2 in the column, or (v = 1) the start of
    /// column n, the varint after it, whose first offset + 2 follows (SQLite's
    /// `fts5ApiPhraseNext`).
    @inline(__always)
    func forEachPositionInBytes(of phrase: Int, _ body: (Int, Int) -> Void) {
        guard let (iterator, column, offset) = firstMatch(of: phrase) else { return }
        var (current, at) = (column, offset)
        body(current, at)
        guard var byte = iterator.a, let end = iterator.b else { return }
        while byte < end {
            var value = Self.varint(&byte, end)
            if value == 1 {
                current = Self.varint(&byte, end)
                at = 0
                value = Self.varint(&byte, end)
            }
            at += value - 2
            body(current, at)
        }
    }

    /// The varint at `byte` (SQLite's format, as FTS5 writes it: seven bits a byte, the
    /// high bit set on all but the last), leaving `byte` after it; never reads at `end` or
    /// beyond.
    @inline(__always)
    static func varint(_ byte: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        var value = 0
        while byte < end {
            let part = byte.pointee
            byte += 1
            value = value << 7 | Int(part & 0x7F)
            if part < 0x80 { break }
        }
        return value
    }

    /// 0x01 in every byte of a word.
    static let everyByte: UInt64 = 0x0101_0101_0101_0101
    /// The high bit of every byte of a word.
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// True when `phrase` has a match in this row (false past the last phrase).
    func hasMatch(_ phrase: Int) -> Bool {
        guard phrase < phraseCount else { return false }
        var iterator = Fts5PhraseIter()
        var column: Int32 = -1
        var offset: Int32 = 0
        guard
            api.pointee.xPhraseFirst?(context, Int32(phrase), &iterator, &column, &offset)
                == SQLITE_OK
        else { return false }
        return column >= 0
    }

    /// `forEachMatch` through FTS5's instance list.
    ///
    /// Inlined, as the one loop was before, so the per-match work is inlined into it (a call per match cost 10 % of a common-word query).
    @inline(__always)
    func forEachInstance(_ body: (Int, Int, Int) -> Void) {
        var count: Int32 = 0
        guard api.pointee.xInstCount?(context, &count) == SQLITE_OK else { return }
        var phrase: Int32 = 0
        var column: Int32 = 0
        var offset: Int32 = 0
        for index in 0..<count
        where api.pointee.xInst?(context, index, &phrase, &column, &offset) == SQLITE_OK {
            body(Int(phrase), Int(column), Int(offset))
        }
    }

    /// The tokens of `text` as the table's tokenizer produces them (stemmed, case folded).
    func tokens(of text: String) -> [String] {
        final class Sink { var tokens: [String] = [] }
        let sink = Sink()
        var utf8 = Array(text.utf8)
        utf8.append(0)
        utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                pointer in
                _ = api.pointee.xTokenize?(
                    context, pointer, Int32(buffer.count - 1),
                    Unmanaged.passUnretained(sink).toOpaque()
                ) {
                    user, _, token, length, _, _ in
                    guard let user, let token else { return SQLITE_OK }
                    let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
                    let bytes = UnsafeRawBufferPointer(start: token, count: Int(length))
                    sink.tokens.append(String(decoding: bytes, as: UTF8.self))
                    return SQLITE_OK
                }
            }
        }
        return sink.tokens
    }

    /// The texts of the row's columns in field order (title, then body: `swap`), joined by
    /// line breaks.
    func fieldTexts(swap: Int) -> String {
        (0..<columnCount).map { columnText($0 ^ swap) }.joined(separator: "\n")
    }

    /// The text of `column` in this row.
    func columnText(_ column: Int) -> String {
        var pointer: UnsafePointer<CChar>?
        var length: Int32 = 0
        guard api.pointee.xColumnText?(context, Int32(column), &pointer, &length) == SQLITE_OK,
            let pointer
        else { return "" }
        return String(
            decoding: UnsafeRawBufferPointer(start: pointer, count: Int(length)), as: UTF8.self)
    }

    /// The per-query object stored with `xSetAuxdata`, created by `make` on the first row.
    func state<State: AnyObject>(_ make: () -> State?) -> State? {
        if let existing = api.pointee.xGetAuxdata?(context, 0) {
            return Unmanaged<State>.fromOpaque(existing).takeUnretainedValue()
        }
        guard let state = make() else { return nil }
        let pointer = Unmanaged.passRetained(state).toOpaque()
        _ = api.pointee.xSetAuxdata?(context, pointer) { pointer in
            guard let pointer else { return }
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
        }
        return state
    }
}
