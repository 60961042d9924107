import Testing

@testable import LBSearchCore

/// The MATCH text and the phrase names come from one walk: phrase i of the text is the text
/// named by label i, whatever the query.
struct MatchPlanTests {
    /// The FTS5 strings of a MATCH text, in order, unquoted.
    static func strings(_ text: String) -> [String] {
        var strings: [String] = []
        var current: String?
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\"" else {
                current?.unicodeScalars.append(scalar)
                continue
            }
            if current == nil {
                current = ""
            } else if scalars.first == "\"" {
                current?.unicodeScalars.append(scalars.removeFirst())
            } else if let done = current {
                strings.append(done)
                current = nil
            }
        }
        return strings
    }

    @Test(arguments: [
        "AI art", "anime -manga", #"anime -"key frames" -title:cel"#, "anime OR manga",
        "(anime OR manga) art -AI", "art OR -manga", "(art OR -manga) OR anime",
        "-(art -manga) anime", "title:art anim* 猫", #"say "he said ""hi"""#, "a b c d OR e",
        "(a OR (b OR -c)) -(d OR e)", "アニメ OR 漫画 -猫",
    ])
    func phraseINamesTheITHStringOfTheText(query: String) throws {
        let root = try #require(try QueryParser.parse(query).root)
        let plan = try #require(MatchExpression.compile(root))
        #expect(Self.strings(plan.text) == plan.phrases.map(\.text))
        #expect(plan.labels.count == plan.phrases.count)
        if let relaxed = try QueryParser.parse(query).relaxed?.root {
            let loose = try #require(MatchExpression.compile(relaxed))
            #expect(Self.strings(loose.text) == loose.phrases.map(\.text))
            #expect(loose.alternatives.reduce(0, +) <= loose.phrases.count)
        }
    }

    @Test func labelsNameTitlesPrefixesAndExclusions() throws {
        let root = try #require(try QueryParser.parse("title:art anim* -manga").root)
        #expect(MatchExpression.compile(root)?.labels == ["title:art", "anim*", "-manga"])
    }

    /// A loosened query knows how many phrases each of its words is, for coverage ordering.
    @Test func aLoosenedQueryCountsPhrasesPerWord() throws {
        let query = try QueryParser.parse("(a OR b) c -d")
        let loose = try #require(query.relaxed?.root.flatMap(MatchExpression.compile))
        #expect(loose.text == #"(("a" OR "b") OR "c") NOT ("d")"#)
        #expect(loose.alternatives == [2, 1])
        #expect(loose.labels == ["a", "b", "c", "-d"])
    }

    /// A prefix is a `*` outside the quoted strings, whatever the strings hold.
    @Test(arguments: [
        ("anim*", true), ("title:anim* art", true), ("art -anim*", true), ("art OR anim*", true),
        ("art", false), ("\"anim art\"", false), ("a*b", false), ("\"a*b\"", false),
        ("\"a\"\" *b\"", false), ("C++ *", false),
    ])
    func aPrefixIsAStarOutsideQuotes(typed: String, prefix: Bool) throws {
        let root = try #require(try QueryParser.parse(typed).root)
        let text = try #require(MatchExpression.compile(root)?.text)
        #expect(MatchExpression.hasPrefix(text) == prefix, "\(typed): \(text)")
        #expect(PrefixFanOut.hasPrefix(root) == prefix, "\(typed)")
    }

    /// What every match has besides its prefixes: the non-prefix words of an `AND`.
    @Test(arguments: [
        ("wickl* nadia", #""nadia""#), ("wickl*", nil), ("art", nil), ("art nadia", nil),
        ("a* b c -d", #"("b" AND "c")"#), ("a* OR b", nil), ("(a* OR b) c", #""c""#),
        ("title:x a*", #"title : "x""#), ("a* -b", nil), (#""the year" ho*"#, #""the year""#),
    ])
    func prefixFreeKeepsWhatEveryMatchHas(typed: String, expected: String?) throws {
        let root = try #require(try QueryParser.parse(typed).root)
        #expect(MatchExpression.prefixFree(root) == expected, "\(typed)")
    }

    /// What FTS5 reads to find a phrase's matches: every row with all its words.
    @Test(arguments: [
        (#""the in into""#, #"("the" AND "in" AND "into")"#), ("art", nil), ("art nadia", nil),
        (#""the year" -"new age""#, #"("the" AND "year")"#), (#""the year" ho*"#, nil),
        (#""sea-level" rise"#, #"(("sea" AND "level") AND "rise")"#),
        (#"title:"big cat""#, #"(title : "big" AND title : "cat")"#), (#""東京都""#, nil),
        (#""red car" OR "blue""#, #"(("red" AND "car") OR "blue")"#), (#"art -"new age""#, nil),
    ])
    func unorderedReadsEveryRowWithAPhrasesWords(typed: String, expected: String?) throws {
        let root = try #require(try QueryParser.parse(typed).root)
        #expect(MatchExpression.unordered(root) == expected, "\(typed)")
    }
}
