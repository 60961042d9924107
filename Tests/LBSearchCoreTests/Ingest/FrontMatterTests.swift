import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Front matter read line by line gives what Yams gave: the Markdown extractor is compared with
/// `ReferenceMarkdown` (the Yams-only code it replaced) on written cases, the files of
/// `scripts/gen-corpus` and random front matter; each line read without Yams is compared with
/// Yams's reading of it.
struct FrontMatterTests {
    /// Edge cases by name: quotes, colons, hashes, YAML's typed scalars, white space, closers,
    /// line endings, shapes only Yams reads.
    static let cases: [(String, String)] = [
        ("plain", "---\ntitle: Plain words\ndate: 2019-08-23\n---\nBody"),
        ("typed scalars", "---\ntitle: yes\nsource: null\nurl: ~\ntags: 1e3\n---\nx"),
        ("numbers", "---\ntitle: 0x1F\nsource: .5\nurl: -1\n---\nx"),
        ("colon inside", "---\ntitle: a:b\nurl: https://x.test/a?b=c#d\n---\nx"),
        ("colon space", "---\ntitle: a: b\n---\n# H\nx"),
        ("final colon", "---\ntitle: a:\n---\n# H\nx"),
        ("comment", "---\ntitle: a # note\n---\nx"),
        ("hash inside", "---\ntitle: C#  and a#b\n---\nx"),
        ("double quoted", "---\ntitle: \"Part 1: \\\"The\\\" Start\\\\\"\n---\nx"),
        ("other escape", "---\ntitle: \"caf\\u00e9 \\t\"\n---\nx"),
        ("single quoted", "---\ntitle: 'it''s: #1'\n---\nx"),
        ("empty values", "---\ntitle:\nsource: \"\"\nurl: ''\ntags:\n---\n# H\nx"),
        ("spaces inside quotes", "---\ntitle: \"  padded \\u00A0 \"\nsource: ' x '\n---\nx"),
        ("unicode spaces", "---\ntitle: \u{A0}wide\u{3000}\nsource: \u{2003}\n---\n# H\nx"),
        ("flow tags", "---\ntags: [a, \"b c\", 'd', \" \", '']\n---\nx"),
        ("empty flow", "---\ntags: []\nkeywords: [ ]\n---\nx"),
        ("trailing comma", "---\ntags: [a, b,]\n---\nx"),
        ("nested flow", "---\ntags: [a, [b]]\n---\nx"),
        ("flow mapping", "---\ntags: {a: b}\n---\nx"),
        ("flow on title", "---\ntitle: [a, b]\n---\n# H\nx"),
        ("scalar tags", "---\ntags: a, b ,c\nkeywords: \"[x, 'y']\"\n---\nx"),
        ("block list", "---\ntags:\n  - alpha\n  - \"\"\n---\nx"),
        ("block list unindented", "---\ntags:\n- a\n- b\n---\nx"),
        ("duplicate key", "---\ntitle: A\ntitle: B\n---\n# H\nx"),
        ("keys differing in case", "---\ntitle: A\nTitle: B\n---\nx"),
        ("anchor and alias", "---\ntitle: &t A\nsource: *t\n---\nx"),
        ("tag", "---\ntitle: !!str 2024\n---\nx"),
        ("tab", "---\ntitle:\tTabbed\n---\n# H\nx"),
        ("indented key", "---\n  title: A\n---\nx"),
        ("blank lines", "---\n\ntitle: A\n\n---\nx"),
        ("space-only line", "---\ntitle: A\n   \n---\nx"),
        ("multi-line plain", "---\ntitle: A\n  continued\n---\nx"),
        ("literal block", "---\ntitle: |\n  A\n---\nx"),
        ("comment line", "---\n# note\ntitle: A\n---\nx"),
        ("list front matter", "---\n- a\n---\n# H\nx"),
        ("empty front matter", "---\n---\n# H\nx"),
        ("dots close", "---\ntitle: Dots\n...\nBody"),
        ("closer with spaces", "---\ntitle: A\n \u{A0}---\u{3000}\t\nBody"),
        ("closer at end", "---\ntitle: A\n---"),
        ("closer then newline", "---\ntitle: A\n...\n"),
        ("not a closer", "---\ntitle: A\n----\n-- -\n---x\nBody"),
        ("no closer", "---\ntitle: Never closed\n# H\nBody"),
        ("only opening", "---\n"),
        ("CRLF", "---\r\ntitle: A\r\ntags: [a]\r\n---\r\n# H\r\nBody\r\n"),
        ("CR lines", "---\ntitle: A\rdate: 2024-03-09\r---\rBody"),
        ("line separators", "---\ntitle: A\u{2028}date: 2024-03-09\u{85}---\u{2029}Body"),
        ("vertical tab", "---\ntitle: A\u{0B}source: B\u{0C}---\nBody"),
        ("BOM first", "\u{FEFF}---\ntitle: A\n---\nBody"),
        ("BOM inside", "---\ntitle: \u{FEFF}A\n---\nBody"),
        ("control", "---\ntitle: A\u{7F}\n---\n# H\nBody"),
        ("C1 control", "---\ntitle: A\u{80}\n---\n# H\nBody"),
        ("quoted key", "---\n\"title\": A\n---\nx"),
        ("space before colon", "---\ntitle : A\n---\nx"),
        ("document marker", "---\ntitle: ---\nsource: ...\n---\nx"),
        ("indicators", "---\ntitle: @x\nsource: %y\nurl: `z\n---\nx"),
        ("question", "---\ntitle: ?x\n---\nx"),
        ("combining mark", "---\ntitle: \u{301}A\n---\u{301}\n---\n# \u{301}H\nx"),
        ("unterminated quote", "---\ntitle: \"open\n---\n# H\nx"),
        ("text after quote", "---\ntitle: \"a\" b\n---\n# H\nx"),
        ("dates", "---\ndate: March 9, 2024\npublished: 2023-02-29\n---\nx"),
        ("unicode", "---\ntitle: \"日本語の記事\"\nsource: Café\ntags: [\"日本\", é]\n---\nx"),
        ("quoted items", "---\ntags: [\"a, b\", 'c]', \"d\\\"e\", 'f''g', \"\\\\\"]\n---\nx"),
        ("apostrophes", "---\ntitle: Don't \"stop\" now\nsource: a'b\n---\nx"),
        ("long key", "---\n" + String(repeating: "k", count: 65) + ": v\ntitle: A\n---\nx"),
        ("long value", "---\ntitle: " + String(repeating: "word ", count: 400) + "\n---\nx"),
        ("mark after opening", "---\n\u{301}title: A\n---\n# H"),
        ("astral and private use", "---\ntitle: 😀 \u{E000}\u{F8FF}\u{FFFD}\n---\nx"),
        ("zero width space", "---\ntitle: \u{200B}A\u{200B}\ntags: [\u{200B}]\n---\u{200B}\nx"),
        ("heading in body", "Intro\n\n  ## The **Real** _Title_\n\nText."),
        ("heading after spaces", "\u{3000}# Wide\nx"),
        ("heading with mark", " \u{301}# Not\n#\u{301} Not either\n# Yes"),
        ("quote line", "> quoted\n>> twice\n  > spaced"),
    ]

