/// Turns what a person typed into a `Query`. Total: any input gives a query (maybe empty).
public enum QueryParser {
    /// Words longer than this are cut; nobody types them, and FTS5 would only waste time.
    static let maxWordLength = 256

    public static func parse(_ text: String) -> Query {
        var words: [String] = []
        var seen: Set<String> = []
        for piece in text.split(whereSeparator: { $0.isWhitespace }) {
            let word = String(piece.unicodeScalars.filter { !isControl($0) }.prefix(maxWordLength).map(Character.init))
            guard word.unicodeScalars.contains(where: isTokenScalar) else { continue }
            if seen.insert(word.lowercased()).inserted { words.append(word) }
        }
        return Query(words: words)
    }

    /// Letters, digits and private-use characters: what SQLite's unicode61 tokenizer keeps
    /// inside tokens (FTS5 documentation, section 4.3.1 "Unicode61 Tokenizer").
    static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return true
        default:
            return false
        }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .unassigned: return true
        default: return false
        }
    }
}
