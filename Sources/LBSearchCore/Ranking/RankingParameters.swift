import Foundation

/// The constants of lbsearch's ranking, the same for every collection.
///
/// Each constant is declared once, here: a stored property with its default and its source,
/// and one row of `settings` with its `--ranking` name and whether the scoring function reads
/// it. The `k=v` parser, the `RankingSpec` encoding and the tests all derive from that table.
///
/// Defaults are published settings, not fitted to a test collection:
/// - `bodyB` 0.75 is BM25's classic value (Robertson & Zaragoza, "The Probabilistic Relevance
///   Framework: BM25 and Beyond", 2009, section 3.4; Lucene's and SQLite FTS5's `bm25()`
///   default). `k1` is 2, the top of the published range 1.2–2 (Manning, Raghavan & Schütze,
///   "Introduction to Information Retrieval", 2008, section 11.4.3): chosen by LOCO
///   between the range's ends, 2 on every fold; held-out nDCG@10 mean 0.5272 against 0.5239
///   (better on five collections, worse on cacm, −0.0086).
/// - Field weights follow simple BM25F (Robertson & Zaragoza, section 3.5): a title
///   occurrence counts `titleWeight` body occurrences. `titleB` is the classic 0.75 too: the
///   0.5 used before lost under LOCO (0 wins, 3 losses held-out).
/// - Proximity is Büttcher, Clarke & Lushman, "Term Proximity Scoring for Ad-Hoc Retrieval on
///   Very Large Text Collections" (SIGIR 2006), with the BM25 `k1`; its weight is 0.5, not the
///   paper's 1: chosen by leave-one-collection-out (`scripts/eval --loco`) over 0, 0.25, 0.5
///   and 1, where 1 lost on five of the six held-out collections.
/// - A word typed more than once in a natural-language query weighs more, saturating with
///   Okapi's k3 = 7 (Robertson et al., "Okapi at TREC-3", 1994): (k3 + 1) · qtf / (k3 + qtf).
///   Kept by LOCO over {off, 7, 1000}: 7 is chosen on every fold; held-out nDCG@10 mean 0.5239
///   against 0.5125 (wins on cacm, cranfield, lisa; losses on med, scifact; nfcorpus ties).
///   A query that repeats no word is ranked as before.
/// - Relevance feedback is RM3 with Anserini's defaults (Lavrenko & Croft 2001; Abdul-Jaleel et
///   al., UMass at TREC 2004; Anserini's `-rm3`: 10 documents, 10 terms, original weight 0.5),
///   except 30 terms instead of 10: chosen by LOCO (MAP with `--expand`) over 10, 20 and 30, 30
///   on every fold; and a feedback document's vote grows faster than its score
///   (`feedbackSharpness` 5, chosen by LOCO over 0, 2, 5 and 10: 5 on four folds, 10 on two);
///   and a query of more than `feedbackWordCap` words gets only the expansion weight of a query
///   of that many (10, chosen by LOCO over 0, 5, 10, 15 and 20: 10 on five folds, 20 on one).
public struct RankingParameters: Sendable, Hashable {
    /// BM25 term-frequency saturation (2, chosen by LOCO over the published range, see above).
    public var k1 = 2.0
    /// Length normalization of the body (0 none, 1 full).
    public var bodyB = 0.75
    /// Length normalization of the title (BM25's classic 0.75, as the body's).
    public var titleB = 0.75
    /// How many body occurrences one title occurrence is worth.
    public var titleWeight = 2.0
    /// BM25L's shift of the term frequency: a term found in a document counts `tfDelta` more
    /// occurrences before saturation, so long documents are not pushed below short ones for a
    /// single match (Lv & Zhai, "When Documents Are Very Long, BM25 Fails!", SIGIR 2011; 0 is
    /// plain BM25, 0.5 is the paper's value).
    public var tfDelta = 0.0
    /// Weight of the term-proximity score (0 turns it off; chosen by LOCO, see above).
    public var proximityWeight = 0.5
    /// Weight of the query-coverage score (0 turns it off).
    public var coverageWeight = 0.0
    /// Proximity counts only pairs of terms next to each other in the query, as the sequential
    /// dependence model does (Metzler & Croft, SIGIR 2005); otherwise any two query terms.
    public var proximityAdjacentOnly = true
    /// BM25+'s lower bound: a matched phrase adds `plusDelta` · w · idf on top of its saturated
    /// frequency, so a long document's single match is never worth almost nothing (Lv & Zhai,
    /// "Lower-Bounding Term Frequency Normalization", CIKM 2011; 0 is plain BM25, 1 the paper's).
    public var plusDelta = 0.0
    /// Okapi's query-term saturation k3: a word typed `qtf` times weighs
    /// (k3 + 1) · qtf / (k3 + qtf) (Robertson et al., "Okapi at TREC-3", 1994; 0 counts a
    /// repeated word once, a large value counts every repetition as Lucene does).
    public var queryK3 = 7.0
    /// Weight of the Dirichlet-smoothed query likelihood added to BM25F (0 turns it off).
    ///
    /// Each matched phrase adds w · max(0, ln(1 + tf / (μ · cf / |C|)) + ln(μ / (|d| + μ))),
    /// over the whole document, as Lucene's `LMDirichletSimilarity` scores a term (Zhai &
    /// Lafferty, "A Study of Smoothing Methods for Language Models Applied to Ad Hoc Information
    /// Retrieval", SIGIR 2001). Off: with 0.5, LOCO keeps it off on every fold (mean nDCG@10
    /// −0.0022; nfcorpus unchanged, cranfield −0.007, scifact −0.004).
    public var dirichletWeight = 0.0
    /// The Dirichlet prior μ (2000, Zhai & Lafferty's recommended value, Lucene's default).
    public var dirichletMu = 2000.0
    /// Drop stop words from natural-language queries (`StopWords`).
    public var dropStopWords = true
    /// RM3: feedback documents.
    public var feedbackDocuments = 10
    /// RM3: expansion terms (30, not Anserini's 10: chosen by LOCO, see above).
    public var feedbackTerms = 30
    /// RM3: weight of the original query in the expanded one.
    public var originalQueryWeight = 0.5
    /// RM3: terms found in more than this fraction of documents are not used for expansion
    /// (Anserini's RM3 term filter).
    public var feedbackMaxDocumentFraction = 0.1
    /// RM3: how much more the best feedback documents count than the others.
    ///
    /// A document with score `s` votes with `s · exp(sharpness · (s / s_max − 1))` (0 is
    /// Anserini's `s`). The relevance model weighs a document by its likelihood, of which a
    /// score is more like the logarithm. 5, chosen by LOCO over 0, 2, 5 and 10 (see above).
    public var feedbackSharpness = 5.0
    /// RM3: adapt the original query's weight to the overlap between the first ranking's best
    /// documents and the expanded query's (`QueryExpander.adaptedWeight`).
    public var feedbackOverlap = false
    /// RM3: the expansion terms together weigh at most what they weigh beside this many typed
    /// words, however long the query (`QueryExpander.cappedWeight`; 0 is no cap).
    ///
    /// A long query already says what it wants, so its feedback is weakened: RM3's α adapted per
    /// query, as Lv & Zhai adapt the feedback coefficient ("Adaptive Relevance Feedback in
    /// Information Retrieval", CIKM 2009), here from the query's length alone. 10, chosen by
    /// LOCO (MAP with `--expand`) over 0, 5, 10, 15 and 20.
    public var feedbackWordCap = 10

