import Foundation

/// The constants of lbsearch's ranking, the same for every collection.
///
/// Defaults are published settings, not fitted to a test collection:
/// - `k1` 1.2 and `bodyB` 0.75 are BM25's classic values (Robertson & Zaragoza, "The
///   Probabilistic Relevance Framework: BM25 and Beyond", 2009, section 3.4; Lucene's and
///   SQLite FTS5's `bm25()` defaults).
/// - Field weights and `titleB` follow simple BM25F (ibid., section 3.5): a title occurrence
///   counts `titleWeight` body occurrences; titles are short and vary little in length, so they
///   are normalized less.
/// - Proximity is Büttcher, Clarke & Lushman, "Term Proximity Scoring for Ad-Hoc Retrieval on
///   Very Large Text Collections" (SIGIR 2006), with its weight 1 and the BM25 `k1`.
/// - Relevance feedback is RM3 with Anserini's defaults (Lavrenko & Croft 2001; Abdul-Jaleel et
///   al., UMass at TREC 2004; Anserini's `-rm3`: 10 documents, 10 terms, original weight 0.5).
public struct RankingParameters: Sendable, Hashable {
    /// BM25 term-frequency saturation.
    public var k1 = 1.2
    /// Length normalization of the body (0 none, 1 full).
    public var bodyB = 0.75
    /// Length normalization of the title.
    public var titleB = 0.5
    /// How many body occurrences one title occurrence is worth.
    public var titleWeight = 2.0
    /// Weight of the term-proximity score (0 turns it off).
    public var proximityWeight = 1.0
    /// Proximity counts only pairs of terms next to each other in the query, as the sequential
    /// dependence model does (Metzler & Croft, SIGIR 2005); otherwise any two query terms.
    public var proximityAdjacentOnly = true
    /// Weight of the query-coverage score (0 turns it off).
    public var coverageWeight = 0.0
    /// Drop stop words from natural-language queries (`StopWords`).
    public var dropStopWords = true
    /// RM3: feedback documents.
    public var feedbackDocuments = 10
    /// RM3: expansion terms.
    public var feedbackTerms = 10
    /// RM3: weight of the original query in the expanded one.
    public var originalQueryWeight = 0.5
    /// RM3: terms found in more than this fraction of documents are not used for expansion
    /// (Anserini's RM3 term filter).
    public var feedbackMaxDocumentFraction = 0.1

    public init() {}

    /// The parameters with `key=value` pairs (comma separated) applied, for experiments and
    /// ablations: `k1=0.9,bodyB=0.4,proximityWeight=0`. Unknown keys are an error.
    public init(overrides: String) throws {
        for pair in overrides.split(separator: ",") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 2, let value = Double(parts[1]), let key = Self.keys[parts[0]]
            else {
                throw LBSearchError.unknownRankingSetting(String(pair))
            }
            self[keyPath: key] = value
        }
    }

    nonisolated(unsafe) static let keys: [String: WritableKeyPath<RankingParameters, Double>] = [
        "k1": \.k1, "bodyB": \.bodyB, "titleB": \.titleB, "titleWeight": \.titleWeight,
        "proximityWeight": \.proximityWeight, "coverageWeight": \.coverageWeight,
        "originalQueryWeight": \.originalQueryWeight,
        "feedbackMaxDocumentFraction": \.feedbackMaxDocumentFraction,
        "feedbackDocuments": \.feedbackDocumentsValue, "feedbackTerms": \.feedbackTermsValue,
        "dropStopWords": \.dropStopWordsValue,
        "proximityAdjacentOnly": \.proximityAdjacentOnlyValue,
    ]

    var proximityAdjacentOnlyValue: Double {
        get { proximityAdjacentOnly ? 1 : 0 }
        set { proximityAdjacentOnly = newValue != 0 }
    }

    var dropStopWordsValue: Double {
        get { dropStopWords ? 1 : 0 }
        set { dropStopWords = newValue != 0 }
    }

    var feedbackDocumentsValue: Double {
        get { Double(feedbackDocuments) }
        set { feedbackDocuments = Int(newValue) }
    }

    var feedbackTermsValue: Double {
        get { Double(feedbackTerms) }
        set { feedbackTerms = Int(newValue) }
    }
}
