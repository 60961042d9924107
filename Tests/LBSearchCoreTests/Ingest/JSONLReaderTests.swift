import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

@Suite struct JSONLReaderTests {
    let path = "/corpus/news.jsonl"

    func read(_ lines: [String]) -> (records: [JSONLReader.Record], skips: [Skip]) {
        JSONLReader.read(Data(lines.joined(separator: "\n").utf8), path: path)
    }

    @Test func goodRecordsKeepTheirFieldsAndLineNumbers() throws {
        let (records, skips) = read([
            #"{"_id": "d1", "title": "First", "text": "Body one", "date": "9 Mar 2024", "source": "Wire", "url": "https://x.test/1", "tags": ["a", "b"]}"#,
            #"{"_id": "d2", "text": "Body two", "tags": "c, d"}"#,
        ])
        #expect(skips.isEmpty)
        #expect(records.map(\.id) == ["d1", "d2"])
        #expect(records.map(\.line) == [1, 2])
        let first = try #require(records.first)
        #expect(
            first.extracted
                == Extracted(
                    title: "First", body: "Body one", date: "2024-03-09", source: "Wire",
                    url: "https://x.test/1", tags: ["a", "b"]))
        #expect(records[1].extracted == Extracted(body: "Body two", tags: ["c", "d"]))
    }

    @Test func hashAndSizeAreOfTheRecordLine() throws {
        let line = #"{"_id":"d1","text":"x"}"#
        let (records, _) = read(["", line, ""])
        let record = try #require(records.first)
        #expect(record.hash == ContentHash.of(Data(line.utf8)))
        #expect(record.size == Int64(line.utf8.count))
    }

    @Test(arguments: [("42", "42"), ("7.5", "7.5"), ("\"0042\"", "0042")])
    func scalarIDsBecomeStrings(json: String, id: String) {
        let (records, skips) = read([#"{"_id": \#(json), "text": "t"}"#])
        #expect(skips.isEmpty)
        #expect(records.map(\.id) == [id])
    }

    @Test func malformedLinesAreReportedWithTheirLineNumber() {
        let (records, skips) = read([
            #"{"_id": "ok1", "text": "fine"}"#,
            "",
            #"{"_id": "broken", "text": "no closing brace""#,
            "[1, 2, 3]",
            "\"just a string\"",
            #"{"_id": "ok2", "text": "fine"}"#,
        ])
        #expect(records.map(\.id) == ["ok1", "ok2"])
        #expect(records.map(\.line) == [1, 6])
        #expect(
            skips == [
                Skip(path: path, line: 3, reason: .malformedJSON),
                Skip(path: path, line: 4, reason: .notAnObject),
                Skip(path: path, line: 5, reason: .notAnObject),
            ])
    }

    /// A NUL byte is never JSON: its line is malformed, whether it is a sparse file's long run
    /// of zeros or one byte inside a string, and it is found before the line is copied.
    @Test func aLineHoldingANULByteIsMalformed() {
        let zeros = String(repeating: "\0", count: 100_000)
        let (records, skips) = read([
            zeros, #"{"_id": "1", "text": "a\#0b"}"#, #"{"_id": "2", "text": "fine"}"#,
        ])
        #expect(records.map(\.id) == ["2"])
        #expect(
            skips == [
                Skip(path: path, line: 1, reason: .malformedJSON),
                Skip(path: path, line: 2, reason: .malformedJSON),
            ])
        #expect(JSONLReader.holdsNUL(Data(zeros.utf8)))
        #expect(!JSONLReader.holdsNUL(Data(#"{"_id": "2"}"#.utf8)))
    }

    /// A `\u` escape of a surrogate that pairs with nothing is read as U+FFFD (as Go's
    /// `encoding/json` and jq read it) and the record is indexed; a valid pair is the
    /// character it encodes, and an escaped backslash before `u` is no escape.
    @Test(arguments: [
        (#"a\ud800b"#, "a\u{FFFD}b"),
        (#"a\uDBFFb"#, "a\u{FFFD}b"),
        (#"a\udc00b"#, "a\u{FFFD}b"),
        (#"\ud800"#, "\u{FFFD}"),
        (#"\ud800\ud800\udc00"#, "\u{FFFD}\u{10000}"),
        (#"\udc00\ud800"#, "\u{FFFD}\u{FFFD}"),
        (#"\ud83d\ude00 ok"#, "😀 ok"),
        (#"\\ud800 \ud800x"#, "\\ud800 \u{FFFD}x"),
    ])
    func loneSurrogateEscapesBecomeReplacementCharacters(text: String, body: String) {
        let (records, skips) = read([
            #"{"_id": "s1", "title": "T \#(text)", "text": "\#(text)"}"#,
            #"{"_id": "s2", "text": "after"}"#,
        ])
        #expect(skips.isEmpty)
        #expect(records.map(\.id) == ["s1", "s2"])
        #expect(records.first?.extracted.body == body)
        #expect(records.first?.extracted.title == "T " + body)
    }

    /// Repair keeps every other byte of the line, and leaves a line with no lone surrogate
    /// alone.
    @Test func surrogateRepairKeepsTheRestOfTheLine() {
        let line = Data(#"{"a":"é\ud800\n\u00e9"}"#.utf8)
        #expect(
            JSONSurrogates.repaired(line) == Data(#"{"a":"é\uFFFD\n\u00e9"}"#.utf8))
        #expect(JSONSurrogates.repaired(Data(#"{"a":"\ud83d\ude00\u12"}"#.utf8)) == nil)
    }

    @Test func missingOrUnusableIDIsReported() {
        let (records, skips) = read([
            #"{"title": "No id", "text": "t"}"#,
            #"{"_id": "", "text": "t"}"#,
            #"{"_id": null, "text": "t"}"#,
            #"{"_id": ["x"], "text": "t"}"#,
        ])
        #expect(records.isEmpty)
        #expect(skips == (1...4).map { Skip(path: path, line: $0, reason: .missingID) })
    }

    @Test func duplicateIDKeepsTheFirstRecord() {
        let (records, skips) = read([
            #"{"_id": "same", "text": "first"}"#,
            #"{"_id": "other", "text": "x"}"#,
            #"{"_id": "same", "text": "second"}"#,
        ])
        #expect(records.map(\.extracted.body) == ["first", "x"])
        #expect(skips == [Skip(path: path, line: 3, reason: .duplicateID("same"))])
    }

    @Test func blankLinesAreSkippedButCounted() {
        let data = Data("\n   \n\t\r\n{\"_id\":\"a\",\"text\":\"t\"}\r\n\n".utf8)
        let (records, skips) = JSONLReader.read(data, path: path)
        #expect(skips.isEmpty)
        #expect(records.map(\.line) == [4])
    }

    @Test func recordWithOnlyTitleIsKept() {
        let (records, skips) = read([#"{"_id": "t1", "title": "  Only   a title "}"#])
        #expect(skips.isEmpty)
        #expect(records.first?.extracted == Extracted(title: "Only a title", body: ""))
    }

    @Test func recordWithoutTextOrTitleIsReported() {
        let (records, skips) = read([
            #"{"_id": "e1", "title": "   ", "text": ""}"#, #"{"_id": "e2", "text": 5}"#,
        ])
        #expect(records.isEmpty)
        #expect(
            skips == [
                Skip(path: path, line: 1, reason: .noText),
                Skip(path: path, line: 2, reason: .noText),
            ])
    }

    @Test func invalidUTF8LineIsReported() {
        var data = Data(#"{"_id":"a","text":"ok"}"#.utf8)
        data.append(0x0A)
        data.append(contentsOf: [0x7B, 0xFF, 0x7D])
        let (records, skips) = JSONLReader.read(data, path: path)
        #expect(records.map(\.id) == ["a"])
        #expect(skips == [Skip(path: path, line: 2, reason: .invalidEncoding)])
    }

    @Test func textIsNormalizedAndTrimmed() {
        let (records, _) = read([#"{"_id": "n", "text": "  cafe\u0301 \ue000x\ue001  "}"#])
        #expect(
            records.first?.extracted.body.unicodeScalars.map(\.value) == [
                0x63, 0x61, 0x66, 0xE9, 0x20, 0x78,
            ])
    }

    @Test func emptyTagsAndBadDatesAreDropped() {
        let (records, _) = read([
            #"{"_id": "x", "text": "t", "tags": ["", "keep", 3], "date": "2023-02-29"}"#
        ])
        #expect(records.first?.extracted.tags == ["keep", "3"])
        #expect(records.first?.extracted.date == nil)
    }

    @Test func emptyFileHasNothing() {
        let (records, skips) = JSONLReader.read(Data(), path: path)
        #expect(records.isEmpty && skips.isEmpty)
    }

    /// The `memchr` line split gives the lines of the generic split, also for a slice of a
    /// larger `Data` (whose indices do not start at 0).
    @Test func linesAreTheGenericSplit() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        let bytes: [UInt8] = [0x0A, 0x0A, 0x0D, 0x20, 0x7B, 0x61, 0xE3]
        for _ in 0..<2000 {
            let count = Int.random(in: 0...40, using: &generator)
            let whole = Data(
                (0..<count).map { _ in bytes[Int.random(in: 0..<bytes.count, using: &generator)] })
            let skip = Int.random(in: 0...min(3, count), using: &generator)
            let data = whole.dropFirst(skip)
            let expected = data.split(separator: 0x0A, omittingEmptySubsequences: false)
            #expect(JSONLReader.lines(data) == expected, "seed \(seed): \(Array(data))")
            #expect(
                JSONLReader.lines(data).map(\.startIndex) == expected.map(\.startIndex),
                "seed \(seed)")
        }
    }
}
