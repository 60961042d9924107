import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Japanese, Chinese and Korean matches, written inline: `⟦…⟧` marks what must be highlighted.
struct CJKHighlightTests {
    func snippet(_ body: String, _ query: String) throws -> String? {
        let (store, _) = try indexedStore(["doc.txt": "Title line\n\n" + body])
        let hit = try Searcher(store: store).search(query).hits.first
        return hit?.snippet.rendered(HighlightTests.markers)
    }

    @Test(arguments: [
        ("新作アニメの放送が始まる。", "アニメ", "新作⟦アニメ⟧の放送が始まる。"),
        ("漫画家の話をする漫画家", "漫画家", "⟦漫画家⟧の話をする⟦漫画家⟧"),
        ("東京都に住む", "東京都", "⟦東京都⟧に住む"),
        ("黒猫が好き。猫は可愛い。子猫", "猫", "黒⟦猫⟧が好き。⟦猫⟧は可愛い。子⟦猫⟧"),
        ("東京都", "都", "東京⟦都⟧"),
        ("ｱﾆﾒの話とアニメの話", "アニメ", "⟦ｱﾆﾒ⟧の話と⟦アニメ⟧の話"),
        ("アニメの話", "ｱﾆﾒ", "⟦アニメ⟧の話"),
        ("ＡＩの話とAIの話", "AI", "⟦ＡＩ⟧の話と⟦AI⟧の話"),
        ("話題のAIアートについて", "AIアート", "話題の⟦AIアート⟧について"),
        ("話題のＡＩアートについて", "アート", "話題のＡＩ⟦アート⟧について"),
        ("話題のAIアートについて", "ai", "話題の⟦AI⟧アートについて"),
        ("한국어 검색 엔진", "검색", "한국어 ⟦검색⟧ 엔진"),
        ("한국어 검색 엔진", "색", "한국어 검⟦색⟧ 엔진"),
        ("ｶﾞﾝﾀﾞﾑの新作", "ガンダム", "⟦ｶﾞﾝﾀﾞﾑ⟧の新作"),
        ("我们喜欢看动画片。", "动画", "我们喜欢看⟦动画⟧片。"),
    ])
    func matchedSpanIsExactlyHighlighted(body: String, query: String, expected: String) throws {
        #expect(try snippet(body, query) == expected)
    }

    /// A word is the phrase of its bigrams: `漫画家` is not found in `漫画` and `画家` apart.
    @Test func aWordIsAPhraseOfItsBigrams() throws {
        let (store, _) = try indexedStore([
            "a.txt": "一\n\n有名な漫画家に会った。", "b.txt": "二\n\n漫画と画家の話。",
        ])
        let hits = try Searcher(store: store).search("漫画家").hits
        #expect(hits.map(\.path).map { $0.hasSuffix("a.txt") } == [true])
    }

    @Test(arguments: [
        ("アニメ -漫画", ["a.txt"]),
        ("アニメ OR 映画", ["a.txt", "b.txt", "c.txt"]),
        ("title:映画", ["c.txt"]),
        ("\"アニメの放送\"", ["a.txt"]),
        ("漫画 アニメ", ["b.txt"]),
        ("声優", []),
        // The syntax as a Japanese input method types it, in full-width forms.
        ("アニメ －漫画", ["a.txt"]),
        ("アニメ　ＯＲ　映画", ["a.txt", "b.txt", "c.txt"]),
        ("title：映画", ["c.txt"]),
        ("ｔｉｔｌｅ：映画", ["c.txt"]),
        ("＂アニメの放送＂", ["a.txt"]),
        ("（アニメ OR 映画） 話", ["b.txt", "c.txt"]),
        ("アニ＊", ["a.txt", "b.txt"]),
    ])
    func queryLanguageWorksWithCJK(query: String, expected: [String]) throws {
        let (store, _) = try indexedStore([
            "a.txt": "ニュース\n\n新作アニメの放送。", "b.txt": "雑誌\n\nアニメと漫画の話。", "c.txt": "映画\n\n映画の話。",
        ])
        let hits = try Searcher(store: store).search(query).hits
        #expect(hits.map { ($0.path as NSString).lastPathComponent }.sorted() == expected)
    }

