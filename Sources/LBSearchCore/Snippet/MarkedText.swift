/// Text whose matches were wrapped in `HighlightMarker`s by FTS5 `highlight()`, unwrapped into
/// characters plus match ranges, with white space collapsed and unsafe characters removed.
public struct MarkedText: Sendable {
    /// The cleaned text, as grapheme clusters (so no cut can split one).
    public var characters: [Character]
    /// Matches as ranges of `characters`, in order.
    public var matches: [Range<Int>]
    /// Indices of `characters` where a sentence or paragraph starts.
    public var sentenceStarts: Set<Int>

    /// Parses FTS5 `highlight()` output.
    public init(marked: String) {
        characters = []
        matches = []
        sentenceStarts = [0]
        var openAt: Int?
        var pendingSpace = false
        var sentenceEnded = true
        for character in marked {
            if character.unicodeScalars.first == HighlightMarker.open {
                openAt = characters.count + (pendingSpace && !characters.isEmpty ? 1 : 0)
                continue
            }
            if character.unicodeScalars.first == HighlightMarker.close {
                if let start = openAt, start < characters.count {
                    matches.append(start..<characters.count)
                }
                openAt = nil
                continue
            }
            if character.isWhitespace {
                pendingSpace = true
                if character.isNewline { sentenceEnded = true }
                continue
            }
            guard let safe = TerminalSafety.clean(character) else { continue }
            if pendingSpace, !characters.isEmpty { characters.append(" ") }
            pendingSpace = false
            if sentenceEnded { sentenceStarts.insert(characters.count) }
            sentenceEnded = Self.endsSentence(safe)
            characters.append(safe)
        }
        matches = matches.filter { !$0.isEmpty }
    }

    static func endsSentence(_ character: Character) -> Bool {
        ".!?。！？…".contains(character)
    }

    /// Offsets of `range` of `characters` as Unicode code points from `base`.
    func scalarRange(_ range: Range<Int>, from base: Int) -> Range<Int> {
        let start = scalarCount(base..<range.lowerBound)
        return start..<(start + scalarCount(range))
    }

    func scalarCount(_ range: Range<Int>) -> Int {
        characters[range].reduce(0) { $0 + $1.unicodeScalars.count }
    }
}
