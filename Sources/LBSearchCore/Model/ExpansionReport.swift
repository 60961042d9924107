/// What `--expand` did to a query, for `--explain`: the terms it added, or why it added none.
public struct ExpansionReport: Sendable, Hashable {
    /// An added term and its weight, relative to a typed word's weight of 1.
    public struct Term: Sendable, Hashable {
        /// The term as indexed (stemmed).
        public var term: String
        /// Its weight in the expanded query; each typed word weighs 1.
        public var weight: Double

        /// A term and its weight.
        public init(term: String, weight: Double) {
            self.term = term
            self.weight = weight
        }
    }

    /// Why expansion added nothing.
    public enum Abstention: Sendable, Hashable {
        /// No document matched the query (or there was no time to read them).
        case noFeedback
        /// The best documents have no term rare enough, that is not a stop word or a
        /// fragment of CJK text, among the best terms of the relevance model.
        case noTerms
        /// The expanded query kept none of the first ranking's best documents (`overlap` 0 of
        /// `compared`): expansion would change the subject rather than refine it.
        case drift(compared: Int)
    }

    /// The terms added, by descending weight; empty when expansion abstained.
    public var terms: [Term]
    /// The share of the expanded query's weight left to the typed words (RM3's α).
    public var originalWeight: Double
    /// Why nothing was added, when nothing was.
    public var abstention: Abstention?
    /// Of the first ranking's best documents, the share the expanded query kept among its own
    /// best (when the weight adapts to it).
    public var overlap: Double?
    /// The number of typed words the expansion's weight was capped at, when the query had more
    /// (`RankingParameters.feedbackWordCap`).
    public var wordCap: Int?

    /// Expansion that added `terms`, the typed words keeping `originalWeight`.
    public init(terms: [Term], originalWeight: Double, overlap: Double? = nil) {
        self.terms = terms
        self.originalWeight = originalWeight
        self.overlap = overlap
    }

    /// Expansion that added nothing, and why.
    public init(abstained reason: Abstention, overlap: Double? = nil) {
        self.terms = []
        self.originalWeight = 1
        self.abstention = reason
        self.overlap = overlap
    }

    /// One line for `--explain`.
    public var summary: String {
        var line: String
        switch abstention {
        case .noFeedback?:
            line = "none: no document to learn from"
        case .noTerms?:
            line = "none: the best documents have no rare enough word among their best terms"
        case .drift(let compared)?:
            line = "none: the expanded query kept none of the first \(compared) documents"
        case nil:
            let added = terms.map { "+\($0.term) \(Self.format($0.weight))" }
            line = added.joined(separator: ", ") + " (typed words weigh 1; "
            line += "original query weight \(Self.format(originalWeight))"
            if let wordCap { line += ", raised for a query of more than \(wordCap) words" }
            line += ")"
        }
        if let overlap { line += "; kept \(Self.format(overlap)) of the first top documents" }
        return line
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded.description
    }
}