    /// No word of all three: the fallback finds documents with any of them.
    @Test func zeroHitFallbackWorksWithCJK() throws {
        let (store, _) = try indexedStore(["a.txt": "一\n\n新作アニメの放送。", "b.txt": "二\n\n漫画の話。"])
        let result = try Searcher(store: store).search("アニメ 漫画")
        #expect(result.relaxed)
        #expect(result.hits.count == 2)
    }

    /// Suggestions never propose a bigram: no person types `漫画` meaning `漫画家`.
    @Test func noBigramSuggestions() throws {
        let (store, _) = try indexedStore([
            "a.txt": "一\n\n漫画の話と漫画家の話。", "b.txt": "二\n\nanimation studio news",
        ])
        var options = SearchOptions()
        options.suggest = true
        #expect(try Searcher(store: store).search("漫画本", options: options).suggestion == nil)
        #expect(
            try Searcher(store: store).search("stuido", options: options).suggestion == "studio")
    }
}

/// A CJK word is one query term, and expansion never adds bigram fragments.
struct CJKRankingTests {
    static let files = [
        "a.txt": "一\n\n漫画家の新作アニメが放送された。漫画家は喜んだ。animation studio",
        "b.txt": "二\n\n新作アニメの放送。アニメ業界の話。animation news",
        "c.txt": "三\n\n漫画の話。画家の話。",
    ]

    /// The explanation holds one term for `漫画家`, scored with that word's own document frequency.
    @Test func aCJKWordIsOneTermInTheExplanation() throws {
        let (store, _) = try indexedStore(Self.files)
        var options = SearchOptions()
        options.explain = true
        let hits = try Searcher(store: store).search("漫画家", options: options).hits
        #expect(hits.count == 1)
        let rendered = try #require(hits.first?.explanation).rendered()
        #expect(rendered.contains("\"漫画家\""))
        #expect(!rendered.contains("\"漫画\"") && !rendered.contains("\"画家\""))
    }

    /// Forty documents: three about アニメ with rarer words (CJK and English) that RM3 would
    /// pick, the rest about other things.
    static var expansionFiles: [String: String] {
        var files: [String: String] = [:]
        for n in 0..<3 {
            files["anime\(n).txt"] =
                "アニメ\(n)\n\n新作アニメの声優陣が発表された。gundam sequel announced, gundam fans cheer."
        }
        for n in 0..<37 {
            files["other\(n).txt"] = "話題\(n)\n\n今日の天気は晴れです。weather report number \(n) for the city."
        }
        return files
    }

    @Test func expansionAddsNoCJKFragments() throws {
        let (store, _) = try indexedStore(Self.expansionFiles)
        var options = SearchOptions()
        options.explain = true
        options.expand = true
        let hit = try #require(
            try Searcher(store: store).search("アニメ", options: options).hits.first)
        let rendered = try #require(hit.explanation).rendered()
        let added = rendered.split(separator: "\n").filter { $0.contains("\"+") }
        #expect(added.contains { $0.contains("\"+gundam\"") }, "\(rendered)")
        #expect(!added.contains { CJKText.containsCJK(String($0)) }, "\(rendered)")
    }

    /// Japanese articles whose only non-CJK tokens are a number or two (`25歳`): the numbers
    /// hold a tiny share of each article and must not become expansion terms.
    @Test func expansionDoesNotPromoteNumbersOfCJKText() throws {
        var files: [String: String] = [:]
        let sentence = "寝坊をして上司からの電話で起こされた経験があるのは会社員のケイコさんで、朝の通勤電車に乗り遅れたそうだ。"
        for n in 0..<3 {
            files["late\(n).txt"] = "朝の話\n\n" + sentence + sentence + "（\(25 + n)歳、2012年）"
        }
        for n in 0..<37 { files["other\(n).txt"] = "話題\n\n今日の天気は晴れです。明日は雨が降るでしょう。" }
        let (store, _) = try indexedStore(files)
        var options = SearchOptions()
        options.explain = true
        options.expand = true
        let hit = try #require(try Searcher(store: store).search("寝坊", options: options).hits.first)
        let rendered = try #require(hit.explanation).rendered()
        let added = rendered.split(separator: "\n").filter { $0.contains("\"+") }
        #expect(added.isEmpty, "\(rendered)")
    }
}
