import Foundation

/// Reads `.md` files: YAML front matter and a Markdown body reduced to readable text.
///
/// The front matter gives the title, date, source, url and tags; the body loses its heading
/// marks, emphasis marks and link targets.
public enum MarkdownExtractor {
    /// The front matter's fields and the body as text; the first heading titles it if none did.
    public static func extract(_ text: String) -> Extracted {
        let frontMatter = FrontMatter.split(text)
        let body = frontMatter?.body ?? text[...]
        var result = Extracted(body: plainText(body))
        if let lines = frontMatter?.lines { FrontMatter.apply(lines, to: &result) }
        if result.title == nil { result.title = firstHeading(body) }
        return result
    }

    /// The text of the first ATX heading (`# Title`).
    static func firstHeading(_ body: Substring) -> String? {
        var heading: String?
        TextLines.forEachLine(body) { line in
            // Only a line whose first scalar past the white space is `#` can be a heading.
            guard line.unicodeScalars.first(where: { !TextLines.isSpace($0) }) == "#" else {
                return true
            }
            let trimmed = TextLines.trimmedSpaces(line)
            guard trimmed.hasPrefix("#") else { return true }
            let text = TextLines.trimmedSpaces(trimmed.drop(while: { $0 == "#" }))
            if !text.isEmpty { heading = plainText(text) }
            return heading == nil
        }
        return heading
    }

    /// Markdown reduced to what a reader sees: heading and emphasis marks removed,
    /// `[text](url)` and `![alt](url)` replaced by their text.
    static func plainText(_ markdown: String) -> String {
        plainText(markdown[...])
    }

    /// `plainText` of part of a string.
    static func plainText(_ markdown: Substring) -> String {
        var out = ""
        out.reserveCapacity(markdown.utf8.count)
        var first = true
        TextLines.forEachLine(markdown) { line in
            if !first { out.append("\n") }
            first = false
            let text = withoutBlockMark(line)
            // Most lines have none of `![*`_`: they are copied as they are.
            let marked =
                text.utf8.withContiguousStorageIfAvailable(hasInlineMark)
                ?? text.utf8.contains(where: isInlineMark)
            if marked {
                out += stripInline(text)
            } else {
                out += text
            }
            return true
        }
        TextLines.trimScalars(&out)
        return out
    }

    /// `line` without a heading's `#` marks or a quote's `>` and the spaces after them.
    static func withoutBlockMark(_ line: Substring) -> Substring {
        // A line whose first byte past the spaces is neither `#` nor `>` keeps everything.
        let lead = line.utf8.first(where: { $0 != 0x20 })
        guard lead == UInt8(ascii: "#") || lead == UInt8(ascii: ">") else { return line }
        let trimmed = line.drop(while: { $0 == " " })
        if trimmed.hasPrefix("#") {
            return trimmed.drop(while: { $0 == "#" }).drop(while: { $0 == " " })
        } else if trimmed.hasPrefix(">") {
            return trimmed.dropFirst().drop(while: { $0 == " " })
        }
        return line
    }

    /// Removes inline link targets and emphasis markers from one line.
    static func stripInline(_ line: Substring) -> String {
        // Without any of `![*`_` nothing is removed: most lines.
        guard line.utf8.contains(where: isInlineMark) else { return String(line) }
        var out = ""
        var index = line.startIndex
        while index < line.endIndex {
            let char = line[index]
            if char == "!", line[line.index(after: index)...].hasPrefix("[") {
                index = line.index(after: index)
                continue
            }
            if char == "[", let link = linkText(line, at: index) {
                out += link.text
                index = link.end
                continue
            }
            if char == "*" || char == "`" || (char == "_" && isEmphasisUnderscore(line, at: index))
            {
                index = line.index(after: index)
                continue
            }
            out.append(char)
            index = line.index(after: index)
        }
        return out
    }

    /// True when some byte of `bytes` is one of `![*`_`, read eight bytes at a time.
    static func hasInlineMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let found =
                    hasByte(word, 0x21) | hasByte(word, 0x5B) | hasByte(word, 0x2A)
                    | hasByte(word, 0x60) | hasByte(word, 0x5F)
                if found != 0 { break }
                index += 8
            }
        }
        while index < bytes.count {
            if isInlineMark(bytes[index]) { return true }
            index += 1
        }
        return false
    }

    /// Non-zero when some byte of `word` may be `byte` (never zero when one is: "Bit Twiddling
    /// Hacks", determine if a word has a byte equal to n).
    @inline(__always)
    static func hasByte(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & 0x8080_8080_8080_8080
    }

    /// True for the bytes of `!`, `[`, `*`, `` ` `` and `_`.
    static func isInlineMark(_ byte: UInt8) -> Bool {
        byte == 0x21 || byte == 0x5B || byte == 0x2A || byte == 0x60 || byte == 0x5F
    }

    /// `[text](target)` starting at `start`: the text and the index after the closing `)`.
    static func linkText(_ line: Substring, at start: Substring.Index) -> (
        text: String, end: Substring.Index
    )? {
        guard let close = matchingBracket(line, from: start) else { return nil }
        let afterClose = line.index(after: close)
        guard afterClose < line.endIndex, line[afterClose] == "(",
            let paren = line[afterClose...].firstIndex(of: ")")
        else { return nil }
        let inner = line[line.index(after: start)..<close]
        return (stripInline(inner), line.index(after: paren))
    }

    /// The `]` that closes the `[` at `start`, counting nested brackets (`[![alt](src)](href)`).
    static func matchingBracket(_ line: Substring, from start: Substring.Index) -> Substring.Index?
    {
        var depth = 0
        var index = start
        while index < line.endIndex {
            if line[index] == "[" { depth += 1 }
            if line[index] == "]" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// An underscore is emphasis when it is not inside a word (`snake_case` keeps its underscore).
    static func isEmphasisUnderscore(_ line: Substring, at index: Substring.Index) -> Bool {
        let before = index > line.startIndex ? line[line.index(before: index)] : " "
        let afterIndex = line.index(after: index)
        let after = afterIndex < line.endIndex ? line[afterIndex] : " "
        return !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber)
    }
}
