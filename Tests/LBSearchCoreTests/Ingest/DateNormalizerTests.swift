import Testing

@testable import LBSearchCore

@Suite struct DateNormalizerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let input: String
        let expected: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Numeric forms.
        Case(name: "ISO date", input: "2024-03-09", expected: "2024-03-09"),
        Case(name: "ISO with time and zone", input: "2024-03-09T10:00:00Z", expected: "2024-03-09"),
        Case(name: "ISO with offset", input: "2024-03-09T23:59:59+05:30", expected: "2024-03-09"),
        Case(name: "ISO with space and time", input: "2024-03-09 10:00", expected: "2024-03-09"),
        Case(name: "slashes", input: "2024/03/09", expected: "2024-03-09"),
        Case(name: "dots", input: "2024.03.09", expected: "2024-03-09"),
        Case(name: "single-digit month and day", input: "2024-3-9", expected: "2024-03-09"),
        Case(name: "surrounding white space", input: "  2024-03-09\n", expected: "2024-03-09"),
        Case(name: "digit glued after the day", input: "2024-03-091", expected: nil),
        Case(name: "compact digits", input: "20240309", expected: nil),
        Case(name: "US order is not guessed", input: "03/09/2024", expected: nil),
        Case(name: "European order is not guessed", input: "9.3.2024", expected: nil),
        // Written forms.
        Case(name: "month day, year", input: "March 9, 2024", expected: "2024-03-09"),
        Case(name: "day abbreviated month year", input: "9 Mar 2024", expected: "2024-03-09"),
        Case(name: "day full month year", input: "9 March 2024", expected: "2024-03-09"),
        Case(name: "upper case month", input: "9 MAR 2024", expected: "2024-03-09"),
        Case(
            name: "RFC 2822 with weekday", input: "Sat, 09 Mar 2024 10:00:00 +0000",
            expected: "2024-03-09"),
        Case(
            name: "RFC 2822 without weekday", input: "09 Mar 2024 10:00:00 GMT",
            expected: "2024-03-09"),
        Case(name: "weekday spelled out", input: "Saturday, March 9, 2024", expected: "2024-03-09"),
        Case(name: "December", input: "Dec 31, 1999", expected: "1999-12-31"),
        Case(name: "month and year only", input: "March 2024", expected: nil),
        Case(name: "ordinal day is not a number", input: "1st March 2024", expected: nil),
        Case(name: "day past 31", input: "March 32, 2024", expected: nil),
        // Calendar validity.
        Case(name: "February 30", input: "2024-02-30", expected: nil),
        Case(name: "leap day in a leap year", input: "2024-02-29", expected: "2024-02-29"),
        Case(name: "leap day in a common year", input: "2023-02-29", expected: nil),
        Case(name: "leap day in a century year", input: "1900-02-29", expected: nil),
        Case(name: "leap day in a 400th year", input: "2000-02-29", expected: "2000-02-29"),
        Case(name: "written leap day in a common year", input: "29 Feb 2023", expected: nil),
        Case(name: "April 31", input: "2024-04-31", expected: nil),
        Case(name: "month 13", input: "2024-13-01", expected: nil),
        Case(name: "month 0", input: "2024-00-10", expected: nil),
        Case(name: "day 0", input: "2024-03-00", expected: nil),
        // Not dates.
        Case(name: "garbage", input: "not a date", expected: nil),
        Case(name: "empty", input: "", expected: nil),
        Case(name: "white space only", input: "   ", expected: nil),
        Case(name: "year and month only", input: "2024-03", expected: nil),
        Case(name: "year only", input: "2024", expected: nil),
        Case(name: "relative word", input: "yesterday", expected: nil),
    ]

    @Test(arguments: cases)
    func iso(_ testCase: Case) {
        #expect(DateNormalizer.iso(testCase.input) == testCase.expected)
    }

    @Test(arguments: [
        (2, 2024, 29), (2, 2023, 28), (2, 1900, 28), (2, 2000, 29),
        (1, 2023, 31), (4, 2023, 30), (6, 2023, 30), (9, 2023, 30), (11, 2023, 30), (12, 2023, 31),
    ])
    func daysInMonth(month: Int, year: Int, days: Int) {
        #expect(DateNormalizer.daysIn(month: month, year: year) == days)
    }

    @Test func formatRejectsYearsOutsideFourDigits() {
        #expect(DateNormalizer.format(year: 999, month: 1, day: 1) == nil)
        #expect(DateNormalizer.format(year: 10000, month: 1, day: 1) == nil)
        #expect(DateNormalizer.format(year: 1000, month: 1, day: 1) == "1000-01-01")
    }
}
