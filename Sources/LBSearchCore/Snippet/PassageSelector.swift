/// Chooses the passages of a document that best show why it matched.
///
/// Candidate windows start at a sentence before a match (or a few words before it). Each is
/// ranked by how many distinct matched words it holds, then by how close together they are,
/// then by starting at a sentence, then by how many matches it holds. The best windows that do
/// not overlap are kept and returned in document order, merged where they touch.
public struct PassageSelector: Sendable {
    /// Number of fragments per hit, at most.
    public var fragments: Int
    /// Approximate words per fragment.
    public var words: Int

    /// Defaults: two fragments of about 24 words fill about two terminal lines each.
    public init(fragments: Int = 2, words: Int = 24) {
        self.fragments = max(1, fragments)
        self.words = max(4, words)
    }

    /// Characters per word, with its space: the English average (about 6), so a window of
    /// `words` words is `words * 6` characters.
    static let charactersPerWord = 6
    /// What a wide (CJK) character counts: CJK text has no spaces and about two characters per
    /// word (Japanese newspaper text averages 1.5–2.5), so a word is two wide characters.
    static let wideCharacterWeight = charactersPerWord / 2
    /// Candidate windows considered per document; bounds the cost on huge documents.
    static let maxCandidates = 400
    /// Spans closer than this many characters count as equally close, so a sentence start can
    /// decide between them.
    static let closenessBucket = 24

    var length: Int { words * Self.charactersPerWord }

    /// The snippet of a document's highlighted body.
    public func select(_ text: MarkedText) -> Snippet {
        if text.count == 0 { return Snippet(fragments: []) }
        if text.matches.isEmpty {
            return Snippet(fragments: [fragment(text, window(text, start: 0))])
        }
        let keys = matchKeys(text)
        var candidates = candidateWindows(text).map { ($0, score($0, text, keys)) }
        var chosen: [Range<Int>] = []
        while chosen.count < fragments, let best = candidates.max(by: { $0.1 < $1.1 }) {
            chosen.append(best.0)
            candidates.removeAll { $0.0.overlaps(best.0) }
        }
        return Snippet(
            fragments: merge(chosen.sorted { $0.lowerBound < $1.lowerBound }).map {
                fragment(text, $0)
            })
    }

    /// A title (or any short text) with its matches, whole.
    public static func whole(_ text: MarkedText) -> Fragment {
        Fragment(
            text: text.text(0..<text.count), highlights: text.matches, atStart: true, atEnd: true)
    }

    /// A number per distinct matched word (case-folded), one per match.
    ///
    /// Compares scalars in place: a long document can hold thousands of matches of a few words.
    func matchKeys(_ text: MarkedText) -> [Int] {
        var distinct: [Range<Int>] = []
        return text.matches.map { range in
            if let id = distinct.firstIndex(where: { sameWord(text, $0, range) }) { return id }
            distinct.append(range)
            return distinct.count - 1
        }
    }

    /// True when two matches are the same text, ignoring case.
    func sameWord(_ text: MarkedText, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(text.scalars[a], text.scalars[b]) where x != y {
            if x.isASCII && y.isASCII {
                if (x.value | 0x20) != (y.value | 0x20) || !x.properties.isAlphabetic {
                    return false
                }
            } else if x.properties.lowercaseMapping != y.properties.lowercaseMapping {
                return false
            }
        }
        return true
    }

    /// For each match (a sample of them in huge documents): the window from the sentence it
    /// stands in, when the match still fits in it, and the window from a few words before it.
    func candidateWindows(_ text: MarkedText) -> [Range<Int>] {
        let step = max(1, text.matches.count / Self.maxCandidates)
        let sentences = text.sentenceStarts.sorted()
        return stride(from: 0, to: text.matches.count, by: step).flatMap { index in
            let match = text.matches[index]
            var starts = [
                wordStart(
                    text, atOrAfter: retreat(text, from: match.lowerBound, by: length / 4),
                    limit: match.lowerBound)
            ]
            if let sentence = lastStart(sentences, atOrBefore: match.lowerBound),
                sentence != starts[0],
                weight(text, sentence..<match.upperBound) <= length * 9 / 10
            {
                starts.append(sentence)
            }
            return starts.map { start in
                let range = window(text, start: start)
                return range.upperBound >= match.upperBound ? range : start..<match.upperBound
            }
        }
    }

    /// About `length` characters from `start` (wide ones weighing more), ending at a space,
    /// CJK punctuation or another safe cut.
    func window(_ text: MarkedText, start: Int) -> Range<Int> {
        var end = advance(text, from: start, by: length)
        guard end < text.count else { return start..<end }
        let floor = start + (end - start) / 2
        if let space = (floor..<end).reversed().first(where: { text.scalars[$0] == " " }) {
            end = space
        } else if let mark = (floor..<end).reversed().first(where: {
            Self.closesClause(text.scalars[$0])
        }) {
            end = mark + 1
        } else if let cut = (floor...end).reversed().first(where: { isWordCut(text, $0) }),
            cut > start
        {
            end = cut
        } else {
            while end > start + 1, !text.isCutPoint(end) { end -= 1 }
        }
        return start..<end
    }

