import GRDB
import Testing

@testable import LBSearchCore

struct QueryParserTests {
    @Test(arguments: [
        ("AI art", ["AI", "art"]),
        ("  AI   art  ", ["AI", "art"]),
        ("C++ AI-art", ["C++", "AI-art"]),
        ("- * : ++", []),
        ("art ART Art", ["art"]),
        ("\"unbalanced", ["\"unbalanced"]),
        ("tab\tand\nnewline", ["tab", "and", "newline"]),
        ("zero\u{200B}width", ["zerowidth"]),
        ("日本語 アニメ", ["日本語", "アニメ"]),
    ])
    func words(input: String, expected: [String]) {
        #expect(QueryParser.parse(input).words == expected)
    }

    @Test func quotingDoublesInnerQuotes() {
        #expect(MatchExpression.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(MatchExpression.all(Query(words: ["a", "b"])) == "\"a\" AND \"b\"")
        #expect(MatchExpression.any(Query(words: ["a", "b"])) == "\"a\" OR \"b\"")
    }

    @Test func longWordsAreCut() {
        let query = QueryParser.parse(String(repeating: "x", count: 10_000))
        #expect(query.words.first?.count == QueryParser.maxWordLength)
    }
}

/// Hostile and random text through the parser and a real FTS5 table: never an SQLite error.
struct QueryFuzzTests {
    static let hostile = [
        "\"", "\"\"", "'", "(", ")", "((", "*", "-", "+", ":", "^", "NEAR", "NEAR(", "AND", "OR", "NOT",
        "and", "or", "not", "title:", "body:x", "C++", "AI-art", "e-mail", "{a b}", "a:b", "\u{0}", "\u{1B}[31m",
        "😀", "👩🏽‍💻", "שלום", "مرحبا", "\u{202E}evil", "\u{200B}", "日本", "a\"b", "x*y", "*x", "\\", "%", "_",
    ]

    @Test func hostileAndRandomQueriesNeverFail() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = '\(Schema.tokenizer)')")
            try db.execute(sql: "INSERT INTO t VALUES ('AI art', 'C++ and e-mail NEAR the end 日本 😀')")
        }
        var generator = SystemRandomNumberGenerator()
        var failures: [String] = []
        for round in 0..<3_000 {
            let count = Int.random(in: 1...12, using: &generator)
            var text = (0..<count).map { _ in Self.hostile.randomElement(using: &generator) ?? "" }.joined(separator: round % 2 == 0 ? " " : "")
            if round % 100 == 0 { text += String(repeating: "a\" ", count: 3_000) }
            let query = QueryParser.parse(text)
            if query.isEmpty { continue }
            for expression in [MatchExpression.all(query), MatchExpression.any(query)] {
                do {
                    _ = try queue.read { db in try Row.fetchAll(db, sql: "SELECT rowid FROM t WHERE t MATCH ?", arguments: [expression]) }
                } catch {
                    failures.append(text)
                }
            }
        }
        #expect(failures.isEmpty, "failed: \(failures.prefix(3))")
    }
}
