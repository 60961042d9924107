/// The values a person may give a search, checked before it runs: a value out of range is a
/// `.badOption` naming the option, never a silently clamped search.
extension SearchOptions {
    /// Hits per page (`--limit`).
    public static let limits = 1...10_000
    /// Passages per hit (`--fragments`).
    public static let fragmentCounts = 1...10
    /// About how many words a passage holds (`--snippet-words`).
    public static let passageWords = 4...200

    /// Throws `.badOption` for the first value out of its range, in the order of `--help`.
    public func check() throws(LBSearchError) {
        try Self.checkTimeLimit(timeout ?? 0)
        try Self.check(limit, in: Self.limits, option: "--limit")
        guard offset >= 0 else { throw .badOption(.negativeCount(option: "--offset")) }
        try Self.check(passages.fragments, in: Self.fragmentCounts, option: "--fragments")
        try Self.check(passages.words, in: Self.passageWords, option: "--snippet-words")
    }

    /// Throws unless `seconds` is 0 (no limit) or more.
    public static func checkTimeLimit(_ seconds: Double) throws(LBSearchError) {
        guard seconds >= 0, seconds.isFinite else {
            throw .badOption(.negativeTimeLimit(option: "--timeout"))
        }
    }

    static func check(_ value: Int, in range: ClosedRange<Int>, option: String)
        throws(LBSearchError)
    {
        guard range.contains(value) else {
            throw .badOption(
                .outOfRange(option: option, lower: range.lowerBound, upper: range.upperBound))
        }
    }

    /// The dates of `--since` and `--until` as one range, none when neither is given.
    ///
    /// A partial date covers its whole year or month; `.invalidDate` for one that is no date,
    /// `.reversedDates` when `since` is after `until`.
    public static func dates(since: String?, until: String?) throws(LBSearchError) -> [DateRange] {
        guard since != nil || until != nil else { return [] }
        let from = try since.map { value throws(LBSearchError) in try day(value).from }
        let to = try until.map { value throws(LBSearchError) in try day(value).to }
        let range = DateRange(from: from ?? nil, to: to ?? nil)
        if range.isReversed, let since, let until {
            throw .reversedDates(from: since, to: until, in: .options)
        }
        return [range]
    }

    /// The range one date stands for (`2025` is the whole year); a range (`..`) is no date.
    static func day(_ value: String) throws(LBSearchError) -> DateRange {
        guard let range = DateRange.parse(value), !value.contains("..") else {
            throw .invalidDate(value)
        }
        return range
    }
}
