/// An inclusive range of ISO dates; either end may be open.
public struct DateRange: Sendable, Hashable, CustomStringConvertible {
    /// First day included, `yyyy-mm-dd`, or nil for no lower bound.
    public var from: String?
    /// Last day included, `yyyy-mm-dd`, or nil for no upper bound.
    public var to: String?

    /// The days from `from` to `to`, both included.
    public init(from: String?, to: String?) {
        self.from = from
        self.to = to
    }

    /// `from..to`, an open end written `…`.
    public var description: String {
        (from ?? "…") + ".." + (to ?? "…")
    }

    /// Reads `2025`, `2025-03`, `2025-03-09`, `2024-01..2025-06`, `2024..`, `..2025-06`.
    ///
    /// A partial date covers its whole year or month. Nil when the text is not such a value.
    public static func parse(_ text: String) -> DateRange? {
        if let dots = text.range(of: "..") {
            let lower = String(text[..<dots.lowerBound])
            let upper = String(text[dots.upperBound...])
            if lower.isEmpty && upper.isEmpty { return nil }
            let from = lower.isEmpty ? nil : bounds(lower)?.first
            let to = upper.isEmpty ? nil : bounds(upper)?.last
            if (!lower.isEmpty && from == nil) || (!upper.isEmpty && to == nil) { return nil }
            return DateRange(from: from, to: to)
        }
        guard let (first, last) = bounds(text) else { return nil }
        return DateRange(from: first, to: last)
    }

    /// True when the range starts after it ends (`2024..2023`), so that no date is in it.
    public var isReversed: Bool {
        guard let from, let to else { return false }
        return from > to
    }

    /// The range a `date:` filter's value stands for.
    ///
    /// Throws `.invalidDate` for a value that is no date or range, and `.reversedDates` for a
    /// range that starts after it ends.
    public static func filter(_ text: String) throws(LBSearchError) -> DateRange {
        guard let range = parse(text) else { throw .invalidDate(text) }
        guard range.isReversed, let dots = text.range(of: "..") else { return range }
        throw .reversedDates(
            from: String(text[..<dots.lowerBound]), to: String(text[dots.upperBound...]),
            in: .filter)
    }

    /// The first and last day of a year, month or day written as `yyyy[-mm[-dd]]`.
    static func bounds(_ text: String) -> (first: String, last: String)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            let year = Int(parts[0])
        else { return nil }
        if parts.count == 1 {
            return DateNormalizer.format(year: year, month: 1, day: 1).map {
                ($0, "\(parts[0])-12-31")
            }
        }
        guard parts[1].count <= 2, let month = Int(parts[1]) else { return nil }
        if parts.count == 2 {
            guard let first = DateNormalizer.format(year: year, month: month, day: 1),
                let last = DateNormalizer.format(
                    year: year, month: month, day: DateNormalizer.daysIn(month: month, year: year))
            else { return nil }
            return (first, last)
        }
        guard parts[2].count <= 2, let day = Int(parts[2]),
            let date = DateNormalizer.format(year: year, month: month, day: day)
        else { return nil }
        return (date, date)
    }
}
