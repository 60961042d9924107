import Foundation

/// What the ranker knows about one query: collection statistics and its weighted phrases.
///
/// Phrases are the query's units in FTS5's order (one per quoted term or phrase of the MATCH
/// expression; FTS5 documentation, section 7 "Custom Auxiliary Functions", `xPhraseCount`).
public struct QueryStatistics: Sendable, Hashable {
    /// Documents in the index.
    public var documentCount: Int
    /// Average length in tokens of each field (title, body: in this order whatever the order of
    /// the FTS5 columns, which `RankingState` maps).
    public var averageLengths: [Double]
    /// The phrases, in FTS5 order.
    public var phrases: [Phrase]

    /// One scored unit of the query.
    public struct Phrase: Sendable, Hashable {
        /// Documents that contain it.
        public var documentFrequency: Int
        /// Query weight (1 for a typed term; RM3 weights after expansion).
        public var weight: Double
        /// Whether it takes part in proximity evidence (typed terms do, expansion terms do not).
        public var proximity: Bool
        /// Token positions it spans, counted from its start.
        ///
        /// Distances to a later phrase are measured from its end. 1 for a word; a CJK word spans one position per character
        /// (its bigrams overlap), so `東京` then `アニメ` in `東京アニメ` are 1 apart, not 2.
        public var width: Int
        /// Occurrences in the whole index (0 when not read: only the language model needs it).
        public var collectionFrequency: Int

        /// A phrase.
        public init(
            documentFrequency: Int, weight: Double = 1, proximity: Bool = true, width: Int = 1,
            collectionFrequency: Int = 0
        ) {
            self.documentFrequency = documentFrequency
            self.collectionFrequency = collectionFrequency
            self.weight = weight
            self.proximity = proximity
            self.width = width
        }
    }

    /// The statistics of one query.
    public init(documentCount: Int, averageLengths: [Double], phrases: [Phrase]) {
        self.documentCount = documentCount
        self.averageLengths = averageLengths
        self.phrases = phrases
    }

    /// Number of fields (FTS5 columns).
    public var fieldCount: Int { averageLengths.count }

    /// Tokens in the index, all fields.
    public var collectionLength: Double {
        averageLengths.reduce(0, +) * Double(documentCount)
    }

    /// BM25 inverse document frequency as in Lucene's `BM25Similarity`:
    /// ln(1 + (N − df + 0.5) / (df + 0.5)), never negative.
    public func idf(_ phrase: Int) -> Double {
        let df = Double(phrases[phrase].documentFrequency)
        return log(1 + (Double(documentCount) - df + 0.5) / (df + 0.5))
    }
}
