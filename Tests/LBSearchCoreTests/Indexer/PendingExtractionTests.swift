import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A file of one document is extracted on the preparing threads (`PreparedFile.compress`), and
/// gives the documents and skips that extracting it while reading gave.
struct PendingExtractionTests {
    @Test func extractingOnThreadsGivesWhatReadingGave() throws {
        let folder = try TemporaryFolder()
        for index in 0..<12 {
            _ = try folder.write("note\(index).txt", "Note \(index)\n\nSome words, café\u{301}.")
            _ = try folder.write(
                "page\(index).md",
                "---\ntitle: Page \(index)\ndate: 2024-03-0\(index % 9 + 1)\n---\n# Head\n\nText.")
            _ = try folder.write(
                "site\(index).html", "<title>Site \(index)</title><p>Body \(index)</p>")
        }
        _ = try folder.write("binary.txt", Data([0x61, 0, 0x62, 0, 0, 0, 0x01, 0xFF, 0xFE]))
        _ = try folder.write("bad.txt", Data([0x61, 0xC3, 0x28]))
        _ = try folder.write("blank.md", "---\ntitle:\n---\n   \n")
        _ = try folder.write("records.jsonl", #"{"_id": "r1", "text": "A record"}"#)
        _ = try folder.write(
            "news.rss",
            "<rss version=\"2.0\"><channel><title>News</title><item><title>One</title>"
                + "<link>https://x.test/1</link><description>Item text</description></item>"
                + "</channel></rss>")
        var walker = FileWalker()
        walker.walk([folder.path])
        let entries = walker.files.sorted { $0.path < $1.path }

        var plan = IndexPlan.make(found: entries, stored: [:], roots: [folder.path])
        var threaded = plan.toRead.map {
            PreparedFile(reading: $0, plan: &plan, storedRecords: { _ in [:] })
        }
        // Only files of one document wait; JSONL and feeds are read (a feed keeps its
        // missing items, as before).
        #expect(threaded.filter { $0.pending != nil }.count == 39)
        let feed = try #require(
            threaded.first { $0.documents.first?.path.hasSuffix(".rss") == true })
        #expect(feed.keepsMissing)
        let pretokenizers = (0..<3).compactMap { _ in Pretokenizer() }
        PreparedFile.compress(&threaded, with: pretokenizers)

        var expected: [[Document]] = []
        var expectedSkips: [[Skip]] = []
        for entry in IndexPlan.make(found: entries, stored: [:], roots: [folder.path]).toRead {
            let data = try Data(contentsOf: URL(fileURLWithPath: entry.path))
            var (documents, skips) = DocumentReader.documents(
                in: data, entry: entry, hash: ContentHash.of(data))
            for index in documents.indices {
                documents[index].fingerprint = Fingerprinter.fingerprint(
                    title: documents[index].title, body: documents[index].body)
                documents[index].body = ""
            }
            expected.append(documents)
            expectedSkips.append(skips)
        }
        #expect(threaded.allSatisfy { $0.pending == nil })
        #expect(threaded.map(\.documents) == expected)
        #expect(threaded.map(\.skips) == expectedSkips)
        #expect(threaded.map(\.skips).joined().count == 3)
    }
}
