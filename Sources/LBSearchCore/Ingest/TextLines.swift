import Foundation

/// Splits text into lines at any line break (`\n`, `\r\n`, `\r`), keeping empty lines.
enum TextLines {
    /// `text` without white space at either end (a cheap native trim: documents can be long).
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        guard let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        if first == text.startIndex, text.index(after: last) == text.endIndex { return text }
        return String(text[first...last])
    }

    /// `text` without the scalars of `CharacterSet.whitespacesAndNewlines` at either end: what
    /// Foundation's `trimmingCharacters(in:)` returns, without bridging the whole text.
    static func trimmedScalars(_ text: String) -> String {
        let blank = CharacterSet.whitespacesAndNewlines
        let kept = trimmed(Substring(text), dropping: blank.contains)
        return kept.startIndex == text.startIndex && kept.endIndex == text.endIndex
            ? text : String(kept)
    }

    /// True for the scalars of `CharacterSet.whitespaces`: tab, the space separators (Zs) and
    /// U+200B ZERO WIDTH SPACE.
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// `text` without the scalars `drop` accepts at either end: Foundation's
    /// `trimmingCharacters(in:)` for the set `drop` tests, without bridging.
    static func trimmed(_ text: Substring, dropping drop: (Unicode.Scalar) -> Bool) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }),
            let last = scalars.lastIndex(where: { !drop($0) })
        else { return "" }
        // By scalar: a closed range would end after the Character that holds `last`.
        return text[first..<scalars.index(after: last)]
    }

    /// `text` without `CharacterSet.whitespaces` at either end.
    static func trimmedSpaces(_ text: Substring) -> Substring {
        trimmed(text, dropping: isSpace)
    }

    /// Removes the scalars of `CharacterSet.whitespacesAndNewlines` at either end of `text`
    /// in place: `trimmedScalars` without a copy of what stays.
    static func trimScalars(_ text: inout String) {
        let blank = CharacterSet.whitespacesAndNewlines
        let scalars = text.unicodeScalars
        guard let last = scalars.lastIndex(where: { !blank.contains($0) }) else {
            text = ""
            return
        }
        let end = scalars.index(after: last)
        if end < text.endIndex { text.removeSubrange(end...) }
        if let first = text.unicodeScalars.firstIndex(where: { !blank.contains($0) }),
            first > text.startIndex
        {
            text.removeSubrange(..<first)
        }
    }

    /// Calls `body` with each line of `text` in order (the lines of `split`) until it
    /// returns false.
    ///
    /// Reads the bytes in place, without making a list of the lines.
    static func forEachLine(_ text: Substring, _ body: (Substring) -> Bool) {
        let utf8 = text.utf8
        let read: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            func position(_ offset: Int) -> String.Index {
                utf8.index(text.startIndex, offsetBy: offset)
            }
            var start = 0
            var index = 0
            while index < bytes.count {
                // Every break starts with 0x0A-0x0D, 0xC2 (NEL) or 0xE2 (U+2028, U+2029).
                let byte = bytes[index]
                let length =
                    (0x0A...0x0D).contains(byte) || byte == 0xC2 || byte == 0xE2
                    ? breakLength(bytes, at: index) : 0
                if length == 0 {
                    index += 1
                    continue
                }
                if !body(text[position(start)..<position(index)]) { return }
                index += length
                start = index
            }
            _ = body(text[position(start)...])
        }
        guard read == nil else { return }
        for line in split(String(text)) {
            if !body(line) { return }
        }
    }

    /// `breakLength(_:at:)` over raw bytes.
    @inline(__always)
    static func breakLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let count = bytes.count
        switch bytes[index] {
        case 0x0A, 0x0B, 0x0C: return 1
        case 0x0D: return index + 1 < count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0xC2: return index + 1 < count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
            guard index + 2 < count, bytes[index + 1] == 0x80 else { return 0 }
            return bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 ? 3 : 0
        default: return 0
        }
    }

    /// The lines of `text`, as `split(omittingEmptySubsequences: false,
    /// whereSeparator: \.isNewline)` makes them.
    ///
    /// Read byte by byte rather than by grapheme cluster: every line break (LF, VT, FF, CR, NEL,
    /// U+2028, U+2029) is a cluster of its own (CR LF one together), so the breaks are the same.
    static func split(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let length = breakLength(utf8, at: index)
            if length == 0 {
                index = utf8.index(after: index)
                continue
            }
            lines.append(text[start..<index])
            index = utf8.index(index, offsetBy: length)
            start = index
        }
        lines.append(text[start..<utf8.endIndex])
        return lines
    }

    /// The length in bytes of the line break at `index` (0 when there is none).
    @inline(__always)
    static func breakLength(_ utf8: String.UTF8View, at index: String.Index) -> Int {
        switch utf8[index] {
        case 0x0A, 0x0B, 0x0C: return 1
        case 0x0D:
            let next = utf8.index(after: index)
            return next < utf8.endIndex && utf8[next] == 0x0A ? 2 : 1
        case 0xC2:
            let next = utf8.index(after: index)
            return next < utf8.endIndex && utf8[next] == 0x85 ? 2 : 0
        case 0xE2:
            let second = utf8.index(after: index)
            guard second < utf8.endIndex, utf8[second] == 0x80 else { return 0 }
            let third = utf8.index(after: second)
            return third < utf8.endIndex && (utf8[third] == 0xA8 || utf8[third] == 0xA9) ? 3 : 0
        default: return 0
        }
    }
}
