import CSV
import Foundation
import Testing

@testable import LBSearchCore

func sampleHit(
    rank: Int = 1, title: String = "AI art, \"quoted\"\nand new lines", id: String = "a.md"
) -> Hit {
    Hit(
        rank: rank, score: 1.234_567_89, id: id, title: Fragment(text: title, highlights: [0..<2]),
        date: "2024-01-02", source: "=cmd|' /C calc'!A0", path: "folder/a, b.md", url: nil,
        snippet: Snippet(fragments: [
            Fragment(
                text: "The AI art debate", highlights: [4..<6, 7..<10], atStart: false, atEnd: false
            ),
            Fragment(text: "-1 and @sum", highlights: [], atStart: false, atEnd: true),
        ]))
}

struct DelimitedWriterTests {
    @Test func csvRoundTripsThroughAnIndependentParser() throws {
        let hits = [sampleHit(), sampleHit(rank: 2, title: "+plain", id: "x\r\ny")]
        let text = DelimitedWriter(.csv).render(hits)
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        #expect(reader.headerRow == DelimitedWriter.header)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        #expect(rows.count == 2)
        #expect(rows[0][0] == "1")
        #expect(rows[0][1] == "1.234568")
        #expect(rows[0][2] == "a.md")
        #expect(rows[0][3] == "AI art, \"quoted\"\nand new lines")
        #expect(rows[0][5] == "'=cmd|' /C calc'!A0")
        #expect(rows[0][6] == "folder/a, b.md")
        #expect(rows[0][7] == "…The [AI] [art] debate … -1 and @sum")
        #expect(rows[1][2] == "x\r\ny")
        #expect(rows[1][3] == "'+plain")
    }

    @Test(arguments: ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
    func formulaCellsAreNeutralized(cell: String) {
        #expect(DelimitedWriter.neutralized(cell) == "'" + cell)
    }

    @Test func plainCellsAreUntouched() {
        #expect(DelimitedWriter.neutralized("AI art") == "AI art")
        #expect(DelimitedWriter.neutralized("") == "")
    }

    @Test func csvUsesCRLFAndTSVFlattens() {
        let csv = DelimitedWriter(.csv).render([])
        #expect(csv == "rank,score,id,title,date,source,path,snippet\r\n")
        let tsv = DelimitedWriter(.tsv).render([sampleHit()])
        let lines = tsv.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].split(separator: "\t", omittingEmptySubsequences: false).count == 8)
    }
}

struct JSONWriterTests {
    @Test func jsonLinesHaveTheDocumentedKeysInOrder() throws {
        let line = JSONWriter.lines([sampleHit()])
        #expect(line.hasSuffix("}\n"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        for key in [
            "rank", "score", "id", "title", "title_highlights", "date", "source", "path", "snippet",
            "fragments",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(line.hasPrefix("{\"rank\":1,\"score\":1.234568,\"id\":\"a.md\",\"title\":"))
        let fragments = try #require(object["fragments"] as? [[String: Any]])
        #expect(fragments.first?["text"] as? String == "The AI art debate")
        #expect((fragments.first?["highlights"] as? [[Int]]) == [[4, 6], [7, 10]])
        #expect((object["title_highlights"] as? [[Int]]) == [[0, 2]])
        #expect(object["url"] is NSNull)
    }

    @Test func stringsAreEscaped() {
        #expect(JSONValue.string("a\"b\\c\n\u{1}").serialized() == #""a\"b\\c\n\u0001""#)
    }

    @Test func documentWrapsHits() throws {
        let text = JSONWriter.document([sampleHit()], query: "AI art", relaxed: true)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "AI art")
        #expect(object["match"] as? String == "any")
        #expect((object["hits"] as? [Any])?.count == 1)
    }
}

struct TextWriterTests {
    @Test func plainOutputHasNoEscapesAndMarksMatches() {
        let text = TextWriter(color: false).render([sampleHit()])
        #expect(!text.contains("\u{1B}"))
        #expect(text.hasPrefix("1. [AI] art"))
        #expect(text.contains("…The [AI] [art] debate"))
    }

