import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Hostile and random text through the parser and a real FTS5 index: a query or a user error,
/// never an SQLite error or a crash.
struct QueryFuzzTests {
    static let fragments = [
        "\"", "\"\"", "'", "(", ")", "((", "))", "*", "**", "-", "--", "+", ":", "^", "{", "}", "[",
        "]", ",", ".",
        "NEAR", "NEAR(", "NEAR/2", "AND", "OR", "NOT", "and", "or", "not", "And", "oR", "nOt",
        "title:", "title:x", "body:x", "source:", "source:Wire", "tag:", "tag:ai", "date:",
        "date:2025", "date:2024..2025-06",
        "date:x", "-source:x", "-title:art", "C++", "AI-art", "e-mail", "a:b", "x*y", "*x", "\\",
        "%", "_", "'s",
        "\u{0}", "\u{1B}[31m", "\u{7}", "\u{7F}", "😀", "👩🏽‍💻", "🇯🇵", "שלום", "مرحبا", "\u{202E}",
        "\u{200B}", "\u{FEFF}",
        "e\u{301}", "日本", "アニメ", "\\uD800", "\\uDFFF", "\u{FFFD}", "art", "AI", "anime", "x",
    ]

    static func randomQuery(_ generator: inout some RandomNumberGenerator, round: Int) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...10, using: &generator) {
            if Bool.random(using: &generator),
                let scalar = Unicode.Scalar(UInt32.random(in: 0...0x2FFFF, using: &generator))
            {
                text.unicodeScalars.append(scalar)
            } else {
                text += fragments.randomElement(using: &generator) ?? ""
            }
            if Int.random(in: 0..<3, using: &generator) == 0 { text += " " }
        }
        if round % 1_000 == 0 { text += String(repeating: "(a\" OR -b* ", count: 900) }
        return text
    }

    /// The errors a query may legitimately produce; anything else (a translated SQLite error) fails.
    static func isQueryError(_ error: LBSearchError) -> Bool {
        switch error {
        case .emptyQuery, .onlyExclusions, .onlyExclusionsRead, .invalidDate, .reversedDates:
            return true
        default: return false
        }
    }

    @Test func tenThousandQueriesNeverSurfaceAnSQLiteError() throws {
        let (store, _) = try indexedStore([
            "a.md":
                "---\ntitle: AI art\nsource: Wire\ntags: [ai]\ndate: 2025-01-01\n---\n\nC++ and e-mail NEAR the end 日本 😀 anime",
            "b.txt": "Art\n\nplain art and anime x",
        ])
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        var failures: [(String, String)] = []
        let searcher = Searcher(store: store)
        for round in 0..<10_000 {
            let text = Self.randomQuery(&generator, round: round)
            do {
                _ = try searcher.search(
                    text, options: SearchOptions(limit: 3, match: round % 3 == 0 ? .any : .auto))
            } catch let error as LBSearchError where Self.isQueryError(error) {
                continue
            } catch {
                failures.append((text, "\(error)"))
            }
        }
        #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(3))")
    }
}
