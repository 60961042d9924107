import Foundation

/// RM3 pseudo-relevance feedback, as Anserini computes it.
///
/// Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004. The first-pass top documents vote for
/// terms in proportion to their share of each document and to the document's score.
///
///     P(t | R) ∝ Σ_d score(d) · tf(t, d) / |d|        over the feedback documents d
///
/// Stop words and one-character tokens are not counted; the best terms are then filtered by
/// document frequency (by the caller, which has the index) and renormalized to sum to 1.
public struct RelevanceModel: Sendable {
    /// A feedback document: its tokens as indexed (stemmed) and its first-pass score.
    public struct Feedback: Sendable {
        /// The tokens, in text order.
        public var tokens: [String]
        /// The first-pass score.
        public var score: Double

        /// A feedback document.
        public init(tokens: [String], score: Double) {
            self.tokens = tokens
            self.score = score
        }
    }

    /// Tokens never used (the stop words, as the index's tokenizer stems them).
    public var excluded: Set<String>

    /// A model that never proposes `excluded`.
    public init(excluded: Set<String>) {
        self.excluded = excluded
    }

    /// Terms by descending P(t | R) (ties by term), at most `count`.
    public func estimate(_ documents: [Feedback], count: Int) -> [(term: String, weight: Double)] {
        var weights: [String: Double] = [:]
        for document in documents {
            var counts: [String: Int] = [:]
            for token in document.tokens where token.count > 1 && !excluded.contains(token) {
                counts[token, default: 0] += 1
            }
            let length = Double(counts.values.reduce(0, +))
            guard length > 0 else { continue }
            for (term, tf) in counts {
                weights[term, default: 0] += document.score * Double(tf) / length
            }
        }
        let ranked = weights.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return ranked.prefix(count).map { (term: $0.key, weight: $0.value) }
    }

    /// `terms` with weights rescaled to sum to 1.
    public static func normalized(_ terms: [(term: String, weight: Double)]) -> [(
        term: String, weight: Double
    )] {
        let total = terms.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return [] }
        return terms.map { ($0.term, $0.weight / total) }
    }

    /// The vote of each feedback document from its first-pass score: `s · exp(sharpness ·
    /// (s / s_max − 1))`; `sharpness` 0 leaves the scores as they are (Anserini).
    public static func documentWeights(_ scores: [Double], sharpness: Double) -> [Double] {
        guard sharpness != 0, let best = scores.max(), best > 0 else { return scores }
        return scores.map { $0 * exp(sharpness * ($0 / best - 1)) }
    }
}