    /// The defaults.
    public init() {}

    /// The query weight of a word typed `count` times: (k3 + 1) · qtf / (k3 + qtf), 1 for once.
    public func queryTermWeight(_ count: Int) -> Double {
        guard count > 1, queryK3 > 0 else { return 1 }
        let qtf = Double(count)
        return (queryK3 + 1) * qtf / (queryK3 + qtf)
    }

    /// Every constant: its name (the property's), how to read and write it as a number, and
    /// whether `lbsearch_rank` reads it (and so `RankingSpec` carries it), in encoding order.
    public static let settings: [Setting] = [
        .number("k1", \.k1, scoring: true),
        .number("bodyB", \.bodyB, scoring: true),
        .number("titleB", \.titleB, scoring: true),
        .number("titleWeight", \.titleWeight, scoring: true),
        .number("proximityWeight", \.proximityWeight, scoring: true),
        .number("tfDelta", \.tfDelta, scoring: true),
        .number("coverageWeight", \.coverageWeight, scoring: true),
        .flag("proximityAdjacentOnly", \.proximityAdjacentOnly, scoring: true),
        .number("plusDelta", \.plusDelta, scoring: true),
        .number("queryK3", \.queryK3, scoring: true),
        .number("dirichletWeight", \.dirichletWeight, scoring: true),
        .number("dirichletMu", \.dirichletMu, scoring: true),
        .flag("dropStopWords", \.dropStopWords, scoring: false),
        .count("feedbackDocuments", \.feedbackDocuments, scoring: false),
        .count("feedbackTerms", \.feedbackTerms, scoring: false),
        .number("originalQueryWeight", \.originalQueryWeight, scoring: false),
        .number("feedbackMaxDocumentFraction", \.feedbackMaxDocumentFraction, scoring: false),
        .number("feedbackSharpness", \.feedbackSharpness, scoring: false),
        .flag("feedbackOverlap", \.feedbackOverlap, scoring: false),
        .count("feedbackWordCap", \.feedbackWordCap, scoring: false),
    ]

