import Foundation
import GRDB

/// "Did you mean": replaces query words that the index does not know with the closest word
/// it does know (edit distance at most 2, then the most documents), never for numbers.
struct Suggester {
    /// Suggestions are made when a query finds fewer hits than this.
    static let fewHits = 3
    /// Damerau–Levenshtein distance allowed, as in Lucene's DirectSpellChecker (maxEdits 2).
    static let maxDistance = 2
    /// Shorter words have too many neighbours to guess from.
    static let minLength = 3

    /// The query text with its unknown words replaced, or nil when there is nothing to suggest.
    func suggestion(for text: String, query: Query, _ db: Database) throws -> String? {
        var result = text
        var changed = false
        for word in Set(query.words) where isCandidate(word) {
            guard try !isIndexed(word, db), let better = try closest(to: word.lowercased(), db)
            else { continue }
            if let range = result.range(of: word) {
                result.replaceSubrange(range, with: better)
                changed = true
            }
        }
        return changed ? result : nil
    }

    /// CJK words are left alone: the vocabulary holds their bigrams, fragments no person types.
    func isCandidate(_ word: String) -> Bool {
        word.count >= Self.minLength && word.count <= 40 && !CJKText.containsCJK(word)
            && word.unicodeScalars.allSatisfy {
                QueryParser.isTokenScalar($0) && $0.properties.numericType == nil
            }
    }

    func isIndexed(_ word: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT 1",
            arguments: [MatchExpression.quoted(word)]) ?? false
    }

    /// The indexed word nearest to `word`, in the form it takes in a document.
    ///
    /// Only terms with the word's first letter are read, as Lucene's DirectSpellChecker does
    /// (`minPrefix` 1): reading a whole vocabulary costs seconds on a large index, and a typo
    /// in the first letter is the rarest kind.
    func closest(to word: String, _ db: Database) throws -> String? {
        let length = word.count
        guard
            let first = word.first.map({
                String($0).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            })
        else {
            return nil
        }
        let rows = try VocabularyTerm.fetchAll(
            db,
            sql: """
                SELECT term, doc FROM documents_vocab
                WHERE term >= ? AND term < ? AND doc > 0 AND length(term) BETWEEN ? AND ?
                """,
            arguments: [
                first, first + "\u{10FFFF}", max(1, length - Self.maxDistance - 2),
                length + Self.maxDistance,
            ])
        var best: (term: String, distance: Int, documents: Int)?
        let target = Array(word)
        for (term, documents) in rows.map({ ($0.term, $0.documents) }) {
            if term.unicodeScalars.contains(where: CJKText.isCJK) { continue }
            guard let distance = EditDistance.bounded(target, Array(term), limit: Self.maxDistance)
            else { continue }
            if best == nil
                || (distance, -documents) < (best?.distance ?? 0, -(best?.documents ?? 0))
            {
                best = (term, distance, documents)
            }
        }
        guard let best else { return nil }
        return try surfaceForm(of: best.term, near: target, db) ?? best.term
    }

    /// Index terms are stems ("studi"); the word as written in a document reads better.
    func surfaceForm(of term: String, near target: [Character], _ db: Database) throws -> String? {
        let open = String(Character(HighlightMarker.open))
        let close = String(Character(HighlightMarker.close))
        let rows = try String.fetchAll(
            db,
            sql: """
                SELECT highlight(documents_fts, 0, ?1, ?2) || ' ' || highlight(documents_fts, 1, ?1, ?2)
                FROM documents_fts WHERE documents_fts MATCH ?3 LIMIT 5
                """,
            arguments: [open, close, MatchExpression.quoted(term)])
        var forms: Set<String> = []
        for marked in rows {
            let text = MarkedText(marked: marked)
            for match in text.matches { forms.insert(text.text(match).lowercased()) }
        }
        return forms.min { a, b in
            let da = EditDistance.bounded(target, Array(a), limit: 10) ?? 11
            let db = EditDistance.bounded(target, Array(b), limit: 10) ?? 11
            return da != db ? da < db : a < b
        }
    }
}

/// A row of `documents_vocab` ('row' detail): a term and the number of documents with it.
struct VocabularyTerm: FetchableRecord {
    var term: String
    var documents: Int

    /// Decoded by name by hand, not through `Decodable`: a first letter can have many terms.
    init(row: Row) throws {
        term = try row.decode(forColumn: "term")
        documents = try row.decode(forColumn: "doc")
    }
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
enum EditDistance {
    /// The distance between `a` and `b`, or nil when it exceeds `limit`.
    static func bounded(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty {
            return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil
        }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            if rowMin > limit { return nil }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
