import Foundation
import GRDB

/// "Did you mean": replaces query words that the index does not know with the indexed word a
/// person most likely meant, never for numbers, and only when it is a likely slip.
///
/// Two steps. Index terms are Porter stems (`studi`), so the vocabulary is first screened by
/// plain edit distance for a few stems near the word (as Lucene's DirectSpellChecker does,
/// `maxEdits` 2); then the words those stems stand for in documents are weighed by
/// `TypingDistance` (swaps, neighbouring keys, doubled letters cost less) and the cheapest
/// within `allowance` wins, a word in more documents counting as a little cheaper.
struct Suggester {
    /// Suggestions are made when a query finds fewer hits than this.
    static let fewHits = 3
    /// Damerau–Levenshtein distance of the first screen, as Lucene's DirectSpellChecker
    /// (maxEdits 2).
    static let maxDistance = 2
    /// Shorter words have too many neighbours to guess from.
    static let minLength = 3
    /// Typing cost taken off per tenfold more documents: between two words within the
    /// allowance, a common one is likelier meant (Norvig's P(c)·P(w|c), on a log scale), so
    /// `indx` is `index` (one added letter) rather than a rare `inex` (one neighbouring key).
    static let frequencyWeight = 0.15
    /// Stems whose written forms are weighed; each costs one small FTS5 query.
    static let stemsWeighed = 10
    /// Stems within distance whose documents are counted, at most, to pick those weighed.
    static let stemsCounted = 1_000

    /// The document counts a large index keeps for its common terms (`TermCounts`), taken by
    /// `documentCount` rather than stepping through their occurrences; read by `suggestion`.
    var knownCounts: [String: Int] = [:]

    /// The typing cost accepted for a word of `length` letters.
    ///
    /// One slip in a short word, two cheap ones (or one plain edit and a cheap one) from 5
    /// letters, two plain edits from 9: `alert` is never `art` (two dropped letters).
    static func allowance(_ length: Int) -> Double {
        length <= 4 ? 1.0 : length <= 8 ? 1.6 : 2.0
    }

