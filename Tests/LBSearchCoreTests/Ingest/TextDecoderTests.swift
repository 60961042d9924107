import Foundation
import Testing

@testable import LBSearchCore

@Suite struct TextDecoderTests {
    func decode(_ bytes: [UInt8]) -> Result<String, SkipReason> {
        TextDecoder.decode(Data(bytes))
    }

    @Test func emptyDataIsEmpty() {
        #expect(decode([]) == .failure(.empty))
    }

    @Test func asciiTextPassesThrough() {
        #expect(decode(Array("plain text\nline two".utf8)) == .success("plain text\nline two"))
    }

    @Test func nulByteMeansBinary() {
        #expect(decode([0x68, 0x69, 0x00, 0x21]) == .failure(.binary))
    }

    @Test func nulByteOnlyCountsInsideTheSniffWindow() {
        let late = [UInt8](repeating: 0x61, count: TextDecoder.binarySniffLength) + [0x00]
        #expect(decode(late) != .failure(.binary))
        let early = [UInt8](repeating: 0x61, count: TextDecoder.binarySniffLength - 1) + [0x00]
        #expect(decode(early) == .failure(.binary))
    }

    @Test(
        arguments: [
            [0x61, 0xC3, 0x28],  // a truncated two-byte sequence
            [0x61, 0xFF, 0x62],  // a byte that never occurs in UTF-8
            [0xC0, 0xAF],  // an overlong encoding of "/"
            [0xED, 0xA0, 0x80],  // an encoded UTF-16 surrogate
        ] as [[UInt8]])
    func invalidUTF8(_ bytes: [UInt8]) {
        #expect(decode(bytes) == .failure(.invalidEncoding))
    }

    @Test func utf8ByteOrderMarkIsStripped() {
        #expect(decode([0xEF, 0xBB, 0xBF] + Array("héllo".utf8)) == .success("héllo"))
        #expect(decode([0xEF, 0xBB, 0xBF] + Array("ascii".utf8)) == .success("ascii"))
    }

    @Test func utf16LittleEndianWithByteOrderMark() {
        let bytes: [UInt8] =
            [0xFF, 0xFE] + Array("héllo".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(decode(bytes) == .success("héllo"))
    }

    @Test func utf16BigEndianWithByteOrderMark() {
        let bytes: [UInt8] =
            [0xFE, 0xFF] + Array("héllo ☃".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(decode(bytes) == .success("héllo ☃"))
    }

    @Test func utf16LoneSurrogateIsInvalid() {
        #expect(decode([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]) == .failure(.invalidEncoding))
    }

    @Test func byteOrderMarkAloneDecodesToNothing() {
        #expect(decode([0xEF, 0xBB, 0xBF]) == .success(""))
        #expect(decode([0xFF, 0xFE]) == .success(""))
    }

    @Test func utf16WithoutByteOrderMarkIsDetected() {
        let bytes = Array("hi".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(decode(bytes) == .success("hi"))
    }

    @Test func decomposedInputComesOutComposed() throws {
        let result = try decode(Array("cafe\u{301}".utf8)).get()
        #expect(result.unicodeScalars.map(\.value) == [0x63, 0x61, 0x66, 0xE9])
    }

    @Test func decomposedUTF16InputComesOutComposed() throws {
        let bytes: [UInt8] =
            [0xFF, 0xFE] + Array("e\u{301}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let result = try decode(bytes).get()
        #expect(result.unicodeScalars.map(\.value) == [0xE9])
    }

    @Test func highlightMarkersAreRemoved() throws {
        let result = try decode(Array("a\u{E000}match\u{E001}b".utf8)).get()
        #expect(result == "amatchb")
        #expect(!result.unicodeScalars.contains { $0.value == 0xE000 || $0.value == 0xE001 })
    }

    @Test func otherPrivateUseCharactersAreKept() throws {
        let result = try decode(Array("x\u{E002}y".utf8)).get()
        #expect(result.unicodeScalars.map(\.value) == [0x78, 0xE002, 0x79])
    }

    @Test func normalizeTrustsTheAsciiFlag() {
        #expect(TextDecoder.normalize("e\u{301}", ascii: false).unicodeScalars.count == 1)
        #expect(TextDecoder.normalize("plain", ascii: true) == "plain")
    }
}

/// UTF-16 written without a byte order mark (as some Windows tools do) is text, not binary.
@Suite struct UTF16WithoutBOMTests {
    static let samples = [
        "Harbour strike enters its third week.\r\nDockers voted on Monday.",
        "Забастовка в порту продолжается третью неделю, 2024 год.",
        "Café déjà vu: naïve Ωmega text\twith a tab.",
    ]

    @Test(arguments: samples)
    func littleAndBigEndianAreDecoded(text: String) {
        let little = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(
            TextDecoder.decode(Data(little)) == .success(text.precomposedStringWithCanonicalMapping)
        )
        #expect(
            TextDecoder.decode(Data(big)) == .success(text.precomposedStringWithCanonicalMapping))
    }

    @Test(
        arguments: [
            [0x68, 0x69, 0x00, 0x21],  // one NUL is not "many"
            [0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00, 0x41, 0x00],  // control characters
            [0x41, 0x00, 0x00, 0xD8, 0x42, 0x00, 0x43, 0x00],  // an unpaired surrogate
            [0x00, 0x00, 0x41, 0x00, 0x00, 0x42, 0x43, 0x00, 0x00, 0x00],  // NULs on both sides
            [0x41, 0x00, 0x42, 0x00, 0x43],  // an odd length
        ] as [[UInt8]])
    func binaryStaysBinary(bytes: [UInt8]) {
        #expect(TextDecoder.decode(Data(bytes)) == .failure(.binary))
    }
}
