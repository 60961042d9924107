import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The byte-level line split and scalar trim agree with the standard library's split by
/// `Character.isNewline` and Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)`,
/// and the Markdown extractor built on them reads text exactly as before.
struct TextLinesTests {
    /// Pieces that make line breaks, white space, clusters and Markdown marks meet.
    static let pieces = [
        "a", "Bc", " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}",
        "\u{2029}", "\u{A0}", "\u{3000}", "\u{301}", "é", "日本", "😀", "\u{200D}", "\u{0600}",
        "#", "> ", "*", "_", "[", "]", "(", ")", "!", "`", "---", "...", ":", "\u{1F1EF}",
    ]

    static func randomText(_ generator: inout SplitMix, pieces: Int) -> String {
        (0..<Int.random(in: 0...pieces, using: &generator)).map { _ in
            Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)]
        }.joined()
    }

    @Test func splitMatchesTheCharacterSplit() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        for _ in 0..<3000 {
            let text = Self.randomText(&generator, pieces: 30)
            let expected = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            #expect(
                TextLines.split(text).map(String.init) == expected.map(String.init),
                "seed \(seed): \(text.debugDescription)")
        }
    }

    @Test func trimmedScalarsMatchesFoundation() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        for _ in 0..<3000 {
            let text = Self.randomText(&generator, pieces: 12)
            #expect(
                TextLines.trimmedScalars(text)
                    == text.trimmingCharacters(in: .whitespacesAndNewlines),
                "seed \(seed): \(text.debugDescription)")
        }
    }

    @Test func markdownIsReadAsBefore() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        for _ in 0..<2000 {
            let front = Bool.random(using: &generator) ? "---\ntitle: T\n---\n" : ""
            let text = front + Self.randomText(&generator, pieces: 40)
            #expect(
                MarkdownExtractor.extract(text) == PreviousMarkdown.extract(text),
                "seed \(seed): \(text.debugDescription)")
        }
    }
}

/// The Markdown extractor's text handling before it read lines byte by byte (commit 1f46ca6),
/// kept to compare with.
enum PreviousMarkdown {
    static func extract(_ text: String) -> Extracted {
        let (frontMatter, body) = splitFrontMatter(text)
        var result = Extracted(body: plainText(body))
        if let frontMatter { ReferenceMarkdown.apply(frontMatter, to: &result) }
        if result.title == nil { result.title = firstHeading(body) }
        return result
    }

    static func split(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    static func splitFrontMatter(_ text: String) -> (String?, String) {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return (nil, text) }
        let lines = split(text)
        for index in lines.indices.dropFirst() {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line == "---" || line == "..." {
                let yaml = lines[1..<index].joined(separator: "\n")
                return (yaml, lines[(index + 1)...].joined(separator: "\n"))
            }
        }
        return (nil, text)
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
        for line in split(markdown) {
            var text = Substring(line)
            let trimmed = text.drop(while: { $0 == " " })
            if trimmed.hasPrefix("#") {
                text = trimmed.drop(while: { $0 == "#" }).drop(while: { $0 == " " })
            } else if trimmed.hasPrefix(">") {
                text = trimmed.dropFirst().drop(while: { $0 == " " })
            }
            lines.append(stripInline(text))
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
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
            if char == "[", let link = MarkdownExtractor.linkText(line, at: index) {
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
}
