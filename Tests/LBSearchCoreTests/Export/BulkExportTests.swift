import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// `_bulk` bodies and the OpenSearch mapping, against golden files and the Bulk API's line
/// format (an action line; a source line after `index`; a line feed after every line).
struct BulkExportTests {
    let folder: TemporaryFolder
    let store: IndexStore

    init() throws {
        folder = try TemporaryFolder()
        try folder.write(
            "a.md", "---\ntitle: Ａrt café\ndate: 2024-05-01\ntags: [ai, art]\n---\n\nA studio.")
        try folder.write("b.txt", "Beta\n\nline one\nline \u{7} two")
        try folder.write("c.txt", "Gamma\n\nthird")
        try folder.write(
            "r.jsonl",
            #"{"_id": "r1", "title": "アニメ", "text": "作画", "url": "https://example.org/r1"}"#
                + "\n")
        store = try IndexStore.inMemory()
        try index()
    }

    func index() throws {
        _ = try Indexer(store: store).run(roots: [folder.path])
    }

    /// The bulk body for the export since `run` (nil: everything), in index `news`.
    func bulk(since run: Int64?) throws -> String {
        var body = ""
        try store.export(since: run, displayBase: folder.path) { record in
            body += BulkExport.lines(record, indexName: "news")
        }
        return body
    }

    /// Checks the Bulk API's shape: action lines and their sources alternate, all JSON.
    static func checkShape(_ body: String) throws {
        #expect(body.hasSuffix("\n"))
        var lines = body.dropLast().split(separator: "\n", omittingEmptySubsequences: false)[...]
        while !lines.isEmpty {
            let line = lines.removeFirst()
            let action = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let (kind, target) = try #require(action.first)
            #expect(action.count == 1 && ["index", "delete"].contains(kind))
            let meta = try #require(target as? [String: String])
            #expect(meta["_index"] == "news" && meta["_id"] != nil)
            guard kind == "index" else { continue }
            #expect(!lines.isEmpty)
            guard !lines.isEmpty else { return }
            let source = lines.removeFirst()
            let fields = try JSONSerialization.jsonObject(with: Data(source.utf8)) as? [String: Any]
            #expect(fields?["id"] == nil && fields?["body"] is String)
        }
    }

    @Test func fullExportMatchesItsGoldenFile() throws {
        let body = try bulk(since: nil)
        try Self.checkShape(body)
        #expect(goldenMismatch(body, named: "bulk-full.ndjson") == nil)
    }

    @Test func changesMatchTheirGoldenFile() throws {
        try folder.write("b.txt", "Beta\n\nedited")
        try FileManager.default.moveItem(
            atPath: folder.file("c.txt"), toPath: folder.file("c2.txt"))
        try FileManager.default.removeItem(atPath: folder.file("r.jsonl"))
        try folder.write("d.txt", "Delta\n\nnew")
        try index()
        let body = try bulk(since: 1)
        try Self.checkShape(body)
        #expect(goldenMismatch(body, named: "bulk-changes.ndjson") == nil)
    }

    @Test func mappingMatchesItsGoldenFileAndIsJSON() throws {
        let json = OpenSearchMapping.json
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        #expect(goldenMismatch(json, named: "opensearch-mapping.json") == nil)
    }

    /// Parts never exceed the limit, never split a document, and a document over the limit
    /// has a part of its own.
    @Test func partsSplitBetweenDocuments() throws {
        let parts = TemporaryFolderParts(try TemporaryFolder())
        var oversized: [String] = []
        let writer = BulkParts(maxBytes: 400, output: parts.output, index: nil) {
            oversized.append($0)
        }
        let big = String(repeating: "x", count: 500)
        let records = ["one", "two", "three", big].map { body in
            ExportRecord.document(
                ExportedDocument(
                    id: "\(body.prefix(5)).txt", title: "T", body: body, date: nil, source: nil,
                    url: nil, tags: [], path: "p", hash: "h"))
        }
        for record in records + [.deleted(id: "gone.txt")] {
            try writer.add(BulkExport.lines(record, indexName: "news"), id: record.id)
        }
        try writer.finish(standardOutput: ExportStream.standardOutput())
        let written = try parts.read()
        #expect(written.count == 4)
        #expect(oversized == ["xxxxx.txt"])
        #expect(written.allSatisfy { $0.utf8.count <= 400 || $0.contains(big) })
        #expect(written[0].contains("\"one.txt\"") && written[0].contains("\"two.txt\""))
        #expect(written[1].contains("three") && !written[1].contains(big))
        #expect(written[2].contains(big) && !written[2].contains("gone.txt"))
        #expect(written[3] == #"{"delete":{"_index":"news","_id":"gone.txt"}}"# + "\n")
        #expect(written.joined().split(separator: "\n").count == 9)
    }

    @Test func partNames() {
        #expect(BulkParts.partPath("out/bulk.ndjson", 1) == "out/bulk-0001.ndjson")
        #expect(BulkParts.partPath("bulk", 12) == "bulk-0012")
    }
}

/// The numbered parts of `folder/bulk.ndjson`.
struct TemporaryFolderParts {
    let folder: TemporaryFolder
    var output: String { folder.file("bulk.ndjson") }

    init(_ folder: TemporaryFolder) { self.folder = folder }

    /// The parts' texts, in order.
    func read() throws -> [String] {
        var texts: [String] = []
        while let text = try? String(
            contentsOfFile: BulkParts.partPath(output, texts.count + 1), encoding: .utf8)
        {
            texts.append(text)
        }
        return texts
    }
}
