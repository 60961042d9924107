import GRDB
import Testing

@testable import LBSearchCore

struct QueryParserTests {
    func tree(_ text: String) throws -> String {
        let query = try QueryParser.parse(text)
        return query.root.flatMap(MatchExpression.of) ?? "-"
    }

    @Test(arguments: [
        ("AI art", #"("AI" AND "art")"#),
        ("  AI   art  ", #"("AI" AND "art")"#),
        ("AI-art", #""AI-art""#),
        ("e-mail", #""e-mail""#),
        ("C++", #""C++""#),
        (#""exact phrase""#, #""exact phrase""#),
        (#""unbalanced phrase"#, #""unbalanced phrase""#),
        ("anime -manga", #""anime" NOT ("manga")"#),
        (#"anime -"key frames""#, #""anime" NOT ("key frames")"#),
        ("anime OR manga", #"("anime" OR "manga")"#),
        ("art OR -manga", #""art" NOT ("manga")"#),
        ("anime OR manga OR -art", #"("anime" OR "manga") NOT ("art")"#),
        ("-art OR anime", #""anime" NOT ("art")"#),
        ("(art OR -manga) OR anime", #"("art" NOT ("manga") OR "anime")"#),
        ("cel (art OR -manga)", #"("cel" AND "art") NOT ("manga")"#),
        ("(anime OR manga) art", #"(("anime" OR "manga") AND "art")"#),
        ("(anime OR manga", #"("anime" OR "manga")"#),
        ("anime) art", #"("anime" AND "art")"#),
        ("anim*", #""anim" *"#),
        ("title:art", #"title : "art""#),
        (#"title:"cel art""#, #"title : "cel art""#),
        ("or art", #"("or" AND "art")"#),
        ("OR art", #""art""#),
        ("art OR", #""art""#),
        ("art AND anime", #"("art" AND "anime")"#),
        ("AND", #""AND""#),
        ("NEAR art", #"("NEAR" AND "art")"#),
        ("a:b", #""a:b""#),
        ("- art", #""art""#),
        ("* art", #""art""#),
        ("title: art", #""art""#),
        ("--art anime", #"("--art" AND "anime")"#),
        ("\"\u{301}x\" y", #"("\#u{301}x" AND "y")"#),
        ("say \"he said \"\"hi\"\"\"", #"("say" AND "he said " AND "hi")"#),
    ])
    func readsOperators(input: String, expected: String) throws {
        #expect(try tree(input) == expected)
    }

    /// Repeated texts are asked for once (their cost grew faster than their number), folded
    /// as the index folds them; a phrase of repeated words stays a phrase.
    @Test(arguments: [
        ("the the the", #""the""#),
        ("The THE the art", #"("The" AND "art")"#),
        ("café cafe CAFÉ", #""café""#),
        (#"art "art" art*"#, #"("art" AND "art" *)"#),
        ("anime OR anime OR manga", #"("anime" OR "manga")"#),
        (#""the the" "the the" the"#, #"("the the" AND "the")"#),
        ("art -manga -Manga", #""art" NOT ("manga")"#),
        ("(a OR b) (a OR b) c", #"(("a" OR "b") AND "c")"#),
    ])
    func repeatedTextsAreAskedForOnce(input: String, expected: String) throws {
        #expect(try tree(input) == expected)
    }

    @Test func filtersAreCollected() throws {
        let query = try QueryParser.parse(
            #"art source:"Cel & Panel" -source:Wire tag:ai -tag:old date:2024-01..2025-06"#)
        #expect(query.filters.sources == ["Cel & Panel"])
        #expect(query.filters.excludedSources == ["Wire"])
        #expect(query.filters.tags == ["ai"])
        #expect(query.filters.excludedTags == ["old"])
        #expect(query.filters.dates == [DateRange(from: "2024-01-01", to: "2025-06-30")])
        #expect(query.words == ["art"])
    }

    @Test(arguments: [
        ("2025", DateRange(from: "2025-01-01", to: "2025-12-31")),
        ("2024-02", DateRange(from: "2024-02-01", to: "2024-02-29")),
        ("2025-03-09", DateRange(from: "2025-03-09", to: "2025-03-09")),
        ("2024..", DateRange(from: "2024-01-01", to: nil)),
        ("..2025-06", DateRange(from: nil, to: "2025-06-30")),
    ])
    func dateValues(text: String, expected: DateRange) {
        #expect(DateRange.parse(text) == expected)
    }

    @Test(arguments: ["garbage", "2025-13", "20250", "..", "2025-02-30", "２０２５"])
    func badDatesAreUserErrors(text: String) {
        #expect(DateRange.parse(text) == nil)
        #expect(throws: LBSearchError.invalidDate(text)) {
            try QueryParser.parse("art date:\(text)")
        }
    }

    /// A range that starts after it ends is an error naming it, whatever the ends' precision;
    /// ends that overlap in their days are a range, open ends never reversed.
    @Test(arguments: [
        ("2024..2023", "2024", "2023"), ("2024-03..2024-02", "2024-03", "2024-02"),
        ("2024-03-02..2024-03-01", "2024-03-02", "2024-03-01"),
        ("2024-04..2024-03-31", "2024-04", "2024-03-31"),
        ("2025-01-01..2024", "2025-01-01", "2024"),
    ])
    func reversedRangesAreUserErrors(text: String, from: String, to: String) {
        #expect(throws: LBSearchError.reversedDates(from: from, to: to, in: .filter)) {
            try QueryParser.parse("art date:\(text)")
        }
    }

    @Test(arguments: [
        "2024..2024", "2024-03..2024", "2024..2024-03", "2024-03-31..2024-03", "2024..", "..2023",
    ])
    func rangesWithADayInThemAreRanges(text: String) throws {
        let query = try QueryParser.parse("art date:\(text)")
        #expect(query.filters.dates.count == 1)
    }

    /// Full-width syntax characters, as a Japanese input method types them, are the syntax.
    @Test(arguments: [
        ("スピーチ －独女", "スピーチ -独女"),
        ("title：猫 ｓｏｕｒｃｅ：Peachy", "title:猫 source:Peachy"),
        ("寝坊　ＯＲ　着席", "寝坊 OR 着席"),
        ("（寝坊 OR 着席） 上司", "(寝坊 OR 着席) 上司"),
        ("＂友人 代表＂ アニ＊", "\"友人 代表\" アニ*"),
    ])
    func fullWidthSyntaxIsSyntax(fullWidth: String, ascii: String) throws {
        let folded = try QueryParser.parse(fullWidth)
        let plain = try QueryParser.parse(ascii)
        #expect(folded.root.flatMap(MatchExpression.of) == plain.root.flatMap(MatchExpression.of))
        #expect(folded.filters == plain.filters)
    }

    @Test func onlyExclusionsIsAUserError() {
        #expect(throws: LBSearchError.onlyExclusions) { try QueryParser.parse("-art") }
        #expect(throws: LBSearchError.onlyExclusions) { try QueryParser.parse("-art -\"ai\"") }
        // Only the first `maxTexts` words are read: when those only exclude, the message says so.
        let excluded = (0..<300).map { "-w\($0)" }.joined(separator: " ")
        #expect(throws: LBSearchError.onlyExclusionsRead(limit: QueryParser.maxTexts)) {
            try QueryParser.parse(excluded + " the")
        }
    }

    @Test(arguments: ["", "   ", "- * : ++", "(((", "\"\"", "title:", "OR", "\u{200B}\u{202E}"])
    func nothingToSearchIsEmpty(input: String) throws {
        #expect(try QueryParser.parse(input).isEmpty)
    }

    @Test func deepNestingAndLongQueriesAreBounded() throws {
        let deep =
            String(repeating: "(", count: 5_000) + "art" + String(repeating: ")", count: 5_000)
        #expect(try tree(deep) == #""art""#)
        let long = try QueryParser.parse(
            Array(repeating: "word", count: 2_000).enumerated().map { "\($1)\($0)" }.joined(
                separator: " "))
        #expect(long.truncated)
        #expect(long.words.count == QueryParser.maxTexts)
        let huge = try QueryParser.parse(String(repeating: "x", count: 10_000))
        #expect(huge.words.first?.count == QueryParser.maxWordLength)
    }

    @Test func controlAndZeroWidthCharactersAreDropped() throws {
        #expect(try QueryParser.parse("zero\u{200B}width\u{0}").words == ["zerowidth"])
    }

    @Test func quotingDoublesInnerQuotes() {
        #expect(MatchExpression.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(MatchExpression.quoted("a\"\u{AFA}b") == "\"a\"\"\u{AFA}b\"")
    }

    /// The parser reads an exclusion among alternatives as the compiler writes it: the tree
    /// says what the MATCH text does.
    @Test func anExclusionJoinedByOrExcludesFromItsGroup() throws {
        let query = try QueryParser.parse("anime OR manga OR -art")
        #expect(query.root == .and([.or([.word("anime"), .word("manga")]), .not(.word("art"))]))
        let built = QueryNode.or([.word("anime"), .word("manga"), .not(.word("art"))])
        #expect(MatchExpression.compile(built) == query.root.flatMap(MatchExpression.compile))
    }

    @Test func explanationShowsTreeAndMatch() throws {
        let text = QueryExplanation(query: try QueryParser.parse("(anime OR manga) -art date:2025"))
            .text
        #expect(
            text == """
                query:
                  ALL of
                    ANY of
                      word "anime"
                      word "manga"
                    NOT
                      word "art"
                match: ("anime" OR "manga") NOT ("art")
                filters:
                  dated 2025-01-01..2025-12-31
                """)
    }
}
