import Foundation
import Testing

@testable import LBSearchCore

@Suite struct FeedReaderTests {
    func read(_ xml: String) -> FeedReader.Contents {
        FeedReader.read(Data(xml.utf8), path: "/feeds/news.xml")
    }

    static let rss2 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"
             xmlns:media="http://search.yahoo.com/mrss/">
        <channel>
          <title>The Ink &amp; Wire</title>
          <link>https://ink.example/news/</link>
          <atom:link href="https://ink.example/feed.xml" rel="self"/>
          <image><title>Logo title is not the source</title></image>
          <item>
            <title>Studio tests AI backgrounds</title>
            <link>2024/ai-backgrounds.html</link>
            <guid isPermaLink="false">ink-1001</guid>
            <pubDate>Sat, 09 Mar 2024 10:00:00 +0000</pubDate>
            <category>anime</category><category>AI</category><category>anime</category>
            <description>Short &lt;b&gt;teaser&lt;/b&gt;</description>
            <content:encoded><![CDATA[<p>The studio <em>painted</em> forty frames.</p><p>Critics were &quot;wary&quot;.</p>]]></content:encoded>
            <media:description>Not the body</media:description>
          </item>
          <item>
            <title>Escaped only</title>
            <dc:date>2024-03-10T08:00:00Z</dc:date>
            <description>&lt;p&gt;First &amp;amp; second&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
          </item>
        </channel>
        </rss>
        """

    @Test func rss2ItemsWithNamespacedAndCDATAContent() {
        let contents = read(Self.rss2)
        #expect(contents.skips.isEmpty)
        #expect(contents.complete)
        #expect(contents.items.count == 2)
        let first = contents.items[0].extracted
        #expect(contents.items[0].id == "ink-1001")
        #expect(first.title == "Studio tests AI backgrounds")
        #expect(first.body == "The studio painted forty frames.\nCritics were \"wary\".")
        #expect(first.date == "2024-03-09")
        #expect(first.source == "The Ink & Wire")
        #expect(first.url == "https://ink.example/news/2024/ai-backgrounds.html")
        #expect(first.tags == ["anime", "AI"])
        let second = contents.items[1]
        #expect(second.extracted.body == "First & second")
        #expect(second.extracted.date == "2024-03-10")
        // No guid and no link: the key is a hash of the title and text.
        #expect(second.id.hasPrefix("hash:"))
    }

    @Test func rss1RDFItemsAreKeyedByTheirURI() {
        let contents = read(
            """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                     xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://cel.example/rss">
                <title>Cel Quarterly</title><link>https://cel.example/</link>
              </channel>
              <item rdf:about="https://cel.example/genga">
                <title>Genga on show</title><link>https://cel.example/genga</link>
                <description>Key frames from 1988.</description>
                <dc:date>2023-11-02</dc:date><dc:subject>exhibitions</dc:subject>
              </item>
            </rdf:RDF>
            """)
        #expect(contents.skips.isEmpty)
        #expect(contents.items.map(\.id) == ["https://cel.example/genga"])
        let item = contents.items[0].extracted
        #expect(
            [item.title, item.body, item.date, item.source, item.url] == [
                "Genga on show", "Key frames from 1988.", "2023-11-02", "Cel Quarterly",
                "https://cel.example/genga",
            ])
        #expect(item.tags == ["exhibitions"])
    }

    static let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://pixel.example/blog/">
          <title type="html">Pixel &amp;lt;Notes&amp;gt;</title>
          <link href="https://pixel.example/blog/" rel="alternate"/>
          <id>urn:uuid:feed</id>
          <entry>
            <title>Lighthouse review</title>
            <link rel="enclosure" href="audio.mp3"/>
            <link href="posts/lighthouse"/>
            <id>tag:pixel.example,2024:1</id>
            <updated>2024-05-02T09:00:00Z</updated>
            <published>2024-04-30T09:00:00Z</published>
            <category term="games" label="Games"/>
            <summary>Short summary</summary>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Pixel &lt;art&gt; <b>glows</b>.</p><p>Second</p></div></content>
          </entry>
          <entry xml:base="https://other.example/x/">
            <title type="text">1 &lt; 2 &amp; plain</title>
            <link rel="related" href="../related"/>
            <id>tag:pixel.example,2024:2</id>
            <updated>2024-05-03T09:00:00Z</updated>
            <content type="text">Plain &lt;b&gt;not bold&lt;/b&gt;
              second   line</content>
          </entry>
          <entry>
            <title>Out of line</title><id>tag:3</id>
            <content src="https://pixel.example/3.html" type="text/html"/>
            <summary type="html">&lt;i&gt;Only&lt;/i&gt; summary</summary>
          </entry>
        </feed>
        """

