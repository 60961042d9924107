/// The terms of a query read as natural language (`--match any`, and batch runs).
///
/// Each word is split into its letter-and-digit runs, lower-cased and de-duplicated, and stop
/// words are dropped (all kept when nothing else is left).
///
///     "What is TSS (Time-Sharing System)?"  →  ["tss", "time", "sharing", "system"]
public enum NaturalQuery {
    /// The query's terms, in order.
    public static func terms(_ query: Query, dropStopWords: Bool = true) -> [String] {
        var terms: [String] = []
        var seen: Set<String> = []
        for word in query.words {
            for run in word.lowercased().split(whereSeparator: { !isTermCharacter($0) })
            where seen.insert(String(run)).inserted {
                terms.append(String(run))
            }
        }
        let content = dropStopWords ? terms.filter { !StopWords.contains($0) } : terms
        return content.isEmpty ? terms : content
    }

    /// How many times `text` (the query as typed, before the parser drops repeated words)
    /// has each of `terms`: the query-term frequency, at least 1.
    public static func counts(in text: String, of terms: [String]) -> [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: terms.map { ($0, 0) })
        for run in text.lowercased().split(whereSeparator: { !isTermCharacter($0) }) {
            counts[String(run)]? += 1
        }
        return counts.mapValues { max($0, 1) }
    }

    /// The query that any of `terms(query)` matches, with the original filters (and the
    /// note that words past the first `QueryParser.maxTexts` were dropped).
    public static func rewritten(_ query: Query, dropStopWords: Bool = true) -> Query {
        let words = terms(query, dropStopWords: dropStopWords).map(QueryNode.word)
        return Query(
            root: words.count <= 1 ? words.first : .or(words), filters: query.filters,
            truncated: query.truncated)
    }

    static func isTermCharacter(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy(QueryParser.isTokenScalar)
    }
}
