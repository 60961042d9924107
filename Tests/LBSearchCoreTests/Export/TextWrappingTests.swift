import Testing

@testable import LBSearchCore

/// Colour text output wrapped to terminal widths: no line too wide, no broken escape sequence,
/// every match still highlighted on the line that shows it.
struct TextWrappingTests {
    /// Titles and snippets with matches everywhere: at the ends of lines, in phrases, in CJK.
    static let hits: [Hit] = [
        hit(
            "Fan Artists Launch Boycott of ⟦AI⟧ ⟦Art⟧ App Trained on Scraped Illustrations",
            "More than six thousand fan artists have signed a pledge to boycott Dreamloom, a "
                + "mobile ⟦AI⟧ ⟦art⟧ app that organisers say was trained on millions of images "
                + "scraped without consent; \"If they can build an ⟦AI art⟧ app the right way, "
                + "they can rebuild it.\" ⟦Artificial-intelligence⟧ ⟦artworks⟧ ⟦art⟧ ⟦art⟧."),
        hit(
            "新作⟦アニメ⟧の放送が決定、⟦アニメ⟧業界の労働環境について調査した結果を公表",
            "⟦アニメ⟧業界の労働環境について調査した結果、制作現場の多くが長時間労働を続けている"
                + "ことが分かった。⟦アニメーション⟧制作会社は人材の確保に苦しんでいる。⟦AI⟧ "
                + "⟦art⟧ tools were also discussed in ⟦東京⟧."),
        hit(
            "⟦Supercalifragilisticexpialidociousnessesandmoreletterstomakeitlongerthan⟧ words",
            "a ⟦verylongmatchthatcannotfitonanylineofthenarrowestterminalwidthatall⟧ ends"),
    ]

    /// Text with `⟦` and `⟧` around highlights, as plain text and code-point ranges.
    static func unmark(_ marked: String) -> (text: String, highlights: [Range<Int>]) {
        var text = ""
        var ranges: [Range<Int>] = []
        var start = 0
        for scalar in marked.unicodeScalars {
            switch scalar {
            case "⟦": start = text.unicodeScalars.count
            case "⟧": ranges.append(start..<text.unicodeScalars.count)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return (text, ranges)
    }

    static func hit(_ title: String, _ body: String) -> Hit {
        let title = unmark(title)
        let body = unmark(body)
        return Hit(
            rank: 1, score: 1, id: "a",
            title: Fragment(text: title.text, highlights: title.highlights),
            date: "2024-01-02", source: "The Ink Wire",
            path: "corpus/a-rather-long-folder-name/and-a-long-file-name-for-good-measure.md",
            url: nil,
            snippet: Snippet(fragments: [
                Fragment(text: body.text, highlights: body.highlights, atStart: false)
            ]))
    }

    /// The highlighted text of a line, parsed alone: what a terminal shows in colour there.
    static func highlighted(_ line: String) -> [String] {
        var spans: [String] = []
        var previous = false
        for cell in StyledText(line).cells {
            if cell.isHighlighted {
                if previous {
                    spans[spans.count - 1].append(cell.character)
                } else {
                    spans.append(String(cell.character))
                }
            }
            previous = cell.isHighlighted
        }
        return spans
    }

    @Test(arguments: [20, 33, 40, 50, 80, 120])
    func noLineIsWiderThanTheTerminal(width: Int) {
        let text = TextWriter(color: true, width: width).render(Self.hits)
        for line in text.split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= width, "\(line)")
        }
    }

    /// Every escape is a whole `ESC [ digits ; … m`, and a line that opens a colour closes it.
    @Test(arguments: [20, 33, 40, 50, 80, 120])
    func everyEscapeSequenceIsCompleteAndClosedOnItsLine(width: Int) {
        let text = TextWriter(color: true, width: width).render(Self.hits)
        for line in text.split(separator: "\n").map(String.init) {
            let parts = line.split(separator: "\u{1B}", omittingEmptySubsequences: false)
            for part in parts.dropFirst() {
                let sequence = part.prefix { $0 != "m" }
                #expect(part.hasPrefix("[") && part.contains("m"), "\(line.debugDescription)")
                #expect(sequence.dropFirst().allSatisfy { $0.isNumber || $0 == ";" })
            }
            if let last = line.range(of: "\u{1B}", options: .backwards) {
                #expect(line[last.lowerBound...].hasPrefix(ANSI.reset), "\(line)")
            }
        }
    }

    /// Each match is highlighted whole on one line when it fits in one, and every character
    /// of every match is highlighted on whichever line shows it.
    @Test(arguments: [20, 33, 40, 50, 80, 120])
    func everyMatchStaysHighlighted(width: Int) {
        for hit in Self.hits {
            let lines = TextWriter(color: true, width: width).render([hit]).split(separator: "\n")
            let shown = lines.flatMap { Self.highlighted(String($0)) }
            let expected = [hit.title, hit.snippet.fragments[0]].flatMap { fragment in
                let scalars = Array(fragment.text.unicodeScalars)
                return fragment.highlights.map {
                    String(String.UnicodeScalarView(scalars[$0]))
                }
            }
            let room = width - TextWriter.indent.count
            for match in expected where DisplayWidth.of(match) <= room {
                #expect(shown.contains(match), "\(match) at \(width)")
            }
            let letters = { (spans: [String]) in spans.joined().filter { $0 != " " } }
            #expect(letters(shown) == letters(expected))
        }
    }

    /// A line that fits is left as it was, escapes and all: colour bytes take no columns.
    @Test func aColouredLineThatFitsIsNotWrapped() {
        let line =
            "   \u{1B}[2m2024-01-02 · \u{1B}[35mcorpus/a.md\u{1B}[0m\u{1B}[0m"
            + String(repeating: "x", count: 50)
        #expect(LineWrapper(width: 80).wrap(line, indent: "   ") == [line])
    }

    /// A highlight that would straddle the end of a line moves to the next line whole, and
    /// text after it keeps its own colour there.
    @Test func aHighlightIsNeverSplitAcrossLines() {
        let line = "   \u{1B}[1mabcdefghijklmno \u{1B}[1;31mai art\u{1B}[0m\u{1B}[1m next\u{1B}[0m"
        let lines = LineWrapper(width: 20).wrap(line, indent: "   ")
        #expect(
            lines == [
                "   \u{1B}[1mabcdefghijklmno\u{1B}[0m",
                "   \u{1B}[1m\u{1B}[1;31mai art\u{1B}[0m\u{1B}[1m next\u{1B}[0m",
            ])
    }
}
