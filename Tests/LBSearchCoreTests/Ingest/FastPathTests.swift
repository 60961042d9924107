import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The byte-level fast paths of preparing a document give what the Character and scalar code
/// they replaced gave, over random ASCII and Unicode text (the old code is kept here as the
/// reference).
@Suite struct FastPathTests {
    /// Scalars that exercise every branch: ASCII, Latin, marks, spaces, punctuation, Hangul
    /// jamo, singletons, CJK, full-width forms, markers, a prepended mark and emoji.
    static let alphabet: [Unicode.Scalar] = [
        "a", "Z", "7", "-", ".", " ", " ", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}",
        "\u{7F}", "\u{0}", "\u{85}", "\u{A0}", "é", "ß", "\u{300}", "\u{301}", "\u{308}",
        "\u{345}", "\u{600}", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{1680}", "\u{1E9E}",
        "\u{2000}", "\u{2001}", "\u{2002}", "\u{200A}", "\u{200B}", "\u{200D}", "\u{2019}",
        "\u{201C}", "\u{2026}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{2060}",
        "\u{20D0}", "\u{212B}", "\u{3000}", "\u{3001}", "\u{3099}", "日", "本", "ｶ", "ﾞ", "Ａ",
        "\u{E000}", "\u{E001}", "\u{F900}", "\u{FE0F}", "\u{1D15E}", "😀", "\u{1F3FD}",
    ]

    /// Random strings: half mostly ASCII (long runs, as articles are), half from the alphabet.
    static func samples(_ count: Int) -> [String] {
        var generator = SplitMix(seed: SplitMix.testSeed)
        return (0..<count).map { index in
            var text = ""
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                if index % 2 == 0, Bool.random(using: &generator) {
                    let word = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                        Character(Unicode.Scalar(UInt8.random(in: 0x61...0x7A, using: &generator)))
                    }
                    text += String(word) + " "
                } else {
                    let scalar = alphabet.randomElement(using: &generator) ?? "a"
                    text.unicodeScalars.append(scalar)
                }
            }
            return text
        }
    }

    @Test func nfcScanMatchesTheScalarTest() {
        var wrong: [String] = []
        for text in Self.samples(20_000) {
            let found = NFC.scan(text)
            let mayChange = text.unicodeScalars.contains(where: Reference.mayChange)
            let hasMarker = text.unicodeScalars.contains(where: HighlightMarker.isMarker)
            if found.mayChange != mayChange || found.hasMarker != hasMarker { wrong.append(text) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(3).map { Array($0.unicodeScalars) })")
    }

    /// Every scalar: the quick range for General Punctuation answers as the category did.
    @Test func everyScalarIsDecidedAsBefore() {
        var wrong: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if NFC.mayChange(scalar) != Reference.mayChange(scalar) { wrong.append(value) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5).map { String($0, radix: 16) })")
    }

    @Test func normalizeMatchesTheScalarCode() {
        for text in Self.samples(5_000) {
            let expected = Reference.normalize(text)
            #expect(TextDecoder.normalize(text, ascii: false) == expected)
            guard !text.unicodeScalars.contains("\u{0}") else { continue }
            #expect(
                TextDecoder.decode(Data(text.utf8))
                    == (text.isEmpty ? .failure(.empty) : Reference.decode(Data(text.utf8))))
        }
    }

    @Test func cleanMatchesSplitAndJoin() {
        var wrong: [String] = []
        for text in Self.samples(20_000) + ["", " ", "a", "a b", " a", "a ", "a  b", "\r\n"] {
            let expected = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if TitleFinder.clean(text) != (expected.isEmpty ? nil : expected) { wrong.append(text) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(3).map { Array($0.unicodeScalars) })")
    }

    @Test func foldingMatchesTheCopyingCode() {
        for text in Self.samples(5_000) {
            let bytes = Array(text.utf8)
            let unchanged = !bytes.contains(where: { $0 >= 0xE3 })
            #expect(!unchanged || CJKText.folded(text) == text)
        }
        #expect(CJKText.folded("ＡＩ and ｶﾞ") == "AI and ガ")
    }

    /// Every start and length within random bytes, ASCII or not at each position.
    @Test func asciiScanFindsTheFirstHighByte() {
        var generator = SplitMix(seed: SplitMix.testSeed)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                UInt8.random(in: 0...0x7F, using: &generator)
                    | (Int.random(in: 0..<12, using: &generator) == 0 ? 0x80 : 0)
            }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    let expected = bytes[start...].firstIndex(where: { $0 >= 0x80 }) ?? bytes.count
                    #expect(UTF8Scan.firstNonASCII(buffer, from: start) == expected)
                }
                #expect(
                    UTF8Scan.contains(buffer, atLeast: 0xE3)
                        == bytes.contains(where: { $0 >= 0xE3 }))
            }
        }
    }

    /// Foundation reads every ASCII line as UTF-8, so a line of ASCII needs no validation.
    @Test func asciiIsValidUTF8ToFoundation() {
        let every = Data((0...0x7F).map { UInt8($0) })
        #expect(String(data: every, encoding: .utf8) != nil)
        #expect(UTF8Scan.isASCII(every) && !UTF8Scan.isASCII(Data([0x61, 0xC3, 0xA9])))
    }

    /// Records and skips in the same order, with the same fields, on one thread or many, as
    /// the one-line-at-a-time reader gave them.
    @Test(arguments: [false, true])
    func parallelJSONLMatchesTheSequentialReader(withKnown: Bool) {
        var generator = SplitMix(seed: SplitMix.testSeed)
        let lines = (0..<600).map { _ in Self.jsonLine(&generator) }
        let data = Data(Array(lines.joined(separator: [0x0A])))
        var known: [String: String] = [:]
        if withKnown {
            for line in JSONLReader.lines(data).prefix(200) {
                known[ContentHash.of(line)] = "id\(Int.random(in: 0..<30, using: &generator))"
            }
        }
        let expected = Reference.read(data, path: "/x.jsonl", known: known)
        for threads in [1, 3, 8] {
            let got = JSONLReader.read(data, path: "/x.jsonl", known: known, threads: threads)
            #expect(got.skips == expected.skips)
            #expect(got.records.map(Reference.fields) == expected.records.map(Reference.fields))
        }
    }

    /// One random JSONL line: good, duplicate, blank, malformed, invalid UTF-8, escapes and
    /// lone surrogates.
    static func jsonLine(_ generator: inout SplitMix) -> [UInt8] {
        let id = "id\(Int.random(in: 0..<40, using: &generator))"
        let scalar = alphabet.randomElement(using: &generator) ?? "a"
        let text = json(scalar, escaped: Bool.random(using: &generator))
        let line: String
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: line = "  \t"
        case 1: line = #"{"_id": "\#(id)", "text": "unterminated"#
        case 2: line = #"{"_id": "\#(id)", "title": " A  \u00e9\u0301 ", "text": "x\ud800y"}"#
        case 3: return Array(#"{"_id": "\#(id)", "text": "caf"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        case 4: line = #"["not", "an", "object"]"#
        default:
            line =
                #"{"_id": "\#(id)", "title": "T \#(text)", "text": "Body \#(text) \ud83d\ude00 "}"#
        }
        return Array(line.utf8)
    }

    /// `scalar` inside a JSON string: as it is, or as `\u` escapes (a surrogate pair above
    /// the Basic Multilingual Plane).
    static func json(_ scalar: Unicode.Scalar, escaped: Bool) -> String {
        guard escaped || scalar.value < 0x20 else { return String(scalar) }
        let units = Array(String(scalar).utf16)
        return units.map { "\\u" + String(format: "%04x", $0) }.joined()
    }
}

