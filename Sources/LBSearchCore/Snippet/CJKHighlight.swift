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
    /// The narrowed words and the query words with a CJK character: what a match is cut to.
    let targets: Set<[Unicode.Scalar]>

    /// The narrowing for the positive words of `query`.
    public init(_ query: Query) {
        let words = query.words
        narrowed = words.filter(CJKText.endsWithSingleCharacterRun).map(Self.normalized).filter {
            !$0.isEmpty
        }
        self.words = Set(words.map(Self.normalized))
        targets = Set(narrowed).union(
            words.filter(CJKText.containsCJK).map(Self.normalized).filter { !$0.isEmpty })
    }

    /// `text` with its matches narrowed, then joined where they touch.
    public func narrow(_ text: MarkedText) -> MarkedText {
        guard !narrowed.isEmpty else { return text }
        var copy = text
        copy.matches = MarkedText.merged(text.matches.flatMap { narrow($0, text) })
        return copy
    }

    /// The parts of `match` that are a narrowed word or a CJK query word, with its other
    /// (non-CJK) word characters; `match` itself when it holds no such part (or is exactly a
    /// query word).
    ///
    /// A match can be the union of several overlapping or touching ones (`lbsearch_highlight`
    /// joins `黒猫` and `猫が` into `黒猫が`), so every start is tried and the parts, which may
    /// overlap, are joined again.
    func narrow(_ match: Range<Int>, _ text: MarkedText) -> [Range<Int>] {
        let scalars = Array(text.scalars[match])
        if words.contains(Self.normalized(String(String.UnicodeScalarView(scalars)))) {
            return [match]
        }
        var parts = scalars.indices.compactMap { start in
            end(of: scalars, from: start).map { start..<$0 }
        }
        guard !parts.isEmpty else { return [match] }
        parts += scalars.indices.filter {
            !Self.isCJK(scalars[$0]) && QueryParser.isTokenScalar(scalars[$0])
        }
        .map { $0..<($0 + 1) }
        return MarkedText.merged(parts).map {
            (match.lowerBound + $0.lowerBound)..<(match.lowerBound + $0.upperBound)
        }
    }

    /// The end of the longest stretch of `scalars` from `start` that reads as a narrowed word
    /// or a CJK query word; nil when none starts there.
    func end(of scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard QueryParser.isTokenScalar(scalars[start]), Self.isCJK(scalars[start]) else {
            return nil
        }
        var found: Int?
        for end in (start + 1)...scalars.count {
            let form = Self.normalized(String(String.UnicodeScalarView(scalars[start..<end])))
            if targets.contains(form) { found = end }
            if !targets.contains(where: { $0.starts(with: form) }) { break }
        }
        return found
    }

    /// True for a CJK character, full- or half-width forms included (`ｶ`).
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        CJKText.isCJK(scalar) || CJKText.containsCJK(String(scalar))
    }

    /// `text` folded, lower-cased and reduced to token characters, as the tokenizer compares it.
    static func normalized(_ text: String) -> [Unicode.Scalar] {
        Array(CJKText.folded(text).lowercased().unicodeScalars.filter(QueryParser.isTokenScalar))
    }
}