    @Test(arguments: cases)
    func writtenCase(name: String, text: String) {
        #expect(MarkdownExtractor.extract(text) == ReferenceMarkdown.extract(text), "\(name)")
        checkLines(text, name)
    }

    /// The common shapes are read without Yams.
    @Test func commonShapesAreReadDirectly() throws {
        let lines: [Substring] = [
            "title: \"Part 1: The \\\"Start\\\"\"", "date: 2019-08-23", "source: Field Notes",
            "tags: [\"a\", 'b', c d]", "", "url:",
        ]
        let fields = try #require(FrontMatterLine.fields(lines))
        #expect(
            fields == [
                .init(key: "title", value: .scalar("Part 1: The \"Start\"")),
                .init(key: "date", value: .scalar("2019-08-23")),
                .init(key: "source", value: .scalar("Field Notes")),
                .init(key: "tags", value: .sequence(["a", "b", "c d"])),
                .init(key: "url", value: .scalar("")),
            ])
    }

    /// When a line is read without Yams, Yams reads the whole front matter the same way.
    func checkLines(_ text: String, _ name: String) {
        guard let lines = FrontMatter.split(text)?.lines,
            let fields = FrontMatterLine.fields(lines)
        else { return }
        let yaml = ReferenceMarkdown.yamlFields(lines.joined(separator: "\n"))
        #expect(fields == yaml, "\(name): \(text.debugDescription)")
    }

    /// The files of `scripts/gen-corpus` (what `scripts/bench` indexes), all read without Yams.
    @Test func generatedCorpusIsReadAsBefore() throws {
        guard let folder = try Self.generatedCorpus(documents: 3000) else {
            print("skipped: scripts/gen-corpus needs python3")
            return
        }
        let root = folder.file("out/files")
        let paths = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
        var read = 0
        for path in paths where path.hasSuffix(".md") {
            let text = try String(contentsOfFile: "\(root)/\(path)", encoding: .utf8)
            #expect(MarkdownExtractor.extract(text) == ReferenceMarkdown.extract(text), "\(path)")
            let lines = try #require(FrontMatter.split(text)?.lines)
            #expect(FrontMatterLine.fields(lines) != nil, "\(path) is read without Yams")
            read += 1
        }
        #expect(read == 3000)
    }

    /// Runs `scripts/gen-corpus` for `documents` files; nil without python3.
    static func generatedCorpus(documents: Int) throws -> TemporaryFolder? {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/gen-corpus").path
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let python = path.split(separator: ":").map { "\($0)/python3" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { return nil }
        let folder = try TemporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            script, "--docs", "\(documents)", "--format", "files", "--jobs", "1", "--ja", "0.1",
            "--out", folder.file("out"),
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return folder
    }

    /// Random front matter made of pieces that meet every rule: the extractor agrees with the
    /// reference, and lines read without Yams agree with Yams.
    @Test func randomFrontMatterIsReadAsBefore() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        var direct = 0
        for _ in 0..<6000 {
            let text = RandomFrontMatter.document(&generator)
            #expect(
                MarkdownExtractor.extract(text) == ReferenceMarkdown.extract(text),
                "seed \(seed): \(text.debugDescription)")
            checkLines(text, "seed \(seed)")
            if let lines = FrontMatter.split(text)?.lines, FrontMatterLine.fields(lines) != nil {
                direct += 1
            }
        }
        // Both ways are taken often enough to be compared.
        #expect((1000...5000).contains(direct), "\(direct) of 6000 read without Yams")
    }

    /// `TextLines.isSpace` is `CharacterSet.whitespaces`, scalar by scalar.
    @Test func isSpaceIsFoundationsWhitespaces() {
        var wrong: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if TextLines.isSpace(scalar) != CharacterSet.whitespaces.contains(scalar) {
                wrong.append(value)
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5).map { String($0, radix: 16) })")
    }

    /// The native trims give what Foundation's `trimmingCharacters(in:)` gives.
    @Test func trimsMatchFoundation() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        let quotes = CharacterSet(charactersIn: " \"'")
        for _ in 0..<3000 {
            let text = TextLinesTests.randomText(&generator, pieces: 10) + "\"' "
            let message = "seed \(seed): \(text.debugDescription)"
            #expect(
                String(TextLines.trimmedSpaces(text[...]))
                    == text.trimmingCharacters(in: .whitespaces), "\(message)")
            #expect(
                String(TextLines.trimmed(text[...], dropping: { quotes.contains($0) }))
                    == text.trimmingCharacters(in: quotes), "\(message)")
            var trimmed = text
            TextLines.trimScalars(&trimmed)
            #expect(trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(message)")
        }
    }

    /// The eight-bytes-at-a-time search for inline marks answers as a byte-by-byte one.
    @Test func inlineMarkSearchMatchesBytes() {
        var generator = SplitMix(seed: SplitMix.testSeed)
        let bytes: [UInt8] = [0x20, 0x21, 0x5B, 0x2A, 0x60, 0x5F, 0x61, 0x5A, 0x7F, 0x80, 0xE3]
        for _ in 0..<5000 {
            let count = Int.random(in: 0...40, using: &generator)
            let text = (0..<count).map { _ in
                Int.random(in: 0..<12, using: &generator) == 0
                    ? RandomFrontMatter.pick(bytes, &generator) : UInt8(0x61)
            }
            let found = text.withUnsafeBufferPointer(MarkdownExtractor.hasInlineMark)
            #expect(found == text.contains(where: MarkdownExtractor.isInlineMark), "\(text)")
        }
    }

    /// Lines split in place are the lines of `TextLines.split`, for any part of a string.
    @Test func forEachLineMatchesSplit() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        for _ in 0..<3000 {
            let text = TextLinesTests.randomText(&generator, pieces: 30)
            let scalars = text.unicodeScalars
            let offset = Int.random(in: 0...scalars.count, using: &generator)
            let start = scalars.index(text.startIndex, offsetBy: offset)
            let part = text[start...]
            var lines: [String] = []
            TextLines.forEachLine(part) { line in
                lines.append(String(line))
                return true
            }
            #expect(
                lines == TextLines.split(String(part)).map(String.init),
                "seed \(seed): \(text.debugDescription) from \(offset)")
        }
    }

    /// A front matter of many distinct keys is read in time linear in its lines: each key was
    /// searched for among the keys before it, and 200,000 of them (2.4 MB) took minutes.
    @Test(.timeLimit(.minutes(1))) func manyKeysAreReadInLinearTime() {
        let count = 200_000
        let lines = (0..<count).map { "k\($0): v"[...] } + ["title: Many"]
        let fields = FrontMatterLine.fields(lines)
        #expect(fields?.count == count + 1)
        #expect(fields?.last == FrontMatterLine.Field(key: "title", value: .scalar("Many")))
        #expect(FrontMatterLine.fields(["a: 1", "b: 2", "a: 3"]) == nil)
    }
}
