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
        let scalars = text.unicodeScalars
        let blank = CharacterSet.whitespacesAndNewlines
        guard let first = scalars.firstIndex(where: { !blank.contains($0) }),
            let last = scalars.lastIndex(where: { !blank.contains($0) })
        else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex {
            return text
        }
        return String(scalars[first...last])
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