    /// True when text may be cut before `index` without splitting a grapheme cluster, a match
    /// or a word of a spaced script (`AJClock` in CJK text); between CJK characters it may.
    func isWordCut(_ text: MarkedText, _ index: Int) -> Bool {
        guard index > 0, index < text.count else { return true }
        guard text.isCutPoint(index) else { return false }
        let next = lowerBound(text.matches, index)
        if next > 0, text.matches[next - 1].upperBound > index { return false }
        let before = text.scalars[index - 1]
        let after = text.scalars[index]
        let inWord = { (scalar: Unicode.Scalar) in
            QueryParser.isTokenScalar(scalar) && !CJKText.isCJK(scalar)
        }
        return !(inWord(before) && inWord(after))
    }

    /// The index `amount` characters after `start` (a wide character weighs `wideCharacterWeight`).
    func advance(_ text: MarkedText, from start: Int, by amount: Int) -> Int {
        var end = start
        var budget = amount
        while end < text.count, budget > 0 {
            budget -= Self.weight(text.scalars[end])
            end += 1
        }
        return end
    }

    /// The index `amount` characters before `end`, weighed as in `advance`.
    func retreat(_ text: MarkedText, from end: Int, by amount: Int) -> Int {
        var start = end
        var budget = amount
        while start > 0, budget > 0 {
            start -= 1
            budget -= Self.weight(text.scalars[start])
        }
        return start
    }

    /// The weighed length of `range`.
    func weight(_ text: MarkedText, _ range: Range<Int>) -> Int {
        text.scalars[range].reduce(0) { $0 + Self.weight($1) }
    }

    static func weight(_ scalar: Unicode.Scalar) -> Int {
        scalar.value >= 0x1100 && DisplayWidth.isWide(scalar.value) ? wideCharacterWeight : 1
    }

    /// The start of the first word at or after `index` (not past `limit`): after a space or
    /// CJK punctuation, else at the first safe cut.
    func wordStart(_ text: MarkedText, atOrAfter index: Int, limit: Int) -> Int {
        if index == 0 { return 0 }
        if let space = (index..<max(index, limit)).first(where: {
            text.scalars[$0] == " " || Self.closesClause(text.scalars[$0])
        }) {
            return space + 1
        }
        if let cut = (index..<max(index, limit)).first(where: { isWordCut(text, $0) }) {
            return cut
        }
        var cut = index
        while cut < limit, !text.isCutPoint(cut) { cut += 1 }
        return cut
    }

    /// CJK punctuation after which a fragment may end or start.
    static func closesClause(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x3001 && "、。，．！？」』）：；".unicodeScalars.contains(scalar)
    }

    func score(_ range: Range<Int>, _ text: MarkedText, _ keys: [Int]) -> PassageScore {
        var first = lowerBound(text.matches, range.lowerBound)
        var seen: [Int: Int] = [:]
        var count = 0
        while first < text.matches.count, text.matches[first].lowerBound < range.upperBound {
            if seen[keys[first]] == nil { seen[keys[first]] = text.matches[first].lowerBound }
            count += 1
            first += 1
        }
        let positions = seen.values
        let span = (positions.max() ?? 0) - (positions.min() ?? 0)
        let sentence = text.sentenceStarts.contains(range.lowerBound) ? 1 : 0
        return PassageScore(
            distinct: seen.count, closeness: -(span / Self.closenessBucket),
            sentenceStart: sentence, matches: min(count, 50))
    }

    /// The last of the sorted `starts` at or before `position`.
    func lastStart(_ starts: [Int], atOrBefore position: Int) -> Int? {
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= position { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? starts[low - 1] : nil
    }

    /// Index of the first match starting at or after `position`.
    func lowerBound(_ matches: [Range<Int>], _ position: Int) -> Int {
        var low = 0
        var high = matches.count
        while low < high {
            let mid = (low + high) / 2
            if matches[mid].lowerBound < position { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    func fragment(_ text: MarkedText, _ range: Range<Int>) -> Fragment {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, text.scalars[lower] == " " { lower += 1 }
        while upper > lower, text.scalars[upper - 1] == " " { upper -= 1 }
        let highlights = text.matches
            .map { $0.clamped(to: lower..<upper) }
            .filter { !$0.isEmpty }
            .map { ($0.lowerBound - lower)..<($0.upperBound - lower) }
        return Fragment(
            text: text.text(lower..<upper), highlights: highlights, atStart: lower == 0,
            atEnd: upper == text.count)
    }
}

/// How well a window shows a match; compared field by field, larger is better.
struct PassageScore: Comparable {
    var distinct: Int
    var closeness: Int
    var sentenceStart: Int
    var matches: Int

    static func < (lhs: PassageScore, rhs: PassageScore) -> Bool {
        (lhs.distinct, lhs.closeness, lhs.sentenceStart, lhs.matches) < (
            rhs.distinct, rhs.closeness, rhs.sentenceStart, rhs.matches
        )
    }
}
