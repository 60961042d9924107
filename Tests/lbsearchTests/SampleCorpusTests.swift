import Foundation
import LBSearchTestSupport
import Testing

/// A first search builds the sample index in an lbsearch checkout, also from a folder inside
/// it; the binary's own place (in the repository's `.build`) never makes a checkout.
struct SampleCorpusTests {
    @Test func aFirstSearchInsideACheckoutIndexesTheBundledCorpus() throws {
        let checkout = try CLITests.checkout()
        let inside = checkout.file("notes/drafts")
        try FileManager.default.createDirectory(
            atPath: inside, withIntermediateDirectories: true)
        let run = try CLI.run(["AI art", "--limit", "1"], cwd: inside)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("indexing the sample corpus \(checkout.file("corpus"))"))
        #expect(FileManager.default.fileExists(atPath: inside + "/.lbsearch/index.db"))
    }

    /// The test binary lives in this repository's `.build`, yet a search from a folder that
    /// is not a checkout finds no corpus.
    @Test func theBinarysPlaceIsNoCheckout() throws {
        let binary = CLI.binary.path
        #expect(binary.contains("/.build/"))
        let folder = try TemporaryFolder()
        let run = try CLI.run(["AI art"], cwd: folder.path)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("lbsearch: error: no index at "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}

/// What `corpus/README.md` says about the corpus and its own ranking holds.
@Suite(.serialized)
struct SampleCorpusClaimsTests {
    /// The README's claims, word for word: a change to one must change this test too.
    static let claims = [
        "Forty-eight short news-style articles",
        "dated 2019–2026, from six invented sources (Cel & Panel, The Ink Wire, Pixel\nLedger,"
            + " Frame Rate Weekly, Northern Tech Courier, Tokyo Screen Report /\n東京スクリーン通信)",
        "01–12 are about AI-generated art", "12 is in Japanese",
        "13–22 are about AI and never use the word \"art\"; 22 is in Japanese",
        "23–32 are about art and never use the word \"AI\"; 32 is in Japanese",
        "43 and 45 mention \"AI\" and \"art\" once each, far apart;\n  48 is in Japanese",
        "A search for `\"AI art\"` should therefore rank 01–11 first, and never an\narticle that"
            + " has only one of the two words above one that has both.",
        "`feeds/` holds three feeds, one per dialect lbsearch reads",
        "Their nine items (games, film, streaming, hardware) are indexed one document\neach, and"
            + " never use the words \"AI\" or \"art\".",
    ]
    static let sources: Set<String> = [
        "Cel & Panel", "The Ink Wire", "Pixel Ledger", "Frame Rate Weekly",
        "Northern Tech Courier", "Tokyo Screen Report", "東京スクリーン通信",
    ]

    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        index = folder.file("corpus.db")
        let run = try CLI.run(
            ["index", "corpus", "--index", index], cwd: GoldenOutputTests.repository)
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// The corpus numbers (`01`…`48`) of a search's hits, best first.
    func numbers(_ arguments: [String]) throws -> [Int] {
        let run = try CLI.run(
            arguments + ["--index", index, "--format", "tsv", "--limit", "100"],
            cwd: GoldenOutputTests.repository)
        return ExampleCommandTests.documents(in: run.stdout).compactMap { Int($0.prefix(2)) }
    }

    @Test func theReadmeMakesTheseClaims() throws {
        let readme = try String(
            contentsOfFile: GoldenOutputTests.repository + "/corpus/README.md", encoding: .utf8)
        for claim in Self.claims { #expect(readme.contains(claim), "\(claim)") }
    }

    /// The 48 articles and the 9 items of `corpus/feeds/`, all dated, from six sources.
    @Test func fortyEightDatedArticlesFromSixSources() throws {
        let run = try CLI.run(
            ["date:2019..2026", "--index", index, "--format", "json", "--limit", "100"],
            cwd: GoldenOutputTests.repository)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let hits = try #require(json?["hits"] as? [[String: Any]])
        #expect(hits.count == 48 + 9)
        #expect(Set(hits.compactMap { $0["source"] as? String }) == Self.sources)
        let years = Set(hits.compactMap { ($0["date"] as? String)?.prefix(4) })
        #expect(years.min() == "2019" && years.max() == "2026", "\(years)")
    }

    /// The paths of a search's hits (JSON), all of them.
    func paths(_ arguments: [String]) throws -> [String] {
        let run = try CLI.run(
            arguments + ["--index", index, "--format", "json", "--limit", "100"],
            cwd: GoldenOutputTests.repository)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let hits = (json?["hits"] as? [[String: Any]]) ?? []
        return hits.compactMap { $0["path"] as? String }
    }

    @Test func theFeedsHoldNineItemsWithoutTheWordsAIOrArt() throws {
        let items = try paths(["date:2019..2026"]).filter { $0.hasPrefix("corpus/feeds/") }
        #expect(items.count == 9)
        #expect(
            Set(items) == [
                "corpus/feeds/frame-rate-weekly.rss", "corpus/feeds/pixel-ledger.atom",
                "corpus/feeds/northern-tech-courier.xml",
            ])
        for word in ["AI", "art"] {
            #expect(try paths([word]).allSatisfy { !$0.hasPrefix("corpus/feeds/") }, "\(word)")
        }
    }

    @Test func eachGroupUsesOnlyItsWords() throws {
        let art = try numbers(["art"])
        let ai = try numbers(["AI"])
        #expect(!art.contains { (13...22).contains($0) }, "\(art)")
        #expect(!ai.contains { (23...32).contains($0) }, "\(ai)")
        #expect(try numbers(["\"AI art\""]).allSatisfy { $0 <= 12 })
        #expect(Set(try numbers(["AI art"])) == Set(Array(1...12) + [43, 45]))
    }

    /// The twelve AI-art articles (1–12; 12 in Japanese) come first, read either way.
    ///
    /// 43 and 45 name both words in passing in long articles: with k1 2 (less saturation) an
    /// article that says "art" ten times may rank above them when any word may match.
    @Test func aiArtRanksTheAIArtArticlesFirst() throws {
        let aiArt = Set(1...12)
        let ranked = try numbers(["AI art"])
        #expect(Set(ranked.prefix(12)) == aiArt, "\(ranked)")
        let any = try numbers(["AI art", "--match", "any"])
        let lastAIArt = any.lastIndex { aiArt.contains($0) } ?? 0
        let firstWithOne = any.firstIndex { !aiArt.contains($0) && ![43, 45].contains($0) }
        #expect(lastAIArt < firstWithOne ?? any.count, "\(any)")
    }

    /// 12, 22, 32 and 48 are mostly Japanese text; every other article mostly English.
    @Test func theJapaneseArticlesAreInJapanese() throws {
        let corpus = GoldenOutputTests.repository + "/corpus"
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus).filter {
            $0.first?.isNumber == true
        }
        #expect(files.count == 48)
        for file in files {
            let text = try String(contentsOfFile: corpus + "/" + file, encoding: .utf8)
            let japanese = text.unicodeScalars.filter { (0x3040...0x9FFF).contains($0.value) }
            let latin = text.unicodeScalars.filter { $0.properties.isAlphabetic && $0.isASCII }
            let isJapanese = japanese.count > latin.count
            #expect(isJapanese == ["12", "22", "32", "48"].contains(file.prefix(2)), "\(file)")
        }
    }
}
