import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

struct NFCTests {
    @Test(arguments: ["plain ASCII", "café", "日本語のテキスト", "Ελληνικά", "😀👍🏽", "한국어"])
    func textAlreadyInNFCNeedsNoWork(text: String) {
        #expect(!NFC.mayChange(text))
    }

    @Test(arguments: [
        "cafe\u{301}", "\u{212B}ngstrom", "\u{1100}\u{1161}", "\u{F900}", "a\u{0308}",
    ])
    func textThatNFCChangesIsCaught(text: String) {
        #expect(NFC.mayChange(text))
        #expect(
            TextDecoder.normalize(text, ascii: false) == text.precomposedStringWithCanonicalMapping)
    }

    /// The CJK scalars decided without the general category are no marks, and NFC keeps each.
    @Test func cjkScalarsDecidedEarlyAreNoMarks() {
        let ranges: [ClosedRange<UInt32>] = [
            0x3000...0x3029, 0x3041...0x3098, 0x309B...0x30FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF5E,
        ]
        var wrong: [UInt32] = []
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let mark = [.nonspacingMark, .spacingMark, .enclosingMark].contains(
                scalar.properties.generalCategory)
            let text = String(scalar)
            if NFC.mayChange(scalar) || mark || text.precomposedStringWithCanonicalMapping != text {
                wrong.append(value)
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5).map { String($0, radix: 16) })")
    }

    /// The quick test never lets through text that NFC would change.
    @Test func neverMissesAChange() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xC0...0x24F, 0x300...0x36F, 0x370...0x3FF, 0x900...0xDFF,
            0x1100...0x11FF, 0x1E00...0x1FFF, 0x2100...0x214F, 0x3000...0x30FF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0x1D100...0x1D1FF, 0x4E00...0x4EFF, 0xFF00...0xFFEF,
        ]
        var misses: [String] = []
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let range = ranges.randomElement(using: &generator) ?? 0x20...0x7E
                if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &generator)) {
                    text.unicodeScalars.append(scalar)
                }
            }
            if !NFC.mayChange(text),
                text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(
                    text.unicodeScalars) == false
            {
                misses.append(text)
            }
        }
        #expect(
            misses.isEmpty,
            "seed \(seed): \(misses.prefix(3).map { $0.unicodeScalars.map { String($0.value, radix: 16) } })"
        )
    }

    /// `normalized` gives Foundation's NFC of the whole text, scalar for scalar.
    @Test(arguments: [
        "", "ascii only", "cafe\u{301}", "\u{301} mark first", "e\u{301}", "x\u{301}\u{316}y",
        "a\u{316}\u{301}\u{302} reordered", "\u{212B}ngstrom", "\u{1100}\u{1161}\u{11A8} jamo",
        "\u{AC00}\u{11A8} syllable and T", "\u{F900}", "caf\u{E9} and cafe\u{301} and na\u{308}ive",
        "long text " + String(repeating: "plain words ", count: 50) + "o\u{308} " + "end",
        "Ελληνικά ἀ\u{300}γ", "\u{915}\u{93C} devanagari", "\u{B47}\u{B3E} oriya",
        "\u{E000}marker\u{E001} and e\u{301}", "\u{1D15E}\u{1D165}", "🇫🇷 e\u{301}\r\n",
    ])
    func normalizedIsNFCOfTheWholeText(text: String) {
        #expect(
            scalars(NFC.normalized(text)) == scalars(text.precomposedStringWithCanonicalMapping))
    }

    @Test func normalizedAgreesWithFoundationOnRandomText() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x20...0x7E, 0x20...0x7E, 0xC0...0x24F, 0x300...0x36F, 0x370...0x3FF,
            0x900...0xDFF, 0x1100...0x11FF, 0x1E00...0x1FFF, 0x2100...0x214F, 0x3000...0x30FF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0x1D100...0x1D1FF, 0x4E00...0x4EFF,
        ]
        var wrong: [String] = []
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...24, using: &generator) {
                let range = ranges.randomElement(using: &generator) ?? 0x20...0x7E
                if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &generator)) {
                    text.unicodeScalars.append(scalar)
                }
            }
            if scalars(NFC.normalized(text)) != scalars(text.precomposedStringWithCanonicalMapping)
            {
                wrong.append(scalars(text))
            }
        }
        #expect(wrong.isEmpty, "seed \(seed): \(wrong.prefix(3))")
    }

    func scalars(_ text: String) -> String {
        text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: ".")
    }
}
