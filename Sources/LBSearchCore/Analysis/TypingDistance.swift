import Foundation

/// How far a typed word is from a word a person may have meant, in typing slips.
///
/// A weighted optimal-string-alignment distance (Levenshtein plus adjacent transpositions,
/// Damerau 1964): the slips people make most cost least. Swapped neighbours (`stauts` →
/// `status`), a neighbouring key on a QWERTY keyboard (`tesr` → `test`), a doubled or undoubled
/// letter (`accomodate` → `accommodate`) and an accent (`naive` → `naïve`) cost less than an
/// unrelated letter; a different first letter, the rarest slip, costs extra.
enum TypingDistance {
    /// An unrelated letter typed, dropped or added.
    static let edit = 1.0
    /// Two neighbouring letters swapped.
    static let transposition = 0.6
    /// A key next to the right one pressed instead.
    static let neighbourKey = 0.7
    /// A letter typed once for twice, or twice for once.
    static let doubling = 0.6
    /// The same letter with or without an accent.
    static let accent = 0.2
    /// Added when the first letters differ: Lucene's DirectSpellChecker does not even look
    /// there (`minPrefix` 1); here such a word must be clearly the closest.
    static let firstLetter = 0.7

    /// The cost of typing `typed` for `meant`, or nil when it exceeds `limit`.
    static func cost(_ typed: [Character], _ meant: [Character], limit: Double) -> Double? {
        guard let first = typed.first, let other = meant.first else { return nil }
        let start = substitution(first, other) == 0 ? 0 : firstLetter
        guard let cost = alignment(typed, meant, limit: limit - start) else { return nil }
        return start + cost
    }

    /// The weighted alignment cost, or nil once every alignment exceeds `limit`.
    static func alignment(_ a: [Character], _ b: [Character], limit: Double) -> Double? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        if Double(abs(a.count - b.count)) * doubling > limit { return nil }
        var previous2 = [Double](repeating: 0, count: b.count + 1)
        var previous = (0...b.count).map { j in j == 0 ? 0 : indelCost(b, j - 1) }
        var current = [Double](repeating: 0, count: b.count + 1)
        var previousMin = 0.0
        for i in 1...a.count {
            current[0] = previous[0] + indelCost(a, i - 1)
            var rowMin = current[0]
            for j in 1...b.count {
                var value = min(
                    previous[j] + indelCost(a, i - 1), current[j - 1] + indelCost(b, j - 1),
                    previous[j - 1] + substitution(a[i - 1], b[j - 1]))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1], a[i - 1] != a[i - 2] {
                    value = min(value, previous2[j - 2] + transposition)
                }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            // A later row can still reach back past this one by a transposition.
            if min(rowMin, previousMin + transposition) > limit { return nil }
            previousMin = rowMin
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// Dropping or adding `word[index]`: cheaper when the letter beside it is the same.
    static func indelCost(_ word: [Character], _ index: Int) -> Double {
        let doubled =
            (index > 0 && word[index - 1] == word[index])
            || (index + 1 < word.count && word[index + 1] == word[index])
        return doubled ? doubling : edit
    }

    /// Typing `a` where `b` was meant.
    static func substitution(_ a: Character, _ b: Character) -> Double {
        if a == b { return 0 }
        if base(a) == base(b) { return accent }
        return Keyboard.areNeighbours(a, b) ? neighbourKey : edit
    }

    static func base(_ character: Character) -> String {
        String(character).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }
}

/// The letter keys of a QWERTY keyboard, each row offset by half a key from the one above.
enum Keyboard {
    static let rows: [[Character]] = [Array("qwertyuiop"), Array("asdfghjkl"), Array("zxcvbnm")]

    static let positions: [Character: (x: Double, y: Double)] = {
        var positions: [Character: (x: Double, y: Double)] = [:]
        for (row, keys) in rows.enumerated() {
            for (column, key) in keys.enumerated() {
                positions[key] = (Double(column) + 0.5 * Double(row), Double(row))
            }
        }
        return positions
    }()

    /// Whether the keys of `a` and `b` touch.
    static func areNeighbours(_ a: Character, _ b: Character) -> Bool {
        guard let p = positions[a], let q = positions[b], a != b else { return false }
        return abs(p.y - q.y) <= 1 && abs(p.x - q.x) <= 1
    }
}
