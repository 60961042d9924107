import CLBSearchTokenizer
import Foundation
import Testing

@testable import LBSearchCore

/// `lbsearch_compress` writes every body as a zstd frame with one dictionary digested once per
/// level and shared by all threads: the bytes must be those of a dictionary of its own, from any
/// number of threads at once, and `lbsearch_inflate` must read them and the raw deflate bodies of
/// older indexes alike.
struct SharedZstdTests {
    /// The first four bytes of every zstd frame (RFC 8878, section 3.1.1).
    static let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    /// `text` compressed by `compress` at `level`, or nil when it failed.
    static func compressed(
        _ text: Data, level: Int32,
        _ compress: (UnsafeRawPointer?, Int, Int32, UnsafeMutablePointer<Int>?) ->
            UnsafeMutablePointer<UInt8>?
    ) -> Data? {
        SharedDeflateTests.compressed(text, level: level, compress)
    }

    /// The bytes `lbsearch_inflate` reads from `data`, or nil when it refuses them.
    static func inflated(_ data: Data) -> Data? {
        data.withUnsafeBytes { bytes in
            var length = 0
            guard let text = lbsearch_inflate(bytes.baseAddress, bytes.count, &length) else {
                return nil
            }
            return Data(bytesNoCopy: text, count: length, deallocator: .free)
        }
    }

    @Test(arguments: Array(Int32(1)...9))
    func theSharedDictionaryWritesTheSameBytes(level: Int32) throws {
        for text in try SharedDeflateTests.texts() {
            let shared = Self.compressed(text, level: level, lbsearch_compress)
            #expect(shared != nil)
            #expect(shared == Self.compressed(text, level: level, lbsearch_compress_unshared))
            #expect(shared.flatMap(Self.inflated) == text)
        }
    }

    @Test func threadsCompressTheSameAsOne() throws {
        let texts = try SharedDeflateTests.texts()
        let expected = texts.map { Self.compressed($0, level: 5, lbsearch_compress_unshared) }
        let mismatches = Mismatches()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for (index, text) in texts.enumerated() {
                let level: Int32 = thread % 2 == 0 ? 5 : Int32(1 + thread % 4)
                let data = Self.compressed(text, level: level, lbsearch_compress)
                if data.flatMap(Self.inflated) != text { mismatches.add() }
                if level == 5, data != expected[index] { mismatches.add() }
            }
        }
        #expect(mismatches.count == 0)
    }

    @Test func aLevelOutOfRangeIsRefused() {
        for level: Int32 in [0, -1, 23] {
            #expect(Self.compressed(Data("text".utf8), level: level, lbsearch_compress) == nil)
            #expect(
                Self.compressed(Data("text".utf8), level: level, lbsearch_compress_unshared) == nil)
        }
    }

    @Test func storedBodiesAreZstdFramesAndDeflateStillReads() throws {
        for text in ["", "a", "新作アニメの放送", String(repeating: "winter garden ", count: 5000)] {
            let stored = StoredText.compressed(text)
            #expect(Array(stored.prefix(4)) == Self.magic)
            #expect(StoredText.decompressed(stored) == text)
            let deflated = try #require(
                Self.compressed(Data(text.utf8), level: 5, lbsearch_deflate))
            #expect(Array(deflated.prefix(4)) != Self.magic)
            #expect(Self.inflated(deflated) == Data(text.utf8))
        }
    }

    @Test func aDamagedFrameIsRefused() {
        let frame = StoredText.compressed(String(repeating: "the harbor lights ", count: 200))
        #expect(StoredText.decompressed(frame.prefix(frame.count - 3)) == nil)
        #expect(StoredText.decompressed(frame.prefix(6)) == nil)
        #expect(StoredText.decompressed(Data(Self.magic)) == nil)
        var flipped = frame
        flipped[frame.count / 2] ^= 0xFF
        let read = StoredText.decompressed(flipped)
        #expect(read == nil || read != String(repeating: "the harbor lights ", count: 200))
        #expect(StoredText.decompressed(Data(Self.magic + [0x00, 0x00, 0x12, 0x34])) == nil)
    }
}
