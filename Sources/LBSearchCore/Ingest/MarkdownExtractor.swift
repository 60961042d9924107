import Foundation
import Yams

/// Reads `.md` files: YAML front matter and a Markdown body reduced to readable text.
///
/// The front matter gives the title, date, source, url and tags; the body loses its heading
/// marks, emphasis marks and link targets.
public enum MarkdownExtractor {
    /// The front matter's fields and the body as text; the first heading titles it if none did.
    public static func extract(_ text: String) -> Extracted {
        let (frontMatter, body) = splitFrontMatter(text)
        var result = Extracted(body: plainText(body))
        if let frontMatter { apply(frontMatter, to: &result) }
        if result.title == nil { result.title = firstHeading(body) }
        return result
    }

    /// Front matter between a first line `---` and the next `---` or `...` line.
    ///
    /// The body is the rest of the text as it stands (its lines are split again later).
    static func splitFrontMatter(_ text: String) -> (String?, String) {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return (nil, text) }
        let lines = TextLines.split(text)
        for index in lines.indices.dropFirst() {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line == "---" || line == "..." {
                let yaml = lines[1..<index].joined(separator: "\n")
                let body =
                    index + 1 < lines.count ? String(text[lines[index + 1].startIndex...]) : ""
                return (yaml, body)
            }
        }
        return (nil, text)
    }

    /// Copies the known keys of the YAML mapping; a front matter that is not valid YAML is ignored.
    static func apply(_ yaml: String, to result: inout Extracted) {
        // UTF-8 named: Yams's default reads the environment on every call.
        guard let node = try? Yams.compose(yaml: yaml, .default, .default, .utf8),
            let mapping = node.mapping
        else { return }
        for (key, value) in mapping {
            guard let key = key.string else { continue }
            if let scalar = value.scalar {
                result.set(key: key, value: scalar.string)
            } else if let sequence = value.sequence,
                ["tags", "keywords"].contains(key.lowercased())
            {
                result.tags = sequence.compactMap {
                    $0.string?.trimmingCharacters(in: .whitespaces)
                }
                .filter { !$0.isEmpty }
            }
        }
    }

    /// The text of the first ATX heading (`# Title`).
    static func firstHeading(_ body: String) -> String? {
        for line in body.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("#") else { continue }
            let text = trimmed.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { return plainText(text) }
        }
        return nil
    }

    /// Markdown reduced to what a reader sees: heading and emphasis marks removed,
    /// `[text](url)` and `![alt](url)` replaced by their text.
    static func plainText(_ markdown: String) -> String {
        var lines: [String] = []
        for line in TextLines.split(markdown) {
            var text = Substring(line)
            let trimmed = text.drop(while: { $0 == " " })
            if trimmed.hasPrefix("#") {
                text = trimmed.drop(while: { $0 == "#" }).drop(while: { $0 == " " })
            } else if trimmed.hasPrefix(">") {
                text = trimmed.dropFirst().drop(while: { $0 == " " })
            }
            lines.append(stripInline(text))
        }
        return TextLines.trimmedScalars(lines.joined(separator: "\n"))
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
