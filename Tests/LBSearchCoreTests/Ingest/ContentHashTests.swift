import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

@Suite struct ContentHashTests {
    /// FNV-1a 64 reference vectors (IETF draft-eastlake-fnv); "é" and "baa" hash to a value
    /// below 2^60, so they check the zero padding to 16 digits.
    static let vectors: [(input: String, hash: String)] = [
        ("", "cbf29ce484222325"),
        ("a", "af63dc4c8601ec8c"),
        ("foobar", "85944171f73967e8"),
        ("é", "0ac21707b7181e01"),
        ("baa", "0039231913392937"),
    ]

    @Test(arguments: vectors)
    func knownVectors(input: String, hash: String) {
        #expect(ContentHash.of(Array(input.utf8)) == hash)
    }

    @Test(arguments: vectors)
    func dataOverloadAgreesWithBytes(input: String, hash: String) {
        #expect(ContentHash.of(Data(input.utf8)) == hash)
    }

    @Test func nonContiguousCollectionTakesTheSlowPathToTheSameHash() {
        let bytes = "raboof".utf8.reversed()  // "foobar", with no contiguous storage
        #expect(ContentHash.of(bytes) == "85944171f73967e8")
    }

    @Test func alwaysSixteenLowercaseHexDigits() {
        for input in ["", "x", "hello world", "baa", "é"] {
            let hash = ContentHash.of(Data(input.utf8))
            #expect(hash.count == 16)
            #expect(hash.allSatisfy { "0123456789abcdef".contains($0) })
        }
    }

    @Test func oneByteChangesTheHash() {
        #expect(ContentHash.of(Data("note v1".utf8)) != ContentHash.of(Data("note v2".utf8)))
    }

    /// Ranges hashed four at a time give each range's own hash: none, fewer than four, empty
    /// ranges, overlapping ranges, and lengths from 0 to 300 in any order.
    @Test func rangesHashedTogetherGiveEachRangesHash() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        let bytes = (0..<2_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for count in [0, 1, 3, 4, 5, 9, 64] {
            let ranges = (0..<count).map { _ -> Range<Int> in
                let start = Int.random(in: 0...1_700, using: &generator)
                return start..<(start + Int.random(in: 0...300, using: &generator))
            }
            let together = bytes.withUnsafeBytes { ContentHash.of(ranges, in: $0) }
            #expect(together == ranges.map { ContentHash.of(bytes[$0]) }, "seed \(seed), \(count)")
        }
    }
}
