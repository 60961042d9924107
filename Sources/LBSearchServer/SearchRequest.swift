import Foundation
import LBSearchCore

/// The bounds that keep one request from starving the others.
public enum APILimits {
    /// Characters of query text: far more than anyone types, far less than a pasted book.
    public static let queryCharacters = 1_000
    /// Hits per page.
    public static let pageSize = 1...100
    /// Hits an export may hold.
    public static let exportSize = 1...1_000
    /// Best hits that may be skipped: paging deeper than this is scraping, not reading.
    public static let offsets = 0...10_000
    /// Seconds one search may run before it returns the best hits found (the query budget).
    public static let searchSeconds = 2.0
}

/// The parameters of `/api/search` and `/api/export.csv` (the names of the command line's
/// options), checked and turned into the library's `SearchOptions`.
public struct SearchRequest: Sendable {
    /// The query text (`q`).
    public var text: String
    /// The options the parameters ask for.
    public var options: SearchOptions
    /// False when `facets=0` asks for the hits alone.
    public var facets = true

    /// The search `parameters` ask for; `limits` bounds `limit`.
    public init(_ parameters: [String: String], limits: ClosedRange<Int> = APILimits.pageSize)
        throws(APIError)
    {
        text = parameters["q"] ?? ""
        guard text.count <= APILimits.queryCharacters else {
            throw .queryTooLong(limit: APILimits.queryCharacters)
        }
        options = SearchOptions(
            limit: try Self.number("limit", parameters, default: 10, in: limits),
            offset: try Self.number("offset", parameters, default: 0, in: APILimits.offsets))
        options.sort = try Self.choice("sort", parameters, default: .relevance)
        options.match = try Self.choice("match", parameters, default: .auto)
        options.expand = try Self.flag("expand", parameters)
        if try Self.flag("recent", parameters) { options.recency = RecencyBlend() }
        options.timeout = APILimits.searchSeconds
        let counted = try Self.flag("facets", parameters)
        facets = counted || Self.given("facets", parameters) == nil
        do {
            options.dates = try SearchOptions.dates(
                since: Self.given("since", parameters), until: Self.given("until", parameters))
        } catch { throw .search(error) }
    }

    /// A parameter's value, nil when absent or empty.
    static func given(_ name: String, _ parameters: [String: String]) -> String? {
        parameters[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A whole number in `range`, `fallback` when absent.
    static func number(
        _ name: String, _ parameters: [String: String], default fallback: Int,
        in range: ClosedRange<Int>
    ) throws(APIError) -> Int {
        guard let text = given(name, parameters) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw .badParameter(
                name: name,
                reason: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// One of an enumeration's values by name, `fallback` when absent.
    static func choice<T: RawRepresentable & CaseIterable>(
        _ name: String, _ parameters: [String: String], default fallback: T
    ) throws(APIError) -> T where T.RawValue == String {
        guard let text = given(name, parameters) else { return fallback }
        guard let value = T(rawValue: text) else {
            let names = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw .badParameter(name: name, reason: "one of \(names)")
        }
        return value
    }

    /// `1`/`true`/`yes` or `0`/`false`/`no`; false when absent.
    static func flag(_ name: String, _ parameters: [String: String]) throws(APIError) -> Bool {
        switch given(name, parameters)?.lowercased() {
        case nil, "0", "false", "no": return false
        case "1", "true", "yes": return true
        default: throw .badParameter(name: name, reason: "1 or 0")
        }
    }
}
