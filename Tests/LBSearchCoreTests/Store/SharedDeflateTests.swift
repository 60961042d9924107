import CLBSearchTokenizer
import Foundation
import Testing

@testable import LBSearchCore

/// `lbsearch_deflate` starts every body from a shared copy of a stream with the dictionary set,
/// instead of setting the dictionary on a new stream each time: the stored bytes must be the
/// same as before, at every level and from any number of threads at once.
struct SharedDeflateTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../corpus").standardizedFileURL

    /// The bundled corpus's files as bytes, and a few texts of other shapes.
    static func texts() throws -> [Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        var texts = names.compactMap {
            try? Data(contentsOf: Self.corpus.appendingPathComponent($0))
        }
        #expect(texts.count > 10)
        texts += ["", "a", "the the the the", String(repeating: "アニメ and manga ", count: 900)]
            .map { Data($0.utf8) }
        var generator = SystemRandomNumberGenerator()
        texts.append(Data((0..<70_000).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        return texts
    }

    /// `text` compressed by `deflate` at `level`, or nil when it failed.
    static func compressed(
        _ text: Data, level: Int32,
        _ deflate: (UnsafeRawPointer?, Int, Int32, UnsafeMutablePointer<Int>?) ->
            UnsafeMutablePointer<UInt8>?
    ) -> Data? {
        text.withUnsafeBytes { bytes in
            var length = 0
            guard let data = deflate(bytes.baseAddress, bytes.count, level, &length) else {
                return nil
            }
            return Data(bytesNoCopy: data, count: length, deallocator: .free)
        }
    }

    @Test(arguments: Array(Int32(0)...9))
    func theSharedStreamWritesTheSameBytes(level: Int32) throws {
        for text in try Self.texts() {
            let shared = Self.compressed(text, level: level, lbsearch_deflate)
            #expect(shared != nil)
            #expect(shared == Self.compressed(text, level: level, lbsearch_deflate_unshared))
        }
    }

    @Test func threadsCompressTheSameAsOne() throws {
        let texts = try Self.texts()
        let expected = texts.map { Self.compressed($0, level: 5, lbsearch_deflate_unshared) }
        let mismatches = Mismatches()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for (index, text) in texts.enumerated() {
                let level: Int32 = thread % 2 == 0 ? 5 : Int32(3 + thread % 4)
                let data = Self.compressed(text, level: level, lbsearch_deflate)
                let back = data.flatMap(StoredText.decompressed)
                if back.map({ Data($0.utf8) }) != text, String(data: text, encoding: .utf8) != nil {
                    mismatches.add()
                }
                if level == 5, data != expected[index] { mismatches.add() }
            }
        }
        #expect(mismatches.count == 0)
    }

    @Test func aLevelOutOfRangeIsRefused() {
        #expect(Self.compressed(Data("text".utf8), level: 10, lbsearch_deflate) == nil)
        #expect(Self.compressed(Data("text".utf8), level: -2, lbsearch_deflate) == nil)
    }
}

/// A count shared by threads.
final class Mismatches: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    var count: Int { lock.withLock { value } }

    func add() { lock.withLock { value += 1 } }
}