    @Test func aJSONLRecordShowsItsIdAfterItsPath() {
        var record = sampleHit(id: "r7")
        record.path = "data/recs.jsonl"
        #expect(TextWriter(color: false).render([record]).contains("data/recs.jsonl#r7\n"))
        record.id = "data/recs.jsonl#r7"
        #expect(TextWriter(color: false).render([record]).contains("· data/recs.jsonl#r7\n"))
        var file = sampleHit(id: "notes/a.md")
        file.path = "notes/a.md"
        #expect(TextWriter(color: false).render([file]).contains("· notes/a.md\n"))
    }

    @Test func colourOutputUsesANSI() {
        let text = TextWriter(color: true).render([sampleHit()])
        #expect(text.contains("\u{1B}[1;31mAI\u{1B}[0m"))
    }

    @Test func documentTextCannotReachTheTerminalRaw() {
        var hit = sampleHit()
        hit.source = "evil\u{1B}]8;;http://x\u{7}link"
        hit.path = "a\nb\u{1B}[2J.md"
        let text = TextWriter(color: false).render([hit])
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{7}"))
    }
}

/// Escape sequences, control characters and bidirectional overrides in any field of a hit
/// never reach CSV, TSV or text output; highlights stay on their words.
struct HostileFieldTests {
    static let escape = "\u{1B}]8;;http://x\u{7}"

    func hostileHit() -> Hit {
        Hit(
            rank: 1, score: 1, id: "id\u{1B}[2J",
            title: Fragment(text: "\u{1B}[31mAI\u{202E} art", highlights: [5..<7, 9..<12]),
            date: "2024\u{1B}[0m-01-02", source: "\u{1B}=cmd" + Self.escape,
            path: "a\u{9B}b\u{2066}.md",
            url: "http://x\u{1B}",
            snippet: Snippet(fragments: [
                Fragment(text: "the\u{1B}[1m AI\r art", highlights: [8..<10, 12..<15])
            ]))
    }

    static func hasUnsafe(_ text: String, allowing allowed: Set<Unicode.Scalar> = []) -> Bool {
        text.unicodeScalars.contains { TerminalSafety.isUnsafe($0) && !allowed.contains($0) }
    }

    @Test func csvAndTSVCellsAreSanitizedAndStillNeutralized() throws {
        let csv = DelimitedWriter(.csv).render([hostileHit()])
        #expect(!Self.hasUnsafe(csv, allowing: ["\r", "\n"]))
        let row = try #require(csv.split(separator: "\r\n").last)
        #expect(
            row == "1,1.0,id[2J,[31mAI art,2024[0m-01-02,'=cmd]8;;http://x,ab.md,the[1m [AI]  [art]"
        )
        let tsv = DelimitedWriter(.tsv).render([hostileHit()])
        #expect(!Self.hasUnsafe(tsv, allowing: ["\t", "\n"]))
        #expect(tsv.split(separator: "\n").count == 2)
    }

    @Test func csvKeepsLineBreaksButNotALoneCarriageReturn() {
        #expect(TerminalSafety.sanitizeKeepingLineBreaks("a\nb\r\nc\rd\u{1B}e") == "a\nb\r\nc de")
    }

    @Test(arguments: [true, false])
    func textOutputIsSanitizedInColourAndPlain(color: Bool) {
        let text = TextWriter(color: color).render([hostileHit()])
        let ours = Set(["\u{1B}[1;31m", "\u{1B}[1m", "\u{1B}[2m", "\u{1B}[35m", "\u{1B}[0m"])
        let stripped = ours.reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
        #expect(!Self.hasUnsafe(stripped, allowing: ["\n"]))
        if !color { #expect(text.hasPrefix("1. [31m[AI] [art]\n")) }
    }

    @Test func highlightsFollowTheirWordsWhenCharactersAreRemoved() {
        let fragment = Fragment(text: "a\u{1B}\u{1B}bc d\u{202E}ef", highlights: [3..<5, 6..<10])
            .terminalSafe
        #expect(fragment.text == "abc def")
        #expect(fragment.highlights == [1..<3, 4..<7])
    }
}
