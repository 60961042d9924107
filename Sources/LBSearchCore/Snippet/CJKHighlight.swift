/// Narrows the highlights of one-character CJK query words to that character.
///
/// Such a word matches as the prefix of the bigrams that start with it, or as the last
/// character of a run (a token at the position of the run's last bigram), so FTS5
/// `highlight()` marks a whole bigram (`猫が`, `黒猫`). Each such match is cut down to the
/// occurrences of the query word inside it; other matches are left alone.
public struct CJKHighlight: Sendable {
    /// The query words (folded, lower-cased, token characters only) that end in a one-character
    /// CJK run, and every positive query word in the same form.
    let narrowed: [[Unicode.Scalar]]
    let words: Set<[Unicode.Scalar]>

    /// The narrowing for the positive words of `query`.
    public init(_ query: Query) {
        let words = query.words
        narrowed = words.filter(CJKText.endsWithSingleCharacterRun).map(Self.normalized).filter {
            !$0.isEmpty
        }
        self.words = Set(words.map(Self.normalized))
    }

    /// `text` with its matches narrowed.
    public func narrow(_ text: MarkedText) -> MarkedText {
        guard !narrowed.isEmpty else { return text }
        var copy = text
        copy.matches = text.matches.flatMap { narrow($0, text) }
        return copy
    }

    /// The parts of `match` that are a narrowed word, or `match` itself when there are none
    /// (or when the match is exactly another query word).
    func narrow(_ match: Range<Int>, _ text: MarkedText) -> [Range<Int>] {
        let scalars = Array(text.scalars[match])
        if words.contains(Self.normalized(String(String.UnicodeScalarView(scalars)))) {
            return [match]
        }
        var parts: [Range<Int>] = []
        var start = 0
        while start < scalars.count {
            if let end = end(of: scalars, from: start) {
                parts.append((match.lowerBound + start)..<(match.lowerBound + end))
                start = end
            } else {
                start += 1
            }
        }
        return parts.isEmpty ? [match] : parts
    }

    /// The end of the shortest stretch of `scalars` from `start` that reads as a narrowed word.
    func end(of scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard QueryParser.isTokenScalar(scalars[start]) else { return nil }
        for end in (start + 1)...scalars.count {
            let form = Self.normalized(String(String.UnicodeScalarView(scalars[start..<end])))
            if narrowed.contains(form) { return end }
            if !narrowed.contains(where: { $0.starts(with: form) }) { return nil }
        }
        return nil
    }

    /// `text` folded, lower-cased and reduced to token characters, as the tokenizer compares it.
    static func normalized(_ text: String) -> [Unicode.Scalar] {
        Array(CJKText.folded(text).lowercased().unicodeScalars.filter(QueryParser.isTokenScalar))
    }
}
