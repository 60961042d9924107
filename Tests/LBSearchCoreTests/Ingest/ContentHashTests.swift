import Foundation
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
}
