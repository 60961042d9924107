import Foundation

/// Turns what a person typed into a `Query`.
///
/// Total: every input gives a query, or a one-line `LBSearchError` for a malformed or
/// reversed `date:` value. Unbalanced quotes and parentheses are closed at the end; operators where they make
/// no sense (`OR` first, a lone `-` or `*`, `title:` with no value) are ignored.
///
/// Grammar (`OR` binds tighter than the implicit AND between items; an exclusion among
/// alternatives excludes from their group, `art OR -manga` is `art -manga`):
///
///     sequence := item*
///     item     := unary ("OR" unary)*
///     unary    := "-" unary | "(" sequence ")" | word | "\"" text "\"" | field ":" value
public enum QueryParser {
    /// Texts beyond this many are dropped; longer queries come from pasted documents.
    public static let maxTexts = 256
    /// Parentheses nested deeper than this are ignored (and so is their grouping).
    public static let maxDepth = 16
    /// Words longer than this are cut.
    public static let maxWordLength = 256

    /// The query `text` asks for; throws a user error for a bad `date:` or only exclusions.
    public static func parse(_ text: String) throws -> Query {
        var parser = QueryTokenParser(tokens: QueryLexer.tokens(text))
        let root = parser.sequence(depth: 0)
        if let error = parser.error { throw error }
        let query = Query(root: root, filters: parser.filters, truncated: parser.truncated)
        if let root, root.positiveTexts.isEmpty || !hasPositiveBranch(root) {
            throw query.truncated
                ? LBSearchError.onlyExclusionsRead(limit: maxTexts) : LBSearchError.onlyExclusions
        }
        return query
    }

    /// False when the node can only exclude (every branch is a `.not`).
    static func hasPositiveBranch(_ node: QueryNode) -> Bool {
        switch node {
        case .text: return true
        case .not: return false
        case .and(let children), .or(let children):
            return children.contains(where: hasPositiveBranch)
        }
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

    /// Control, format (zero-width, bidi), surrogate and unassigned code points are dropped.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .unassigned: return true
        default: return false
        }
    }

    /// `text` without control characters, cut to `maxWordLength`, or nil when no token is left.
    static func clean(_ text: String) -> String? {
        let kept = text.unicodeScalars.filter { !isControl($0) }.prefix(maxWordLength * 4)
        var result = String(String.UnicodeScalarView(kept))
        if result.count > maxWordLength { result = String(result.prefix(maxWordLength)) }
        return result.unicodeScalars.contains(where: isTokenScalar) ? result : nil
    }

    /// Number of separate tokens (runs of token characters) in `text`.
    static func tokenRuns(_ text: String) -> Int {
        var runs = 0
        var inside = false
        for scalar in text.unicodeScalars {
            let token = isTokenScalar(scalar)
            if token && !inside { runs += 1 }
            inside = token
        }
        return runs
    }
}

/// The recursive-descent pass over tokens.
struct QueryTokenParser {
    let tokens: [QueryToken]
    var index = 0
    var filters = QueryFilters()
    var texts = 0
    var truncated = false
    var error: LBSearchError?

    init(tokens: [QueryToken]) {
        self.tokens = tokens
    }

    mutating func sequence(depth: Int) -> QueryNode? {
        var items: [QueryNode] = []
        while index < tokens.count {
            switch tokens[index] {
            case .close:
                index += 1
                if depth > 0 { return simplify(items) }
            case .or:
                index += 1
            case .and:
                index += 1
                if items.isEmpty || !startsOperand(index) {
                    items += text("AND", quoted: false, titleOnly: false).map { [$0] } ?? []
                }
            default:
                if let item = alternatives(depth: depth) { items.append(item) }
            }
        }
        return simplify(items)
    }

    /// `unary (OR unary)*`.
    mutating func alternatives(depth: Int) -> QueryNode? {
        var options: [QueryNode] = []
        if let first = unary(depth: depth) { options.append(first) }
        while index + 1 < tokens.count, tokens[index] == .or, startsOperand(index + 1) {
            index += 1
            if let next = unary(depth: depth) { options.append(next) }
        }
        options = QueryNode.distinct(options)
        if options.count <= 1 { return options.first }
        return Self.group(options)
    }

