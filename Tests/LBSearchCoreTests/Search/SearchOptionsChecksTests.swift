import Testing

@testable import LBSearchCore

/// What a person may ask of a search, checked by the library before it runs.
struct SearchOptionsChecksTests {
    static func options(_ change: (inout SearchOptions) -> Void) -> SearchOptions {
        var options = SearchOptions()
        change(&options)
        return options
    }

    static let bad: [(SearchOptions, LBSearchError.OptionProblem)] = [
        (options { $0.limit = 0 }, .outOfRange(option: "--limit", lower: 1, upper: 10_000)),
        (options { $0.limit = 10_001 }, .outOfRange(option: "--limit", lower: 1, upper: 10_000)),
        (options { $0.offset = -1 }, .negativeCount(option: "--offset")),
        (options { $0.timeout = -1 }, .negativeTimeLimit(option: "--timeout")),
        (options { $0.timeout = .nan }, .negativeTimeLimit(option: "--timeout")),
        (options { $0.timeout = .infinity }, .negativeTimeLimit(option: "--timeout")),
        (
            options { $0.passages.fragments = 0 },
            .outOfRange(option: "--fragments", lower: 1, upper: 10)
        ),
        (
            options { $0.passages.words = 201 },
            .outOfRange(option: "--snippet-words", lower: 4, upper: 200)
        ),
    ]

    @Test(arguments: bad)
    func aValueOutOfRangeNamesItsOption(
        options: SearchOptions, problem: LBSearchError.OptionProblem
    ) {
        #expect(throws: LBSearchError.badOption(problem)) { try options.check() }
    }

    @Test func theDefaultsAndTheBoundsPass() throws {
        try SearchOptions().check()
        try Self.options {
            ($0.limit, $0.offset, $0.timeout) = (10_000, 1 << 40, 0)
            ($0.passages.fragments, $0.passages.words) = (10, 4)
        }.check()
    }

    @Test func sinceAndUntilAreOneRange() throws {
        #expect(try SearchOptions.dates(since: nil, until: nil).isEmpty)
        let range = try #require(try SearchOptions.dates(since: "2024-03", until: "2025").first)
        #expect(range.from == "2024-03-01")
        #expect(range.to == "2025-12-31")
        #expect(throws: LBSearchError.invalidDate("2024..2025")) {
            try SearchOptions.dates(since: "2024..2025", until: nil)
        }
        #expect(throws: LBSearchError.invalidDate("March")) {
            try SearchOptions.dates(since: nil, until: "March")
        }
        #expect(throws: LBSearchError.reversedDates(from: "2025", to: "2024-12", in: .options)) {
            try SearchOptions.dates(since: "2025", until: "2024-12")
        }
        #expect(try SearchOptions.dates(since: "2024-12-31", until: "2024-12").count == 1)
    }

    @Test func markersSplitAtTheFirstComma() throws {
        #expect(try HighlightStyle.markers("<<,>>") == .markers(open: "<<", close: ">>"))
        #expect(try HighlightStyle.markers(",,") == .markers(open: "", close: ","))
        #expect(try HighlightStyle.markers("[,") == .markers(open: "[", close: ""))
        #expect(throws: LBSearchError.badOption(.markersWithoutComma)) {
            try HighlightStyle.markers("<<")
        }
        #expect(throws: LBSearchError.badOption(.markersWithoutComma)) {
            try HighlightStyle.markers(",")
        }
        #expect(throws: LBSearchError.badOption(.markersWithControlCharacters)) {
            try HighlightStyle.markers("\u{1B}[1m,]")
        }
    }
}
