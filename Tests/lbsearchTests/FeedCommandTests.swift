import Foundation
import LBSearchTestSupport
import Testing

/// Feeds end to end: `lbsearch index` reads each item as a document, a search finds and shows
/// it like any other, a rewritten feed keeps its old items, and `--prune-feeds` drops them.
@Suite(.serialized)
struct FeedCommandTests {
    let folder: TemporaryFolder
    let index: String

    static func rss(_ items: [(guid: String, title: String, text: String)]) -> String {
        let body = items.map {
            "<item><guid isPermaLink=\"false\">\($0.guid)</guid><title>\($0.title)</title>"
                + "<link>/\($0.guid)</link><pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate>"
                + "<category>tests</category>"
                + "<description>&lt;p&gt;\($0.text)&lt;/p&gt;</description></item>"
        }
        return """
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>Zebra Gazette</title>
            <link>https://zebra.example/news/</link>
            \(body.joined(separator: "\n"))
            </channel></rss>
            """
    }

    init() throws {
        folder = try TemporaryFolder()
        try folder.write(
            "docs/gazette.rss",
            Self.rss([
                ("z-1", "Zebras cross the river", "A herd of zebras crossed at dawn."),
                ("z-2", "Zebra stripes explained", "Stripes confuse biting flies."),
            ]))
        try folder.write("docs/config.xml", "<config><zebra>not a feed</zebra></config>")
        index = folder.file("idx.db")
    }

    func lbsearch(_ arguments: [String]) throws -> CLI.Run {
        try CLI.run(arguments + ["--index", index], cwd: folder.path)
    }

    @Test func itemsAreDocumentsFoundShownAndKeptWhenTheFeedMovesOn() throws {
        let first = try lbsearch(["index", "docs"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("indexed: 2 added"))
        #expect(first.stderr.contains("docs/config.xml: not an RSS or Atom feed"))

        let found = try lbsearch(["zebra", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any]
        let hits = try #require(json?["hits"] as? [[String: Any]])
        #expect(Set(hits.compactMap { $0["id"] as? String }) == ["z-1", "z-2"])
        let river = try #require(hits.first { $0["id"] as? String == "z-1" })
        #expect(river["source"] as? String == "Zebra Gazette")
        #expect(river["url"] as? String == "https://zebra.example/z-1")
        #expect(river["date"] as? String == "2024-05-06")

        let shown = try lbsearch(["show", "z-1", "--query", "herd"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Zebras cross the river"))
        #expect(shown.stdout.contains("A [herd] of zebras crossed at dawn."))
        #expect(try lbsearch(["show", "docs/gazette.rss#z-2"]).stdout.contains("biting flies"))

        try folder.write(
            "docs/gazette.rss",
            Self.rss([("z-3", "Zebra foals", "Foals stand within an hour.")]))
        let second = try lbsearch(["index", "--json"])
        #expect(second.stdout.contains("\"added\":1"), "\(second.stdout)")
        #expect(second.stdout.contains("\"removed\":0"), "\(second.stdout)")
        #expect(try lbsearch(["stripes"]).stdout.contains("explained"))

        let pruned = try lbsearch(["index", "--prune-feeds", "--json"])
        #expect(pruned.stdout.contains("\"removed\":2"), "\(pruned.stdout)")
        #expect(try lbsearch(["stripes"]).status == 1)
        #expect(try lbsearch(["doctor"]).status == 0)
    }

    @Test func helpNamesThePruneOption() throws {
        let help = try CLI.run(["index", "--help"], cwd: folder.path)
        #expect(help.stdout.contains("--prune-feeds"))
        #expect(help.stdout.contains("RSS or Atom feeds"))
    }
}