    /// The settings `lbsearch_rank` reads, in encoding order.
    static let scoringSettings = settings.filter(\.scoring)

    /// The defaults with `key=value` pairs (comma separated) applied, for experiments.
    ///
    /// For ablations: `k1=0.9,bodyB=0.4,proximityWeight=0`. Unknown keys are an error, and so
    /// is a value that is not a finite number.
    public init(overrides: String) throws {
        for pair in overrides.split(separator: ",") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 2, let value = Double(parts[1]), value.isFinite,
                let setting = Self.settings.first(where: { $0.name == parts[0] })
            else {
                throw LBSearchError.unknownRankingSetting(String(pair))
            }
            setting.set(&self, value)
        }
    }

    /// The value of each setting, in table order.
    public func values(of settings: [Setting] = Self.settings) -> [Double] {
        settings.map { $0.get(self) }
    }

    /// The parameters with `values` assigned to `settings` in order (defaults for the others);
    /// nil when the counts differ.
    init?(values: [Double], of settings: [Setting]) {
        guard values.count == settings.count else { return nil }
        for (setting, value) in zip(settings, values) { setting.set(&self, value) }
    }
}

extension RankingParameters {
    /// One constant of `RankingParameters`, read and written as a number (a flag is 0 or 1, a
    /// count is truncated).
    public struct Setting: @unchecked Sendable {
        /// The name `--ranking` takes: the property's own name.
        public let name: String
        /// Whether the FTS5 ranking function reads it (the others act on the query or on
        /// expansion, before ranking).
        public let scoring: Bool
        let get: (RankingParameters) -> Double
        let set: (inout RankingParameters, Double) -> Void

        static func number(
            _ name: String, _ path: WritableKeyPath<RankingParameters, Double>, scoring: Bool
        ) -> Setting {
            Setting(
                name: name, scoring: scoring, get: { $0[keyPath: path] },
                set: { $0[keyPath: path] = $1 })
        }

        static func count(
            _ name: String, _ path: WritableKeyPath<RankingParameters, Int>, scoring: Bool
        ) -> Setting {
            Setting(
                name: name, scoring: scoring, get: { Double($0[keyPath: path]) },
                set: { $0[keyPath: path] = Int(min(max($1, -1e9), 1e9)) })
        }

        static func flag(
            _ name: String, _ path: WritableKeyPath<RankingParameters, Bool>, scoring: Bool
        ) -> Setting {
            Setting(
                name: name, scoring: scoring, get: { $0[keyPath: path] ? 1 : 0 },
                set: { $0[keyPath: path] = $1 != 0 })
        }
    }
}
