import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// `JSONLReader.parse` with the scanner against Foundation alone, over thousands of generated
/// records and of mutations of them (bytes dropped, inserted, replaced, spans repeated, lines
/// cut): the same record or the same skip for every line, and, where the scanner takes a line,
/// the object Foundation reads.
@Suite struct JSONRecordScannerPropertyTests {
    static let keys = [
        "_id", "title", "text", "date", "source", "url", "tags", "other", #"\u005fid"#, "t\\\"x",
    ]
    static let pieces = [
        "a", "Word", " ", "é", "中文", "😀", "e\u{301}", "\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b",
        "\\f", "\\r", "\\u00e9", "\\u4E2D", "\\uD83D\\uDE00", "\\uD83D", "\\uDE00", "\\u0000",
        "\\x", "\\u12", "\t", "\u{1}", "\u{7F}", "\u{2028}", "\u{FFFD}", "2024-03-09", "  ",
    ]
    static let numbers = [
        "0", "12", "-7", "-0", "007", "1.5", "1e3", "-2E-2", "123456789012345678",
        "9223372036854775807", "99999999999999999999", "1.", "-",
    ]
    static let structure: [UInt8] = Array(#"{}[]":, \"#.utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xFF]

    @Test func agreesWithFoundationOnGeneratedLines() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        var taken = 0
        let count = 4000
        for _ in 0..<count {
            let line = Data(Self.record(&generator).utf8)
            if check(line, seed: seed) { taken += 1 }
            let mutated = Self.mutated(line, &generator)
            _ = check(mutated, seed: seed)
            _ = check(Self.mutated(mutated, &generator), seed: seed)
        }
        // The generator must reach the scanner: most generated records are of the common shape.
        #expect(taken > count / 4, "seed \(seed): \(taken) of \(count) taken")
    }

    /// Compares the two paths on `line`; true when the scanner took it.
    func check(_ line: Data, seed: UInt64) -> Bool {
        let fast = JSONRecordScannerTests.rendered(JSONLReader.parse(line, fast: true))
        let slow = JSONRecordScannerTests.rendered(JSONLReader.parse(line, fast: false))
        let text = String(decoding: line, as: UTF8.self)
        #expect(fast == slow, "seed \(seed): \(text.debugDescription)")
        guard JSONLReader.isUTF8(line), !JSONLReader.holdsNUL(line),
            let scanned = JSONRecordScanner.object(line)
        else { return false }
        let foundation = JSONSurrogates.json(line) as? [String: Any]
        #expect(
            foundation.map(JSONRecordScannerTests.rendered)
                == JSONRecordScannerTests.rendered(scanned),
            "seed \(seed): \(text.debugDescription)")
        return true
    }

    static func record(_ generator: inout SplitMix) -> String {
        var members: [String] = []
        if Int.random(in: 0..<10, using: &generator) > 0 {
            members.append(#""_id":"d\#(members.count)""#)
        }
        for _ in 0..<Int.random(in: 0...6, using: &generator) {
            let key = keys[Int.random(in: 0..<keys.count, using: &generator)]
            members.append(
                "\"\(key)\"" + space(&generator) + ":" + space(&generator)
                    + value(&generator, depth: 0))
        }
        members.shuffle(using: &generator)
        let inside = members.map { space(&generator) + $0 + space(&generator) }
        return space(&generator) + "{" + inside.joined(separator: ",") + "}" + space(&generator)
    }

    static func value(_ generator: inout SplitMix, depth: Int) -> String {
        switch Int.random(in: 0..<20, using: &generator) {
        case 0..<11: return string(&generator)
        case 11..<14: return numbers[Int.random(in: 0..<numbers.count, using: &generator)]
        case 14: return ["null", "true", "false"][Int.random(in: 0..<3, using: &generator)]
        case 15..<19 where depth < 2:
            let elements = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                space(&generator) + value(&generator, depth: depth + 1) + space(&generator)
            }
            return "[" + elements.joined(separator: ",") + "]"
        case 19 where depth < 2:
            return "{\"k\":" + value(&generator, depth: depth + 1) + "}"
        default: return string(&generator)
        }
    }

    static func string(_ generator: inout SplitMix) -> String {
        let count = Int.random(in: 0...12, using: &generator)
        let text = (0..<count).map { _ in
            // Mostly plain text; escapes and odd pieces one time in four.
            Int.random(in: 0..<4, using: &generator) > 0
                ? pieces[Int.random(in: 0..<5, using: &generator)]
                : pieces[Int.random(in: 0..<pieces.count, using: &generator)]
        }.joined()
        return "\"" + text + "\""
    }

    static func space(_ generator: inout SplitMix) -> String {
        ["", "", "", " ", "\t", "\r", "  "][Int.random(in: 0..<7, using: &generator)]
    }

    /// `line` with one random change.
    static func mutated(_ line: Data, _ generator: inout SplitMix) -> Data {
        var bytes = [UInt8](line)
        guard !bytes.isEmpty else { return line }
        let at = Int.random(in: 0..<bytes.count, using: &generator)
        let byte =
            Bool.random(using: &generator)
            ? structure[Int.random(in: 0..<structure.count, using: &generator)]
            : UInt8.random(in: 0...255, using: &generator)
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: bytes.remove(at: at)
        case 1: bytes.insert(byte, at: at)
        case 2: bytes[at] = byte
        case 3:
            let end = min(bytes.count, at + Int.random(in: 1...8, using: &generator))
            bytes.insert(contentsOf: bytes[at..<end], at: end)
        default: bytes.removeSubrange(at...)
        }
        return Data(bytes)
    }
}
