import Foundation
import Yams

/// YAML front matter: the lines between a first line `---` and the next `---` or `...` line.
///
/// Most front matter is one `key: value` a line; `FrontMatterLine` reads that shape directly
/// and anything else goes through Yams, with the same result.
enum FrontMatter {
    /// The front matter's lines and the body after its closing line; nil when `text` has none
    /// (no first line `---`, or no closing line).
    ///
    /// Lines end at any break `TextLines.split` knows; only the front matter's lines are read.
    static func split(_ text: String) -> (lines: [Substring], body: Substring)? {
        let utf8 = text.utf8
        guard utf8.starts(with: "---\n".utf8) || utf8.starts(with: "---\r\n".utf8) else {
            return nil
        }
        var lines: [Substring] = []
        let opening = utf8.starts(with: "---\n".utf8) ? 4 : 5
        var start = utf8.index(text.startIndex, offsetBy: opening)
        var index = start
        while index < utf8.endIndex {
            let length = TextLines.breakLength(utf8, at: index)
            if length == 0 {
                index = utf8.index(after: index)
                continue
            }
            let line = text[start..<index]
            index = utf8.index(index, offsetBy: length)
            if isCloser(line) { return (lines, text[index...]) }
            lines.append(line)
            start = index
        }
        return isCloser(text[start...]) ? (lines, text[text.endIndex...]) : nil
    }

    /// True for `---` or `...` with `CharacterSet.whitespaces` around it.
    static func isCloser(_ line: Substring) -> Bool {
        let marker = TextLines.trimmedSpaces(line).utf8
        return marker.elementsEqual("---".utf8) || marker.elementsEqual("...".utf8)
    }

    /// Sets the fields of `result` that the front matter gives; front matter that is not a
    /// valid YAML mapping gives none.
    static func apply(_ lines: [Substring], to result: inout Extracted) {
        guard let fields = FrontMatterLine.fields(lines) else {
            applyYAML(lines.joined(separator: "\n"), to: &result)
            return
        }
        for field in fields {
            switch field.value {
            case .scalar(let value): result.set(key: field.key, value: value)
            case .sequence(let items): setTags(key: field.key, items, in: &result)
            }
        }
    }

    /// Copies the known keys of the YAML mapping; a front matter that is not valid YAML is ignored.
    static func applyYAML(_ yaml: String, to result: inout Extracted) {
        // UTF-8 named: Yams's default reads the environment on every call.
        guard let node = try? Yams.compose(yaml: yaml, .default, .default, .utf8),
            let mapping = node.mapping
        else { return }
        for (key, value) in mapping {
            guard let key = key.string else { continue }
            if let scalar = value.scalar {
                result.set(key: key, value: scalar.string)
            } else if let sequence = value.sequence {
                setTags(key: key, sequence.compactMap(\.string), in: &result)
            }
        }
    }

    /// A list under `tags` or `keywords` gives the tags: its items trimmed, empty ones dropped.
    static func setTags(key: String, _ items: [String], in result: inout Extracted) {
        guard ["tags", "keywords"].contains(key.lowercased()) else { return }
        result.tags = items.map { String(TextLines.trimmedSpaces($0[...])) }.filter { !$0.isEmpty }
    }
}