    @Test func atomEntriesWithTextConstructsAndRelativeLinks() {
        let contents = read(Self.atom)
        #expect(contents.skips.isEmpty)
        #expect(contents.items.count == 3)
        let (first, second, third) = (
            contents.items[0].extracted, contents.items[1].extracted, contents.items[2].extracted
        )
        #expect(first.source == "Pixel <Notes>")
        #expect(first.url == "https://pixel.example/blog/posts/lighthouse")
        #expect(first.date == "2024-04-30")
        #expect(first.tags == ["games"])
        #expect(first.body == "Pixel <art> glows.\nSecond")
        #expect(second.title == "1 < 2 & plain")
        #expect(second.body == "Plain <b>not bold</b>\nsecond line")
        #expect(second.date == "2024-05-03")
        // No alternate link: the first link, resolved against the entry's own xml:base.
        #expect(second.url == "https://other.example/related")
        #expect(third.body == "Only summary")
        #expect(
            contents.items.map(\.id) == [
                "tag:pixel.example,2024:1", "tag:pixel.example,2024:2", "tag:3",
            ])
    }

    @Test func missingDatesAndLinksLeaveTheFieldsEmpty() {
        let contents = read(
            """
            <rss version="2.0"><channel><title>S</title>
            <item><title>No date</title><pubDate>sometime soon</pubDate>
            <link>https://s.example/a</link></item></channel></rss>
            """)
        #expect(contents.items.map(\.extracted.date) == [nil])
        // No guid: the link is the key.
        #expect(contents.items.map(\.id) == ["https://s.example/a"])
    }

    @Test func duplicateGuidsKeepTheNewerThenTheLongerItem() {
        let contents = read(
            """
            <rss version="2.0"><channel><title>S</title>
            <item><guid>g1</guid><title>Old</title><pubDate>2024-01-01</pubDate></item>
            <item><guid>g2</guid><title>Short</title><description>a</description></item>
            <item><guid>g1</guid><title>Updated</title><pubDate>2024-01-02</pubDate></item>
            <item><guid>g2</guid><title>Long</title><description>a longer text</description></item>
            <item><guid>g1</guid><title>Older</title><pubDate>2023-12-01</pubDate></item>
            </channel></rss>
            """)
        #expect(contents.items.map(\.extracted.title) == ["Updated", "Long"])
        #expect(
            contents.skips.map(\.reason) == [
                .duplicateItem("g1"), .duplicateItem("g2"), .duplicateItem("g1"),
            ])
        #expect(contents.skips.map(\.line) == [2, 3, 6])
    }

    @Test func malformedXMLKeepsTheItemsBeforeTheDamage() {
        let contents = read(
            """
            <rss version="2.0"><channel><title>S</title>
            <item><guid>1</guid><title>One</title></item>
            <item><guid>2</guid><title>Two</title></item>
            <item><guid>3</guid><title>Three <<< broken</title></item>
            <item><guid>4</guid><title>Four</title></item>
            </channel></rss>
            """)
        #expect(contents.items.map(\.id) == ["1", "2"])
        #expect(!contents.complete)
        #expect(contents.skips.count == 1)
        #expect(contents.skips.first?.line == 4)
        #expect(contents.skips.first?.reason.endsReading == true)
        #expect(contents.skips.first?.description.contains("a `<` that starts no tag") == true)
    }

    @Test func aMismatchedClosingTagIsReportedAndTheParseGoesOn() {
        // libxml2 recovers from a closing tag that does not match: every item is read.
        let contents = read(
            """
            <rss version="2.0"><channel><title>S</title>
            <item><guid>1</guid><title>One</titel></item>
            <item><guid>2</guid><title>Two</title></item>
            </channel></rss>
            """)
        #expect(contents.items.map(\.id) == ["1", "2"])
        #expect(contents.skips.map(\.line) == [2])
        #expect(contents.skips.first?.description.contains("closing tag") == true)
    }

    @Test func anUndeclaredEntityIsReportedAndTheParseGoesOn() {
        // libxml2 reports `&nbsp;` (not declared in XML) and carries on without it.
        let contents = read(
            """
            <rss version="2.0"><channel><title>S</title>
            <item><guid>1</guid><title>One</title></item>
            <item><guid>2</guid><title>Two &nbsp; words</title></item>
            <item><guid>3</guid><title>Three</title></item>
            </channel></rss>
            """)
        #expect(contents.items.map(\.extracted.title) == ["One", "Two words", "Three"])
        #expect(!contents.complete)
        #expect(contents.skips.map(\.line) == [3])
        #expect(contents.skips.first?.description.contains("&nbsp;") == true)
    }

    @Test(arguments: [
        "<html><body>not a feed</body></html>",
        "<?xml version=\"1.0\"?><urlset><url><loc>x</loc></url></urlset>",
        "<feed xmlns=\"urn:other\"><entry><title>x</title></entry></feed>",
    ])
    func otherXMLIsNotAFeed(xml: String) {
        let contents = read(xml)
        #expect(contents.items.isEmpty)
        #expect(contents.skips.map(\.reason) == [.notAFeed])
    }

    @Test(arguments: ["", "plain text, not XML", "\u{0}\u{1}binary", "<rss"])
    func textThatIsNotXMLIsReportedNotFatal(text: String) {
        let contents = read(text)
        #expect(contents.items.isEmpty)
        #expect(contents.skips.count == 1)
        #expect(!contents.complete)
    }

    @Test func entityBombIsStoppedAndExternalEntitiesAreNotRead() {
        var declarations = "<!ENTITY a0 \"lol lol lol lol lol lol lol lol lol lol\">\n"
        for level in 1...12 {
            let refs = String(repeating: "&a\(level - 1);", count: 10)
            declarations += "<!ENTITY a\(level) \"\(refs)\">\n"
        }
        declarations += "<!ENTITY secret SYSTEM \"file:///etc/passwd\">\n"
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
            \(declarations)]>
            <rss version="2.0"><channel><title>Bomb</title>
            <item><guid>1</guid><title>Safe item</title><description>kept</description></item>
            <item><guid>2</guid><title>Secret</title><description>x &secret; y</description></item>
            <item><guid>3</guid><title>Small</title><description>&a2;</description></item>
            <item><guid>4</guid><title>Bomb</title><description>&a12;</description></item>
            <item><guid>5</guid><title>After</title></item>
            </channel></rss>
            """
        let started = Date()
        let contents = read(xml)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(contents.items.first?.extracted.body == "kept")
        let text = contents.items.map(\.extracted.body).joined()
        #expect(!text.contains("root:"))
        #expect(text.utf8.count < FeedParser.maxItemBytes)
        #expect(contents.items.count < 5 || text.utf8.count < 10_000)
    }

    @Test func hugeItemsAreSkippedAndReported() {
        let huge = String(repeating: "word ", count: FeedParser.maxItemBytes / 5 + 10)
        let contents = read(
            """
            <rss version="2.0"><channel><title>S</title>
            <item><guid>1</guid><title>Huge</title><description>\(huge)</description></item>
            <item><guid>2</guid><title>Normal</title><description>fine</description></item>
            </channel></rss>
            """)
        #expect(contents.items.map(\.id) == ["2"])
        #expect(contents.skips.map(\.reason) == [.tooLarge(limit: Int64(FeedParser.maxItemBytes))])
        #expect(contents.skips.first?.line == 2)
    }

    @Test func anItemChangesItsHashWhenAnyFieldDoes() {
        let before = read(Self.rss2).items
        let after = read(Self.rss2.replacingOccurrences(of: "<category>AI</category>", with: ""))
            .items
        #expect(before.map(\.id) == after.map(\.id))
        #expect(before[0].hash != after[0].hash)
        #expect(before[1].hash == after[1].hash)
    }

    @Test func aFeedWithNoItemsIsReported() {
        let contents = read("<rss version=\"2.0\"><channel><title>Empty</title></channel></rss>")
        #expect(contents.items.isEmpty)
        #expect(contents.skips.map(\.reason) == [.noItems])
        #expect(contents.complete)
    }

    @Test(arguments: [
        ("a.rss", DocumentFormat.feed), ("a.ATOM", .feed), ("a.xml", .feed), ("a.feed", .feed),
    ])
    func feedEndings(name: String, format: DocumentFormat) {
        #expect(DocumentFormat(fileName: name) == format)
    }

    @Test func documentsOfAFeedFileAreItsItems() {
        let entry = FileEntry(path: "/feeds/ink.rss", size: 10, mtime: 5, format: .feed)
        let (documents, skips) = DocumentReader.documents(
            in: Data(Self.rss2.utf8), entry: entry, hash: "feedfacefeedface")
        #expect(skips.isEmpty)
        #expect(documents.map(\.record).first == "ink-1001")
        #expect(documents.map(\.path) == ["/feeds/ink.rss", "/feeds/ink.rss"])
        #expect(documents.map(\.title) == ["Studio tests AI backgrounds", "Escaped only"])
        #expect(documents.allSatisfy { $0.contentHash != "feedfacefeedface" && $0.mtime == 5 })
    }
}
