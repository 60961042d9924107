/// Chooses the passages of a document that best show why it matched.
///
/// Each candidate window is scored by how many distinct matched words it holds, then how many
/// matches, with a bonus for starting at a sentence; the best non-overlapping windows are kept
/// and returned in document order. The window size is about `words` words (at 6 characters a
/// word, the English average with its space).
public struct PassageSelector: Sendable {
    public var fragments: Int
    public var words: Int

    /// Defaults: two fragments of about 24 words fill two terminal lines each.
    public init(fragments: Int = 2, words: Int = 24) {
        self.fragments = max(1, fragments)
        self.words = max(4, words)
    }

    var length: Int { words * 6 }
    /// Candidate windows considered per document; bounds the cost on huge documents.
    static let maxCandidates = 400

    /// The snippet of a document's highlighted body.
    public func select(_ text: MarkedText) -> Snippet {
        if text.characters.isEmpty { return Snippet(fragments: []) }
        if text.matches.isEmpty { return Snippet(fragments: [fragment(text, window(text, start: 0))]) }
        var candidates = candidateWindows(text).map { ($0, score($0, text)) }
        var chosen: [Range<Int>] = []
        while chosen.count < fragments, let best = candidates.max(by: { $0.1 < $1.1 }) {
            chosen.append(best.0)
            candidates.removeAll { $0.0.overlaps(best.0) }
        }
        return Snippet(fragments: merge(chosen.sorted { $0.lowerBound < $1.lowerBound }).map { fragment(text, $0) })
    }

    /// A title (or any short text) with its matches, whole.
    public static func whole(_ text: MarkedText) -> Fragment {
        return Fragment(
            text: String(text.characters), highlights: text.matches.map { text.scalarRange($0, from: 0) },
            atStart: true, atEnd: true)
    }

    func candidateWindows(_ text: MarkedText) -> [Range<Int>] {
        let stride = max(1, text.matches.count / Self.maxCandidates)
        return Swift.stride(from: 0, to: text.matches.count, by: stride).map { index in
            let match = text.matches[index]
            let sentence = (max(0, match.lowerBound - length * 6 / 10)...match.lowerBound).reversed()
                .first { text.sentenceStarts.contains($0) }
            let start = sentence ?? wordStart(text, atOrAfter: max(0, match.lowerBound - length / 4))
            let range = window(text, start: start)
            return range.upperBound >= match.upperBound ? range : start..<match.upperBound
        }
    }

    /// About `length` characters from `start`, ending at a word boundary.
    func window(_ text: MarkedText, start: Int) -> Range<Int> {
        let count = text.characters.count
        var end = min(count, start + length)
        if end < count, let space = text.characters[start..<end].lastIndex(of: " "), space > start + length / 2 {
            end = space
        }
        return start..<end
    }

    func wordStart(_ text: MarkedText, atOrAfter index: Int) -> Int {
        if index == 0 { return 0 }
        let limit = min(text.characters.count, index + 20)
        guard let space = text.characters[index..<limit].firstIndex(of: " ") else { return index }
        return space + 1
    }

    func score(_ range: Range<Int>, _ text: MarkedText) -> Int {
        let inside = text.matches.filter { range.contains($0.lowerBound) }
        let distinct = Set(inside.map { String(text.characters[$0]).lowercased() }).count
        return distinct * 100 + min(inside.count, 50) * 2 + (text.sentenceStarts.contains(range.lowerBound) ? 1 : 0)
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
        while lower < upper, text.characters[lower] == " " { lower += 1 }
        while upper > lower, text.characters[upper - 1] == " " { upper -= 1 }
        let highlights = text.matches
            .map { $0.clamped(to: lower..<upper) }
            .filter { !$0.isEmpty }
            .map { text.scalarRange($0, from: lower) }
        return Fragment(
            text: String(text.characters[lower..<upper]), highlights: highlights,
            atStart: lower == 0, atEnd: upper == text.characters.count)
    }
}
