import LBSearchTestSupport

/// Random Markdown documents whose front matter mixes the shapes read without Yams with
/// everything that must go to Yams: quotes, escapes, colons, hashes, typed scalars, Unicode
/// spaces, brackets, indentation, repeated keys, line endings, closers and their absence.
enum RandomFrontMatter {
    static let keys = [
        "title", "title", "Title", "date", "date", "tags", "tags", "keywords", "source", "url",
        "link", "published", "author", "x-y", "_k", "1", "-k", "\"title\"", "ti tle", "  title",
        "- title", "# title", "tags ", "",
    ]
    static let separators = [": ", ": ", ": ", ":", ":  ", ":\t", " : ", ": \u{A0}"]
    static let values = [
        "Plain words", "Plain words", "2019-08-23", "2024-03-09T10:00:00Z", "March 9, 2024",
        "yes", "no", "null", "~", "true", "0x1F", "1e3", ".5", "-1", "a: b", "a:b", "a:", "a #c",
        "a#b", "\"quoted\"", "\"quoted\"", "\"with \\\"escape\\\" \\\\ \\/\"", "\"uni \\u00e9\"",
        "\"tab\\t\"", "\"\\x\"", "'single'", "'it''s'", "[a, b]", "[\"a\", 'b c', d]", "[]",
        "[ ]", "[a,]", "[a,,b]", "[a, [b]]", "[a: b]", "{a: b}", "&anchor x", "*alias",
        "!!str x", "|", ">", "-", "- x", "?x", "@x", "`x", "%x", ",x", " ", "\u{A0}", "\u{3000}",
        "\t", "日本語", "é", "\u{301}", "\u{85}", "\u{FEFF}", "\u{80}", "\u{7F}", "\u{1}",
        "a, b ,c", ":", "#", "\"unterminated", "'unterminated", "[unclosed", "\"\"", "''",
        "https://example.com/a?b=c#frag", "\\", "---", "...", "\"a\" b", "'a' b", "[a] b", "\r",
        "\u{2028}", "x\u{A0}#y", "C#", "a - b", "\"[x, y]\"", "'  spaced  '",
    ]
    /// Keys and values of the shapes read without Yams (among others that look alike).
    static let usualKeys = [
        "title", "Title", "date", "tags", "keywords", "source", "url", "link", "published", "x",
    ]
    static let usualValues = [
        "Plain words", "2019-08-23", "2024-03-09T10:00:00Z", "March 9, 2024", "yes", "null", "~",
        "0x1F", "a:b", "a#b", "\"quoted\"", "\"with \\\"escape\\\" \\\\ \\/\"", "'single'",
        "'it''s'", "[a, b]", "[\"a\", 'b c', d]", "[]", "[ ]", "日本語", "é", "\u{A0}", "a, b ,c",
        "\"\"", "''", "https://example.com/a?b=c#frag", "...", "C#", "a - b", "\"[x, y]\"",
        "'  spaced  '", "x\u{A0}#y", "\u{3000}x\u{2003}", "\"\u{3000}\"", "['\u{A0}', \" \"]",
        "\u{200B}x", "Don't \"stop\"", "", "[\"日本\", é]",
    ]
    static let trailers = ["", "", "", " ", "  ", " # comment", "\u{A0}", "\t"]
    static let otherLines = [
        "", "  - x", "- x", "# comment", "   ", "  continued", "%YAML 1.2", "--- x", "?", "\t",
    ]
    static let closers = [
        "---", "---", "---", "...", " --- ", "---\u{A0}", "\t...", "\u{3000}---", "----", "-- -",
        "---\u{301}", nil,
    ]
    static let breaks = ["\n", "\n", "\n", "\r\n", "\r", "\u{0B}"]
    static let bodies = [
        "Body text.", "# Heading", "## The **Real** _Title_", "> quote", "", "  # spaced",
        "[link](x) and ![img](y)", "---", "title: not front matter",
    ]

    static func pick<T>(_ items: [T], _ generator: inout SplitMix) -> T {
        items[Int.random(in: 0..<items.count, using: &generator)]
    }

    /// One line of front matter: mostly `key: value`, sometimes something else; of the usual
    /// shape unless `wild`.
    static func line(_ generator: inout SplitMix, wild: Bool) -> String {
        if !wild {
            let space = Int.random(in: 0..<4, using: &generator) == 0 ? " " : ""
            return pick(usualKeys, &generator) + ": " + pick(usualValues, &generator) + space
        }
        if Int.random(in: 0..<8, using: &generator) == 0 { return pick(otherLines, &generator) }
        var value = pick(values, &generator)
        if Int.random(in: 0..<4, using: &generator) == 0 { value += pick(values, &generator) }
        return pick(keys, &generator) + pick(separators, &generator) + value
            + pick(trailers, &generator)
    }

    /// A document: an opening line, some lines, maybe a closer, a body.
    static func document(_ generator: inout SplitMix) -> String {
        let lineBreak = pick(breaks, &generator)
        var parts = [Int.random(in: 0..<40, using: &generator) == 0 ? "\u{FEFF}---" : "---"]
        // The share of lines of unusual shapes: none, a few, half or all.
        let wildness = pick([0, 1, 5, 10], &generator)
        for _ in 0..<Int.random(in: 0...6, using: &generator) {
            let wild = Int.random(in: 0..<10, using: &generator) < wildness
            parts.append(line(&generator, wild: wild))
        }
        if let closer = pick(closers, &generator) { parts.append(closer) }
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            parts.append(pick(bodies, &generator))
        }
        var text = parts.joined(separator: lineBreak)
        if Bool.random(using: &generator) { text += lineBreak }
        return text
    }
}
