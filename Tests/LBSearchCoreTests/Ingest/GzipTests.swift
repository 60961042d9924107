import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

struct GzipTests {
    /// Two gzip members (Python's `gzip.compress` of one JSONL line each, concatenated).
    static let twoMembers = Data(
        base64Encoded:
            "H4sIAOBuCWsC/6tWis9MUbJSUEpU0lFQKsksyUkF8TxSE0vAAqkVJSB+BpCvUFKUmFecllqkVMsFALu+KRQ3AAAAH4sIAOBuCWsC/6tWis9MUbJSUEpS0lFQKsksyUkF8cIz89KLwSKpFSUggeLy1IIShXKwcC0XAOxSW282AAAA"
    )

    @Test func decompressesConcatenatedMembers() throws {
        let data = try #require(Self.twoMembers)
        let text = String(decoding: try #require(Gzip.decompress(data)), as: UTF8.self)
        #expect(text.split(separator: "\n").count == 2)
        #expect(text.hasPrefix("{\"_id\": \"a\""))
    }

    @Test func rejectsGarbageAndTruncation() throws {
        let data = try #require(Self.twoMembers)
        #expect(Gzip.decompress(Data("not gzip at all".utf8)) == nil)
        #expect(Gzip.decompress(data.prefix(30)) == nil)
    }

    @Test func indexesSplitAndCompressedCorpora() throws {
        let folder = try TemporaryFolder()
        try folder.write("corpus-00.jsonl.gz", try #require(Self.twoMembers))
        try folder.write(
            "corpus-01.jsonl", "{\"_id\": \"c\", \"title\": \"Heat\", \"text\": \"radiant heat\"}\n"
        )
        try folder.write("broken.jsonl.gz", "not gzip")
        let store = try IndexStore.inMemory()
        var skipped: [String] = []
        let report = try Indexer(store: store).run(roots: [folder.path]) { skipped.append($0.path) }
        #expect(report.added == 3)
        #expect(skipped.count == 1 && skipped[0].hasSuffix("broken.jsonl.gz"))
        let hits = try Searcher(store: store).search("heat", options: SearchOptions(match: .any))
            .hits
        #expect(Set(hits.map(\.id)) == ["a", "c"])
    }

    @Test func queriesFileAndTRECRun() throws {
        let text =
            "{\"_id\": \"1\", \"text\": \"heat (transfer)?\"}\n\n{\"_id\": 2, \"text\": \"wings\"}\nnot json\n"
        let (queries, skips) = QueryFileReader.read(Data(text.utf8), path: "q.jsonl")
        #expect(
            queries == [.init(id: "1", text: "heat (transfer)?"), .init(id: "2", text: "wings")])
        #expect(skips.map(\.line) == [4])
        let hit = Hit(
            rank: 1, score: 12.3456789, id: "doc 7", title: Fragment(text: "t"), date: nil,
            source: nil, path: "p", url: nil,
            snippet: Snippet(fragments: []))
        #expect(
            TRECWriter.lines(queryID: "1", hits: [hit], tag: "run")
                == "1 Q0 doc_7 1 12.345679 run\n")
    }
}

/// A `.jsonl.gz` cut short keeps the records before the cut and names the line it lost.
struct DamagedGzipTests {
    static func gzip(_ text: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    @Test func aTruncatedFileKeepsItsFirstRecordsAndReportsTheLine() throws {
        // Incompressible text, so that a cut in the compressed bytes is a cut in the lines.
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        let lines = (1...400).map { n in
            let noise = (0..<60).map { _ in
                String(UInt64.random(in: 0..<36, using: &generator), radix: 36)
            }.joined()
            return "{\"_id\": \"r\(n)\", \"text\": \"record \(n) \(noise)\"}"
        }
        let compressed = try Self.gzip(lines.joined(separator: "\n") + "\n")
        try #require(!compressed.isEmpty, "no gzip command")
        let folder = try TemporaryFolder()
        try folder.write("corpus.jsonl.gz", compressed.prefix(compressed.count / 2))
        let store = try IndexStore.inMemory()
        var skips: [Skip] = []
        let report = try Indexer(store: store).run(roots: [folder.path]) { skips.append($0) }
        let context: Comment = "seed \(seed)"
        #expect(report.added > 100 && report.added < 400, context)
        #expect(skips.count == 1, context)
        #expect(skips.first?.line == report.added + 1, context)
        #expect(skips.first?.reason == .damagedCompression, context)
        #expect(
            skips.first?.description.hasSuffix(
                "corpus.jsonl.gz:\(report.added + 1): the compressed data is damaged or cut short here; the lines before it were read"
            ) == true, context)
    }

    /// A damaged file (here a byte flipped inside the compressed data, which turns the
    /// following lines to garbage) lists its first ten bad lines and one line for the rest;
    /// the summary still counts every skipped line.
    @Test func thousandsOfBadLinesAreListedTenAndOneMore() throws {
        let good = (1...5).map { "{\"_id\": \"r\($0)\", \"text\": \"record\"}" }
        let bad = (1...1200).map { "garbage line \($0)" }
        let folder = try TemporaryFolder()
        try folder.write("corpus.jsonl", (good + bad).joined(separator: "\n") + "\n")
        let store = try IndexStore.inMemory()
        var skips: [Skip] = []
        let report = try Indexer(store: store).run(roots: [folder.path]) { skips.append($0) }
        #expect(report.added == 5)
        #expect(report.skipped == 1200)
        #expect(skips.count == 11)
        #expect(skips.last?.line == 1205)
        #expect(
            skips.last?.description.hasSuffix(
                "corpus.jsonl:1205: and 1190 more bad lines up to this one, not listed") == true)
    }

    @Test func inflateReturnsWhatCameBeforeTheDamage() throws {
        let data = try #require(GzipTests.twoMembers)
        let (output, intact) = Gzip.inflate(data.prefix(data.count - 10))
        #expect(!intact)
        #expect(String(decoding: output, as: UTF8.self).hasPrefix("{\"_id\": \"a\""))
        #expect(Gzip.inflate(data) == (Gzip.decompress(data) ?? Data(), true))
    }
}
