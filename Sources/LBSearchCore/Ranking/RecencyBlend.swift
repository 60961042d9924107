import Foundation

/// `--recent`: relevance blended with the age of a document's date.
///
///     recency = relevance · weight · 0.5^(age in days / half-life)
///     score   = relevance + recency
///
/// A document dated today counts up to `1 + weight` times its relevance; one a half-life old
/// `1 + weight/2`; an undated one or one from the future gets no boost. Only the best
/// `pool` documents by relevance are re-ordered, so a recent but barely relevant document
/// cannot push out the relevant ones. The 30-day half-life suits news (a month-old story counts
/// half as "recent"); weight 1 lets freshness at most double a score.
public struct RecencyBlend: Sendable, Hashable {
    /// Days after which the boost halves.
    public var halfLifeDays = 30.0
    /// The boost for a document dated today, as a share of its relevance.
    public var weight = 1.0
    /// How many of the most relevant documents are re-ordered (at least the page asked for).
    public var pool = 200
    /// Days are counted up to this day (`yyyy-mm-dd`, UTC); today by default.
    public var today: String

    /// A blend as of `today`.
    public init(today: String = RecencyBlend.isoDay(Date())) {
        self.today = today
    }

    /// The boost factor for a document dated `date` (ISO `yyyy-mm-dd`); 0 when undated.
    public func decay(_ date: String?) -> Double {
        guard let date, let age = Self.days(from: date, to: today), age >= 0 else { return 0 }
        return pow(0.5, age / halfLifeDays)
    }

    /// The recency contribution for a document of this relevance and date.
    public func explanation(relevance: Double, date: String?) -> Explanation {
        let decay = decay(date)
        return Explanation(
            "recency", value: relevance * weight * decay,
            facts: [
                .init("decay", decay), .init("half-life days", halfLifeDays),
                .init("weight", weight),
            ])
    }

    /// Days from `start` to `end`, both `yyyy-mm-dd`.
    static func days(from start: String, to end: String) -> Double? {
        guard let a = julianDay(start), let b = julianDay(end) else { return nil }
        return Double(b - a)
    }

    /// Days since 1970-01-01 of a `yyyy-mm-dd` date (the first ten characters are read).
    static func julianDay(_ text: String) -> Int? {
        let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let date = calendar.date(from: components) else { return nil }
        return Int((date.timeIntervalSince1970 / 86_400).rounded())
    }

    /// `date` as `yyyy-mm-dd` in UTC.
    public static func isoDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }
}
