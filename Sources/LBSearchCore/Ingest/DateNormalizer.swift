import Foundation

/// Reads the dates people write in front matter and HTML meta tags as ISO `yyyy-mm-dd`.
///
/// Accepted: `2024-03-09`, `2024-03-09T10:00:00Z`, `2024/03/09`, `2024.03.09`,
/// `March 9, 2024`, `9 March 2024`, `Sat, 09 Mar 2024 10:00:00 +0000`. Anything else is nil:
/// a date is never guessed.
public enum DateNormalizer {
    static let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// The ISO date in `text`, or nil when it holds no complete, valid date.
    public static func iso(_ text: String) -> String? {
        let trimmed = TextLines.trimmedScalars(text)
        return numeric(trimmed) ?? written(trimmed)
    }

    /// `yyyy-mm-dd` (or `/`, `.`), optionally followed by a time.
    static func numeric(_ text: String) -> String? {
        let parts = text.prefix(10).split(whereSeparator: { "-/.".contains($0) })
        guard parts.count == 3, parts[0].count == 4,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let rest = text.dropFirst(10)
        if let next = rest.first, next.isNumber { return nil }
        return format(year: year, month: month, day: day)
    }

    /// `March 9, 2024`, `9 Mar 2024`, with an optional weekday in front and time after.
    static func written(_ text: String) -> String? {
        let words = text.lowercased().split(whereSeparator: { " ,".contains($0) })
        var year: Int?
        var month: Int?
        var day: Int?
        for word in words.prefix(5) {
            if let number = Int(word) {
                if number > 31, year == nil { year = number } else if day == nil { day = number }
            } else if month == nil, word.count >= 3,
                let index = months.firstIndex(of: String(word.prefix(3)))
            {
                month = index + 1
            }
        }
        guard let year, let month, let day else { return nil }
        return format(year: year, month: month, day: day)
    }

    static func format(year: Int, month: Int, day: Int) -> String? {
        guard (1000...9999).contains(year), (1...12).contains(month),
            (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let mm = month < 10 ? "0\(month)" : "\(month)"
        let dd = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(mm)-\(dd)"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