/// The code the fast paths replaced.
private enum Reference {
    static func mayChange(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x300 { return false }
        switch value {
        case 0x3000...0x3029, 0x3041...0x3098, 0x309B...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xAC00...0xD7A3, 0xFF01...0xFF5E:
            return false
        case 0x0340...0x0344, 0x0374, 0x037E, 0x0387, 0x0958...0x095F, 0x09DC...0x09DF, 0x0A33,
            0x0A36, 0x0A59...0x0A5E, 0x0B5C...0x0B5D, 0x0F43...0x0FB9, 0x1100...0x11FF,
            0x1F00...0x1FFF, 0x2000...0x2001, 0x2126, 0x212A...0x212B, 0x2329...0x232A, 0x2ADC,
            0xA960...0xA97F, 0xD7B0...0xD7FF, 0xF900...0xFAFF, 0xFB1D...0xFB4E,
            0x1D15E...0x1D1C0, 0x2F800...0x2FA1D:
            return true
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func normalize(_ text: String) -> String {
        var result =
            text.unicodeScalars.contains(where: mayChange)
            ? text.precomposedStringWithCanonicalMapping : text
        if result.unicodeScalars.contains(where: { HighlightMarker.isMarker($0) }) {
            result.unicodeScalars.removeAll(where: { HighlightMarker.isMarker($0) })
        }
        return result
    }

    static func decode(_ data: Data) -> Result<String, SkipReason> {
        let bytes = [UInt8](data)
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        guard let text = String(validating: body, as: UTF8.self) else {
            return .failure(.invalidEncoding)
        }
        return .success(body.contains { $0 >= 0x80 } ? normalize(text) : text)
    }

    typealias Fields = [String]

    static func fields(_ record: JSONLReader.Record) -> Fields {
        let extracted = record.extracted
        return [
            record.id, "\(record.line)", record.hash, "\(record.size)", "\(record.isKnown)",
            extracted.title ?? "-", extracted.body, extracted.date ?? "-",
            extracted.source ?? "-", extracted.url ?? "-", extracted.tags.joined(separator: "|"),
        ]
    }

    /// `JSONLReader.read` as it was: one line at a time.
    static func read(_ data: Data, path: String, known: [String: String]) -> (
        records: [JSONLReader.Record], skips: [Skip]
    ) {
        var records: [JSONLReader.Record] = []
        var skips: [Skip] = []
        var seen: Set<String> = []
        for (index, line) in JSONLReader.lines(data).enumerated() {
            let number = index + 1
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            let hash = ContentHash.of(line)
            if let id = known[hash], seen.insert(id).inserted {
                records.append(
                    JSONLReader.Record(
                        id: id, line: number, extracted: Extracted(body: ""), hash: hash,
                        size: Int64(line.count), isKnown: true))
                continue
            }
            switch JSONLReader.parse(Data(line)) {
            case .failure(let reason):
                skips.append(Skip(path: path, line: number, reason: reason))
            case .success(let (id, extracted)):
                guard seen.insert(id).inserted else {
                    skips.append(Skip(path: path, line: number, reason: .duplicateID(id)))
                    continue
                }
                records.append(
                    JSONLReader.Record(
                        id: id, line: number, extracted: extracted, hash: hash,
                        size: Int64(line.count)))
            }
        }
        return (records, skips)
    }
}
