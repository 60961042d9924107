import Foundation
import Yams

@testable import LBSearchCore

/// The Markdown extractor as it was before front matter was read without Yams (commit 13ca6ff).
///
/// The whole text split into lines, every front matter read by Yams, Foundation's trims; kept to
/// compare the extractor with.
enum ReferenceMarkdown {
    static func extract(_ text: String) -> Extracted {
        let (frontMatter, body) = splitFrontMatter(text)
        var result = Extracted(body: plainText(body))
        if let frontMatter { apply(frontMatter, to: &result) }
        if result.title == nil { result.title = firstHeading(body) }
        return result
    }

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

    static func apply(_ yaml: String, to result: inout Extracted) {
        guard let node = try? Yams.compose(yaml: yaml, .default, .default, .utf8),
            let mapping = node.mapping
        else { return }
        for (key, value) in mapping {
            guard let key = key.string else { continue }
            if let scalar = value.scalar {
                set(key: key, value: scalar.string, in: &result)
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

    /// `Extracted.set(key:value:)` as it was.
    static func set(key: String, value: String, in result: inout Extracted) {
        let value = value.trimmingCharacters(in: .whitespaces)
        switch key.lowercased() {
        case "title": result.title = value.isEmpty ? result.title : value
        case "date", "published", "pubdate": result.date = isoDate(value) ?? result.date
        case "source", "publisher", "site": result.source = value.isEmpty ? result.source : value
        case "url", "link": result.url = value.isEmpty ? result.url : value
        case "tags", "keywords": result.tags = splitTags(value)
        default: break
        }
    }

    static func isoDate(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return DateNormalizer.numeric(trimmed) ?? DateNormalizer.written(trimmed)
    }

    static func splitTags(_ value: String) -> [String] {
        let inner = value.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        return inner.split(separator: ",")
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) }
            .filter { !$0.isEmpty }
    }

    static func firstHeading(_ body: String) -> String? {
        for line in body.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("#") else { continue }
            let text = trimmed.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { return plainText(text) }
        }
        return nil
    }

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

    static func stripInline(_ line: Substring) -> String {
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
            if char == "*" || char == "`"
                || (char == "_" && MarkdownExtractor.isEmphasisUnderscore(line, at: index))
            {
                index = line.index(after: index)
                continue
            }
            out.append(char)
            index = line.index(after: index)
        }
        return out
    }

    static func linkText(_ line: Substring, at start: Substring.Index) -> (
        text: String, end: Substring.Index
    )? {
        guard let close = MarkdownExtractor.matchingBracket(line, from: start) else { return nil }
        let afterClose = line.index(after: close)
        guard afterClose < line.endIndex, line[afterClose] == "(",
            let paren = line[afterClose...].firstIndex(of: ")")
        else { return nil }
        let inner = line[line.index(after: start)..<close]
        return (stripInline(inner), line.index(after: paren))
    }

    /// The fields Yams reads in `yaml`, in the shape `FrontMatterLine` gives them; nil when it
    /// is not valid YAML or not a mapping, none when it is empty.
    static func yamlFields(_ yaml: String) -> [FrontMatterLine.Field]? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch {
            return nil
        }
        guard let node else { return [] }
        guard let mapping = node.mapping else { return nil }
        return mapping.compactMap { key, value in
            guard let key = key.string else { return nil }
            if let scalar = value.scalar { return .init(key: key, value: .scalar(scalar.string)) }
            if let items = value.sequence?.compactMap(\.string) {
                return .init(key: key, value: .sequence(items))
            }
            return nil
        }
    }
}