    /// The query text with its unknown words replaced, or nil when there is nothing to suggest.
    func suggestion(for text: String, query: Query, _ db: Database) throws -> String? {
        var result = text
        var changed = false
        var suggester = self
        var countsRead = false
        for word in Set(query.words) where isCandidate(word) {
            guard try !isIndexed(word, db) else { continue }
            if !countsRead {
                countsRead = true
                suggester.knownCounts = try TermCounts.stored(db) ?? knownCounts
            }
            guard let better = try suggester.closest(to: word, db) else { continue }
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

    /// The indexed word a person typing `word` most likely meant, as documents write it.
    ///
    /// Terms with the word's first letter are read first; those with its second letter only
    /// when they offer nothing (swapped first letters are the commonest slip there): each
    /// letter's terms cost a scan of their document lists, a second on a large index.
    func closest(to word: String, _ db: Database) throws -> String? {
        let typed = Array(word.lowercased())
        let folded = Self.folded(word)
        var initials: [Character] = []
        for letter in folded.prefix(2) where !initials.contains(letter) { initials.append(letter) }
        for initial in initials {
            if let best = try cheapest(typed, try nearStems(folded, initial: initial, db), db) {
                return best
            }
        }
        return nil
    }

    /// The written form of `stems` that costs least to mistype as `typed`, within allowance,
    /// the commoner on a near tie.
    func cheapest(_ typed: [Character], _ stems: [(term: String, documents: Int)], _ db: Database)
        throws -> String?
    {
        let limit = Self.allowance(typed.count)
        var best: (form: String, score: Double)?
        for stem in stems {
            for form in try surfaceForms(of: stem.term, db) where Self.keepsAccents(typed, form) {
                guard let cost = TypingDistance.cost(typed, Array(form), limit: limit) else {
                    continue
                }
                let score = cost - Self.frequencyWeight * log10(Double(max(stem.documents, 1)))
                if best.map({ (score, form) < ($0.score, $0.form) }) ?? true {
                    best = (form, score)
                }
            }
        }
        return best?.form
    }

    /// Whether `form` has every accented letter of `typed`: a word typed with an accent is
    /// typed with care (`naïve` is not a slip for `native`).
    static func keepsAccents(_ typed: [Character], _ form: String) -> Bool {
        typed.allSatisfy { $0.isASCII || form.contains($0) }
    }

    /// `word` as the vocabulary spells it: lower case, accents removed (`remove_diacritics`).
    static func folded(_ word: String) -> [Character] {
        Array(word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil))
    }

    /// The stems starting with `initial` nearest to `word` by edit distance, in most documents
    /// first on a tie.
    ///
    /// A stem shorter than the word is also compared with the word's beginning (`achiev` with
    /// `acheiv` of `acheived`). Documents are counted only for the stems within distance.
    func nearStems(_ word: [Character], initial: Character, _ db: Database) throws
        -> [(term: String, documents: Int)]
    {
        var near: [(term: String, distance: Int)] = []
        for term in try vocabulary(startingWith: initial, near: word, db) {
            if let distance = Self.distance(word, Array(term)) { near.append((term, distance)) }
        }
        near.sort { ($0.distance, $0.term) < ($1.distance, $1.term) }
        var counted: [(term: String, distance: Int, documents: Int)] = []
        for stem in near {
            // Past the tenth stem only its own distance class may still overtake by count.
            if counted.count >= Self.stemsWeighed,
                let last = counted.last, stem.distance > last.distance
            {
                break
            }
            if counted.count >= Self.stemsCounted { break }
            counted.append((stem.term, stem.distance, try documentCount(of: stem.term, db)))
        }
        counted.sort {
            ($0.distance, -$0.documents, $0.term) < ($1.distance, -$1.documents, $1.term)
        }
        return counted.prefix(Self.stemsWeighed).map { ($0.term, $0.documents) }
    }

    /// How far `term` is from `word` (twice the edit distance), or from the word's beginning
    /// (twice plus one, so a whole match ranks first), or nil beyond `maxDistance`.
    static func distance(_ word: [Character], _ term: [Character]) -> Int? {
        if term.contains(where: { $0.unicodeScalars.contains(where: CJKText.isCJK) }) {
            return nil
        }
        let whole = EditDistance.bounded(word, term, limit: maxDistance)
        let starts = [term.count, term.count + 1].filter {
            $0 < word.count && term.count >= 4
        }.map {
            EditDistance.bounded(Array(word.prefix($0)), term, limit: maxDistance)
        }
        let start = starts.compactMap { $0 }.min().map { $0 * 2 + 1 }
        return [whole.map { $0 * 2 }, start].compactMap({ $0 }).min()
    }

    /// The words a stem stands for in documents (`studi`: `studio`, `studios`), lower case.
    ///
    /// A stem is searched as a word, which the tokenizer stems again; a stem that stems
    /// further (`agre`, of `agree`, is `agr`) is found as a prefix instead.
    func surfaceForms(of term: String, _ db: Database) throws -> Set<String> {
        let forms = try surfaceForms(matching: MatchExpression.quoted(term), db)
        return forms.isEmpty
            ? try surfaceForms(matching: MatchExpression.quoted(term) + "*", db) : forms
    }

    /// The matched words of the first five documents `expression` matches, title then body
    /// (FTS5 columns as the index's `FieldLayout` says).
    func surfaceForms(matching expression: String, _ db: Database) throws -> Set<String> {
        let open = String(Character(HighlightMarker.open))
        let close = String(Character(HighlightMarker.close))
        let layout = try FieldLayout.read(db)
        let rows = try String.fetchAll(
            db,
            sql: """
                SELECT highlight(documents_fts, ?4, ?1, ?2) || ' ' || highlight(documents_fts, ?5, ?1, ?2)
                FROM documents_fts WHERE documents_fts MATCH ?3 LIMIT 5
                """,
            arguments: [open, close, expression, layout.title, layout.body])
        var forms: Set<String> = []
        for marked in rows {
            let text = MarkedText(marked: marked)
            for match in text.matches { forms.insert(text.text(match).lowercased()) }
        }
        return forms
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
