/// What a ranking scan runs: the MATCH expression, its phrase weights and their names.
///
/// Made from a compiled query; `QueryExpander` returns a larger one.
struct RankingPlan {
    /// The MATCH expression.
    var expression: String
    /// An expression every candidate must also match (the typed one, under expansion).
    var required: String?
    /// The parameters and phrase weights handed to `lbsearch_rank`.
    var spec: RankingSpec
    /// The names of the expression's phrases, in order, for explanations.
    var labels: [String]
    /// What `--expand` did, when it ran.
    var expansion: ExpansionReport?
    /// An expression without prefixes that matches every row `expression` matches
    /// (`MatchExpression.prefixFree`), for the split scan's estimate; nil when there is none.
    var broader: String?
    /// The expression with each phrase of several words as an `AND` of them
    /// (`MatchExpression.unordered`), for the split scan's estimate; nil when there is none.
    var unordered: String?
    /// Each phrase's text when it is a plain phrase (no prefix, not title-only), else nil.
    ///
    /// `TermCounts` may know such a phrase's document count. Empty for a plan not made from a
    /// compiled query.
    var words: [String?] = []
    /// The phrases' known document counts for `lbsearch_rank` (`TermCounts.frequencies`), once
    /// looked up (`Searcher.counted`).
    var frequencies: String?
    /// At least as many rows as the expression matches, when known without reading them (a
    /// prefix's terms' document counts, `PrefixFanOut.rowBound`).
    var rowBound: Int?
    /// The stored best score of each block of row ids, for a plan of one very common word
    /// (`ScoreCeilings`), once looked up (`Searcher.counted`).
    var ceilings: ScoreCeilings.Lookup?

    /// A plan from its parts.
    init(expression: String, required: String? = nil, spec: RankingSpec, labels: [String]) {
        self.expression = expression
        self.required = required
        self.spec = spec
        self.labels = labels
    }

    /// The plan of a compiled query: every phrase as wide as the positions its text takes
    /// (a CJK phrase is one position per bigram), and typed as often as `typedCounts` says
    /// (once when absent).
    init(_ match: MatchPlan, parameters: RankingParameters, typedCounts: [String: Int] = [:]) {
        let widths = match.phrases.map { CJKText.positions($0.text) }
        let counts = match.phrases.map { typedCounts[$0.text] ?? 1 }
        self.init(
            expression: match.text,
            spec: RankingSpec(
                parameters: parameters, widths: widths,
                queryFrequencies: counts.contains { $0 != 1 } ? counts : []),
            labels: match.labels)
        words = match.phrases.map(Self.word)
    }

    /// Each phrase's own MATCH text when the rows it matches are the phrase's document count
    /// (`SplitScan` counts them in two halves at once), else nil: a plain phrase that FTS5 does
    /// not expand as a prefix and that has a word, written as the expression writes it.
    var phraseExpressions: [String?] {
        words.map { word in
            guard let word, !CJKText.endsWithSingleCharacterRun(word),
                word.contains(where: NaturalQuery.isTermCharacter)
            else { return nil }
            return MatchExpression.quoted(word)
        }
    }

    /// The text of `phrase` when it is searched as it is written: its name is its text, or
    /// its text after the `-` of an exclusion (a prefix adds `*`, a title-only phrase `title:`).
    static func word(_ phrase: MatchPhrase) -> String? {
        phrase.label == phrase.text || phrase.label == "-" + phrase.text ? phrase.text : nil
    }
}
