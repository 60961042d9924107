/// One lexical unit of a query.
public enum QueryToken: Sendable, Hashable {
    /// A bare word (may end in `*`, may contain inner hyphens and punctuation).
    case word(String)
    /// Text between double quotes (an unclosed quote runs to the end).
    case quoted(String)
    /// `-` directly before a word, quote or parenthesis.
    case minus
    case open
    case close
    /// `OR` in capitals.
    case or
    /// `AND` in capitals.
    case and
    /// `title:`, `source:`, `tag:` or `date:` directly before a value.
    case field(String)
}

/// Splits query text into tokens.
///
/// Total: any string gives a token list.
///
/// It works on Unicode scalars, not characters: a `"` followed by a combining mark is still a
/// quote, so no quote can hide inside a grapheme cluster.
public enum QueryLexer {
    /// Field names understood before a colon; any other `name:` is plain text.
    public static let fields: Set<String> = ["title", "source", "tag", "date"]

    /// The tokens of `text`, in order.
    public static func tokens(_ text: String) -> [QueryToken] {
        var tokens: [QueryToken] = []
        let characters = text.unicodeScalars.map(syntaxFolded)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case _ where character.properties.isWhitespace:
                index += 1
            case "\"":
                let end = characters[(index + 1)...].firstIndex(of: "\"") ?? characters.count
                tokens.append(.quoted(string(characters[(index + 1)..<end])))
                index = end + 1
            case "(":
                tokens.append(.open)
                index += 1
            case ")":
                tokens.append(.close)
                index += 1
            case "-" where index + 1 < characters.count && startsOperand(characters[index + 1]):
                tokens.append(.minus)
                index += 1
            default:
                var end = index
                while end < characters.count, !endsWord(characters[end]) { end += 1 }
                if end == index { end += 1 }
                tokens += wordTokens(
                    string(characters[index..<end]),
                    nextIsQuote: end < characters.count && characters[end] == "\"")
                index = end
            }
        }
        return tokens
    }

    /// The full-width forms of the syntax characters (`＂（）－：＊`), as a Japanese input
    /// method types them, read as ASCII; words keep their form (the tokenizer folds them).
    static func syntaxFolded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard "＂（）－：＊".unicodeScalars.contains(scalar) else { return scalar }
        return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
    }

    static func startsOperand(_ character: Unicode.Scalar) -> Bool {
        !character.properties.isWhitespace && character != "-" && character != ")"
    }

    static func endsWord(_ character: Unicode.Scalar) -> Bool {
        character.properties.isWhitespace || character == "\"" || character == "("
            || character == ")"
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }

    /// A bare word, an operator, or `field:` followed by its value.
    static func wordTokens(_ word: String, nextIsQuote: Bool) -> [QueryToken] {
        let operatorForm = CJKText.folded(word)
        if operatorForm == "OR" { return [.or] }
        if operatorForm == "AND" { return [.and] }
        if let colon = word.firstIndex(of: ":") {
            let name = CJKText.folded(String(word[..<colon])).lowercased()
            let value = String(word[word.index(after: colon)...])
            if fields.contains(name) {
                if !value.isEmpty { return [.field(name), .word(value)] }
                return nextIsQuote ? [.field(name)] : []
            }
        }
        return [.word(word)]
    }
}
