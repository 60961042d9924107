/// A query tree compiled for FTS5: the MATCH text and its phrases, made together by
/// `MatchExpression.compile`, so that phrase i of the text is always named by `phrases[i]`.
public struct MatchPlan: Sendable, Hashable {
    /// The FTS5 MATCH text.
    public var text: String
    /// The phrases of `text`, in the order FTS5 numbers them (the order they are written).
    public var phrases: [MatchPhrase]
    /// When the text is one group of alternatives (`a OR b OR c`, exclusions aside), how many
    /// consecutive phrases each alternative is; empty otherwise.
    public var alternatives: [Int] = []

    /// The names of the phrases, for explanations.
    public var labels: [String] { phrases.map(\.label) }

    /// A plan from its parts.
    public init(text: String, phrases: [MatchPhrase], alternatives: [Int] = []) {
        self.text = text
        self.phrases = phrases
        self.alternatives = alternatives
    }

    /// One phrase: `title : "text" *`.
    init(phrase text: String, prefix: Bool, titleOnly: Bool) {
        // A one-character CJK run is indexed inside bigrams: it matches as their prefix.
        let matchesPrefix = prefix || CJKText.endsWithSingleCharacterRun(text)
        self.text =
            (titleOnly ? "title : " : "") + MatchExpression.quoted(text)
            + (matchesPrefix ? " *" : "")
        let label = (titleOnly ? "title:" : "") + text + (prefix ? "*" : "")
        phrases = [MatchPhrase(text: text, label: label)]
    }

    /// The same text, its phrases named as exclusions (a leading `-`).
    var negated: MatchPlan {
        MatchPlan(
            text: text, phrases: phrases.map { MatchPhrase(text: $0.text, label: "-" + $0.label) })
    }
}

/// One FTS5 phrase of a `MatchPlan`.
public struct MatchPhrase: Sendable, Hashable {
    /// The text searched for, as typed.
    public var text: String
    /// Its name in explanations: `title:` for a title-only phrase, `*` after a prefix, `-`
    /// before an exclusion.
    public var label: String

    /// A phrase and its name.
    public init(text: String, label: String) {
        self.text = text
        self.label = label
    }
}
