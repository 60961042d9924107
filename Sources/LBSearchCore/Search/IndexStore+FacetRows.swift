import Foundation
import GRDB

/// Counting the values of source, tag and year over every document a search matches: one scan
/// of FTS5 MATCH and the search's filters, no ranking, no snippets.
extension IndexStore {
    /// The facet fields, as the API names them.
    public static let facetFields = ["source", "tag", "year"]

    /// For each of `facetFields`, the values of the documents `text` matches under `options`
    /// (its filters and dates; `relaxed` for a search that fell back to any of the words) and
    /// how many have each, most first, then by value.
    ///
    /// Counting runs under the search's time budget: counts it could not finish are empty.
    public func facetCounts(_ text: String, options: SearchOptions, relaxed: Bool) throws
        -> [String: [(value: String, count: Int)]]
    {
        var query = try QueryParser.parse(text)
        query.filters.dates += options.dates
        if relaxed || options.match == .any, let loosened = query.relaxed { query = loosened }
        let candidates = CandidateQuery(
            expression: query.root.flatMap(MatchExpression.of), filters: query.filters,
            sort: .relevance, limit: 0, offset: 0)
        let sql = Self.facetSQL(candidates)
        return try read { db in
            var tally = FacetTally()
            let finished = try QueryBudget(seconds: options.timeout).bounded(db) {
                let rows = try Row.fetchCursor(db, sql: sql.text, arguments: sql.arguments)
                while let row = try rows.next() { tally.add(row[0], row[1], row[2]) }
            }
            return finished == nil ? [:] : tally.sorted
        }
    }

    /// The source, year and tags of every matching document.
    static func facetSQL(_ candidates: CandidateQuery) -> (
        text: String, arguments: StatementArguments
    ) {
        var arguments: StatementArguments = []
        var conditions: [String] = []
        var from = "documents d"
        if let expression = candidates.expression {
            from = "documents_fts JOIN documents d ON d.id = documents_fts.rowid"
            conditions.append("documents_fts MATCH ?")
            arguments += [expression]
        }
        conditions += candidates.filterConditions(&arguments)
        let filter = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
        let text = "SELECT d.source, substr(d.date, 1, 4), d.tags FROM \(from) WHERE \(filter)"
        return (text, arguments)
    }
}

/// Counts of each facet value, added one document at a time.
struct FacetTally {
    var counts: [String: [String: Int]] = ["source": [:], "tag": [:], "year": [:]]

    /// Counts one document's source, year and tags (a JSON array).
    mutating func add(_ source: String?, _ year: String?, _ tags: String?) {
        if let source, !source.isEmpty { counts["source", default: [:]][source, default: 0] += 1 }
        if let year, !year.isEmpty { counts["year", default: [:]][year, default: 0] += 1 }
        guard let tags, tags != "[]",
            let values = try? JSONDecoder().decode([String].self, from: Data(tags.utf8))
        else { return }
        for tag in Set(values) where !tag.isEmpty {
            counts["tag", default: [:]][tag, default: 0] += 1
        }
    }

    /// Each field's values, most documents first, then by value.
    var sorted: [String: [(value: String, count: Int)]] {
        counts.mapValues { values in
            values.map { (value: $0.key, count: $0.value) }.sorted {
                $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value
            }
        }
    }
}
