import Testing

@testable import LBSearchCore

@Suite struct HTMLExtractorTests {
    static let article = """
        <!DOCTYPE html>
        <html><head>
        <title>Storm hits the coast | Coastal Wire</title>
        <meta property="og:site_name" content="Coastal Wire">
        <meta property="article:published_time" content="2024-03-09T08:30:00Z">
        <meta name="keywords" content="weather, coast , storms">
        <link rel="canonical" href="https://example.com/storm">
        <style>body { color: red; }</style>
        <script>var hidden = "<p>script text</p>";</script>
        </head>
        <body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <h1>Storm hits the coast</h1>
        <!-- editor: remember to update -->
        <p>Heavy rain &amp; wind arrived at dawn.</p>
        <p>Residents were told to stay indoors.</p>
        <footer>Copyright Coastal Wire</footer>
        </body></html>
        """

    @Test func articleFieldsAndVisibleText() {
        let result = HTMLExtractor.extract(Self.article)
        #expect(
            result
                == Extracted(
                    title: "Storm hits the coast",
                    body:
                        "Storm hits the coast\nHeavy rain & wind arrived at dawn.\nResidents were told to stay indoors.",
                    date: "2024-03-09", source: "Coastal Wire", url: "https://example.com/storm",
                    tags: ["weather", "coast", "storms"]))
    }

    @Test(arguments: [
        ("Headline | Coastal Wire", "Coastal Wire", "Headline"),
        ("Headline - coastal wire", "Coastal Wire", "Headline"),
        ("A | B — Coastal Wire", "Coastal Wire", "A | B"),
        ("Headline | Other Site", "Coastal Wire", "Headline | Other Site"),
        ("Coastal Wire", "Coastal Wire", "Coastal Wire"),
    ])
    func siteNameSuffixIsStrippedOnlyWhenItIsTheSite(title: String, site: String, expected: String)
    {
        let html =
            "<title>\(title)</title><meta property=\"og:site_name\" content=\"\(site)\"><p>x</p>"
        #expect(HTMLExtractor.extract(html).title == expected)
    }

    @Test func titleSuffixKeptWithoutSiteName() {
        #expect(
            HTMLExtractor.extract("<title>Headline | Site</title><p>x</p>").title
                == "Headline | Site")
    }

    @Test func titleFallsBackToOgTitleThenHeading() {
        #expect(
            HTMLExtractor.extract("<meta property=\"og:title\" content=\"OG  Title\"><h1>H</h1>")
                .title == "OG Title")
        #expect(
            HTMLExtractor.extract("<nav><h1>Menu</h1></nav><h1>The <em>Real</em> One</h1><p>x</p>")
                .title == "The Real One")
        #expect(HTMLExtractor.extract("<p>No title here</p>").title == nil)
    }

    @Test(
        arguments: [
            ("<meta name=\"date\" content=\"2024-03-09\">", "2024-03-09"),
            ("<meta name=\"DC.date.issued\" content=\"9 March 2024\">", "2024-03-09"),
            ("<meta itemprop=\"datePublished\" content=\"2024-03-09T10:00\">", "2024-03-09"),
            (
                "<meta property=\"article:published_time\" content=\"Sat, 09 Mar 2024 10:00:00 +0000\">",
                "2024-03-09"
            ),
            ("<time datetime=\"2024-03-09\">last Saturday</time>", "2024-03-09"),
            ("<meta name=\"date\" content=\"someday\">", nil),
        ] as [(String, String?)])
    func dates(markup: String, expected: String?) {
        #expect(HTMLExtractor.extract("<html>\(markup)<p>Body</p></html>").date == expected)
    }

    @Test func urlFallsBackToOgURL() {
        #expect(
            HTMLExtractor.extract("<meta property=\"og:url\" content=\"https://x.test/a\"><p>b</p>")
                .url == "https://x.test/a")
        let both =
            "<link rel=\"Canonical\" href=\"https://x.test/c\"><meta property=\"og:url\" content=\"https://x.test/o\">"
        #expect(HTMLExtractor.extract(both).url == "https://x.test/c")
    }

    @Test func keywordsAndArticleTagsBecomeTags() {
        let html =
            "<meta name=\"keywords\" content=\"a, b\"><meta property=\"article:tag\" content=\"c\"><p>x</p>"
        #expect(HTMLExtractor.extract(html).tags == ["a", "b", "c"])
    }

    @Test func descriptionIsTheBodyWhenThereIsNoText() {
        let result = HTMLExtractor.extract(
            "<head><meta name=\"description\" content=\"Summary text\"></head><body></body>")
        #expect(result.body == "Summary text")
    }

    @Test func chromeTextIsUsedOnlyWhenThereIsNothingElse() {
        #expect(HTMLExtractor.extract("<nav>Only navigation</nav>").body == "Only navigation")
        #expect(
            HTMLExtractor.extract("<aside>Side</aside><p>Main</p><form><button>Go</button></form>")
                .body == "Main")
    }

    @Test func entitiesAreDecodedInTextAndAttributes() {
        let html = """
            <title>Tom &amp; Jerry</title><meta name="keywords" content="r&amp;d, caf&eacute;">
            <p>It&#8217;s here &#x2014; and &mdash; there &foo; &amp;lt; 5</p>
            """
        let result = HTMLExtractor.extract(html)
        #expect(result.title == "Tom & Jerry")
        #expect(result.tags == ["r&d", "café"])
        #expect(result.body == "It’s here — and — there &foo; &lt; 5")
    }

    @Test(arguments: [
        ("<p>a < b and c > d</p>", "a < b and c > d"),
        ("<p>unclosed <b>bold<i>italic", "unclosed bolditalic"),
        ("<p>before</p><!-- never closed <p>after</p>", "before"),
        ("<div class=note id=x1>unquoted attributes</div>", "unquoted attributes"),
        ("<p title='single quoted'>text</p>", "text"),
        ("<p>one<br>two<br/>three</p>", "one\ntwo\nthree"),
        ("<p>trailing <", "trailing <"),
        ("<p>trailing </", "trailing </"),
        ("<p>open tag at end <b", "open tag at end"),
        ("<a href=\"unterminated>lost", ""),
        ("<?xml version=\"1.0\"?><p>xml</p>", "xml"),
        ("<![CDATA[x]]><p>after cdata</p>", "after cdata"),
        ("<SCRIPT>alert('x')</SCRIPT><P>Shown</P><STYLE>p{}</Style>", "Shown"),
        ("<script>never closed <p>text", ""),
        ("<p>fish &amp chips</p>", "fish &amp chips"),
        ("", ""),
    ])
    func malformedMarkupKeepsText(html: String, expected: String) {
        #expect(HTMLExtractor.extract(html).body == expected)
    }

    @Test func whiteSpaceIsCollapsedPerBlock() {
        #expect(
            HTMLExtractor.extract("<p>  many   spaces\there&nbsp; </p><div>next</div>").body
                == "many spaces here\nnext")
    }

    @Test
    func sourceNewlineInsideParagraphIsASpace() {
        #expect(
            HTMLExtractor.extract("<p>A paragraph wrapped\nin the source</p><div>next</div>").body
                == "A paragraph wrapped in the source\nnext")
        #expect(HTMLExtractor.extract("<p>Wrapped\nfirst paragraph</p>").title == nil)
    }

    @Test func utf8TextSurvivesByteScanning() {
        #expect(HTMLExtractor.extract("<p>naïve café — 東京 🌊</p>").body == "naïve café — 東京 🌊")
    }

    @Test
    func lessThanBeforeDigitIsText() {
        #expect(HTMLExtractor.extract("<p>if 1<2 then</p><p>next</p>").body == "if 1<2 then\nnext")
        #expect(HTMLExtractor.extract("<p>x <- 1</p><p>y</p>").body == "x <- 1\ny")
    }

    @Test
    func selfClosingSvgDoesNotHideFollowingText() {
        #expect(
            HTMLExtractor.extract("<p>Hello <svg class=\"icon\"/> world</p><p>More</p>").body
                == "Hello world\nMore")
    }
}

@Suite struct EntityDecoderTests {
    @Test(arguments: [
        ("&amp;", "&"), ("&lt;b&gt;", "<b>"), ("&quot;q&quot;", "\"q\""), ("&#8217;", "’"),
        ("&#x2014;", "—"), ("&#X2014;", "—"), ("&mdash;", "—"), ("&eacute;", "é"),
        ("&#128512;", "😀"),
        ("&foo;", "&foo;"), ("AT&T", "AT&T"), ("&amp", "&amp"), ("&#;", "&#;"),
        ("&#xZZ;", "&#xZZ;"),
        ("&#0;", "\u{FFFD}"), ("&#xD800;", "\u{FFFD}"), ("&#99999999999;", "&#99999999999;"),
        ("&amp;amp;", "&amp;"), ("no entities", "no entities"), ("&&amp;;", "&&;"),
    ])
    func decode(input: String, expected: String) {
        #expect(EntityDecoder.decode(input) == expected)
    }

    @Test func referenceLongerThan32CharactersIsNotDecoded() {
        let long = "&" + String(repeating: "a", count: 40) + ";"
        #expect(EntityDecoder.decode(long) == long)
    }
}