    /// Alternatives as a node.
    ///
    /// An exclusion joined by `OR` excludes from the group it is
    /// written in, as `-word` does anywhere: `art OR -manga` is `art -manga`, and
    /// `anime OR manga OR -art` is `(anime OR manga) -art`.
    static func group(_ options: [QueryNode]) -> QueryNode {
        let positives = options.filter { !$0.isExclusion }
        guard positives.count < options.count else { return .or(options) }
        let any: [QueryNode] = positives.count > 1 ? [.or(positives)] : positives
        return .and(any + options.filter(\.isExclusion))
    }

    mutating func unary(depth: Int) -> QueryNode? {
        let token = tokens[index]
        index += 1
        switch token {
        case .minus:
            guard startsOperand(index) else { return nil }
            if case .field = tokens[index] {
                index += 1
                return field(tokens[index - 1], negated: true)
            }
            return unary(depth: depth).map { node in
                if case .not(let inner) = node { return inner }
                return .not(node)
            }
        case .open:
            return depth >= QueryParser.maxDepth ? nil : sequence(depth: depth + 1)
        case .word(let word):
            return text(word, quoted: false, titleOnly: false)
        case .quoted(let quoted):
            return text(quoted, quoted: true, titleOnly: false)
        case .field:
            return field(token, negated: false)
        case .close, .or, .and:
            return nil
        }
    }

    /// `title:value` becomes a title-only text; `source:`, `tag:` and `date:` become filters.
    mutating func field(_ token: QueryToken, negated: Bool) -> QueryNode? {
        guard case .field(let name) = token, index < tokens.count else { return nil }
        let value: String
        let isQuoted: Bool
        switch tokens[index] {
        case .word(let word): (value, isQuoted) = (word, false)
        case .quoted(let quoted): (value, isQuoted) = (quoted, true)
        default: return nil
        }
        index += 1
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        switch name {
        case "title":
            let node = text(value, quoted: isQuoted, titleOnly: true)
            return negated ? node.map(QueryNode.not) : node
        case "source":
            if !trimmed.isEmpty {
                negated ? filters.excludedSources.append(trimmed) : filters.sources.append(trimmed)
            }
        case "tag":
            if !trimmed.isEmpty {
                negated ? filters.excludedTags.append(trimmed) : filters.tags.append(trimmed)
            }
        default:
            do {
                filters.dates.append(try DateRange.filter(trimmed))
            } catch {
                self.error = self.error ?? error
            }
        }
        return nil
    }

    /// A text node, or nil when the text holds nothing searchable or the query is too long.
    mutating func text(_ raw: String, quoted: Bool, titleOnly: Bool) -> QueryNode? {
        var value = raw
        var prefix = false
        if !quoted, value.hasSuffix("*") {
            while value.hasSuffix("*") { value.removeLast() }
            prefix = true
        }
        guard let cleaned = QueryParser.clean(value) else { return nil }
        if prefix, let last = cleaned.unicodeScalars.last, !QueryParser.isTokenScalar(last) {
            prefix = false
        }
        guard texts < QueryParser.maxTexts else {
            truncated = true
            return nil
        }
        texts += 1
        let phrase = quoted || QueryParser.tokenRuns(cleaned) > 1
        return .text(cleaned, phrase: phrase, prefix: prefix, titleOnly: titleOnly)
    }

    func startsOperand(_ position: Int) -> Bool {
        guard position < tokens.count else { return false }
        switch tokens[position] {
        case .word, .quoted, .open, .minus, .field: return true
        case .close, .or, .and: return false
        }
    }

    /// One item stands alone; nested "all of" groups merge into their parent.
    func simplify(_ items: [QueryNode]) -> QueryNode? {
        var flat: [QueryNode] = []
        for item in items {
            if case .and(let inner) = item { flat += inner } else { flat.append(item) }
        }
        flat = QueryNode.distinct(flat)
        if flat.count <= 1 { return flat.first }
        return .and(flat)
    }
}
