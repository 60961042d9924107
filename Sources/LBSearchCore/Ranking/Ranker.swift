import Foundation

/// Scores documents for one query: BM25F over the fields, plus term proximity and coverage.
///
/// For a document with field lengths `len_f` and phrase frequencies `tf_{p,f}`:
///
///     tf̃_p      = Σ_f weight_f · tf_{p,f} / ((1 − b_f) + b_f · len_f / avglen_f)      (BM25F)
///     bm25f     = Σ_p w_p · idf_p · ((k1 + 1) · c_p / (k1 + c_p) + δ⁺),
///                 c_p = tf̃_p + δ                                            (BM25L, BM25+)
///     proximity = λ · Σ_p min(1, idf_p) · (k1 + 1) · acc_p / (acc_p + K),
///                 K = k1 · ((1 − b) + b · len / avglen)                             (Büttcher 2006)
///     coverage  = γ · Σ_{p matched} w_p · idf_p / Σ_p w_p · idf_p
///     dirichlet = ω · Σ_{p matched} w_p · max(0, ln(1 + tf_p / (μ · cf_p / |C|))
///                                           + ln(μ / (|d| + μ)))              (Zhai & Lafferty)
///
/// `score` is the fast path used for every candidate; `explain` builds the same sum as a tree,
/// and tests hold the two equal.
public struct Ranker: Sendable {
    /// The ranking constants.
    public let parameters: RankingParameters
    /// The collection statistics and the query's phrases.
    public let statistics: QueryStatistics
    /// idf of each phrase.
    public let idf: [Double]
    /// weight · idf of each phrase: what it adds to its neighbours' proximity accumulators.
    public let proximityMass: [Double]
    let fieldWeights: [Double]
    let fieldB: [Double]
    let totalAverageLength: Double
    let coverageTotal: Double
    /// The largest `proximityMass` of a proximity phrase (0 without one).
    let largestProximityMass: Double

    /// A ranker for one query.
    public init(parameters: RankingParameters, statistics: QueryStatistics) {
        self.parameters = parameters
        self.statistics = statistics
        let idf = statistics.phrases.indices.map(statistics.idf)
        self.idf = idf
        proximityMass = zip(statistics.phrases, idf).map { $0.weight * $1 }
        fieldWeights = Self.fieldValues(
            statistics.fieldCount, title: parameters.titleWeight, body: 1)
        fieldB = Self.fieldValues(
            statistics.fieldCount, title: parameters.titleB, body: parameters.bodyB)
        totalAverageLength = statistics.averageLengths.reduce(0, +)
        coverageTotal = proximityMass.reduce(0, +)
        largestProximityMass =
            zip(statistics.phrases, proximityMass).map { $0.proximity ? $1 : 0 }
            .max() ?? 0
    }

    /// Title settings for the first field, body settings for the others.
    ///
    /// The fields are (title, body) whatever the order of `documents_fts`'s columns: the
    /// ranking function maps columns to fields (`FieldLayout`, `RankingState`).
    static func fieldValues(_ count: Int, title: Double, body: Double) -> [Double] {
        (0..<count).map { $0 == 0 && count > 1 ? title : body }
    }

    /// The document's score.
    public func score(_ evidence: DocumentEvidence) -> Double {
        total(evidence, proximityCeiling: false)
    }

    /// A score no document with `evidence`'s lengths and frequencies exceeds, whatever the
    /// positions of its matches: each proximity accumulator at the most its phrases' matches
    /// allow (`accumulatorBound`).
    ///
    /// nil when the constants allow no such bound (`proximityBounded`).
    func ceiling(_ evidence: DocumentEvidence) -> Double? {
        proximityBounded ? total(evidence, proximityCeiling: true) : nil
    }

    /// Phrases up to which `accumulatorBound` pairs every phrase with every other.
    static let pairedBoundPhrases = 8

    /// The most `phrase`'s proximity accumulator can hold with `evidence`'s match counts.
    ///
    /// Matches pair up with their neighbours in text order (`DocumentEvidence.Pairs`): each
    /// match with at most two, each pair adding to each side the other phrase's mass over a
    /// squared distance of at least 1. So phrases p and q pair at most 2 · min(tf_p, tf_q)
    /// times, and acc_p ≤ Σ_q mass_q · 2 · min(tf_p, tf_q) over the phrases q that pair with p:
    /// its two neighbours in the query (`proximityAdjacentOnly`), or every other phrase. With
    /// many phrases, pairing with every other, the sum runs over every phrase's
    /// 2 · mass_q · tf_q instead (`allPairs`), or 2 · tf_p times the largest mass if that is
    /// less: looser, and linear in the phrases.
    func accumulatorBound(_ phrase: Int, _ evidence: DocumentEvidence, allPairs: Double)
        -> Double
    {
        let phrases = statistics.phrases
        guard phrases[phrase].proximity else { return 0 }
        let own = evidence.matches(of: phrase)
        guard own > 0 else { return 0 }
        let adjacent = parameters.proximityAdjacentOnly
        guard adjacent || phrases.count <= Self.pairedBoundPhrases else {
            return min(allPairs, Double(2 * own) * largestProximityMass)
        }
        let others =
            adjacent
            ? stride(from: phrase - 1, to: phrase + 2, by: 2)
            : stride(from: 0, to: phrases.count, by: 1)
        var bound = 0.0
        for other in others
        where other != phrase && phrases.indices.contains(other) && phrases[other].proximity {
            bound += proximityMass[other] * Double(2 * min(own, evidence.matches(of: other)))
        }
        return bound
    }

    /// Σ_q 2 · mass_q · tf_q over the proximity phrases: `accumulatorBound`'s sum for many
    /// phrases (0 when it pairs them one by one).
    func allPairsBound(_ evidence: DocumentEvidence) -> Double {
        let phrases = statistics.phrases
        guard !parameters.proximityAdjacentOnly, phrases.count > Self.pairedBoundPhrases else {
            return 0
        }
        var total = 0.0
        for phrase in phrases.indices where phrases[phrase].proximity {
            total += proximityMass[phrase] * Double(2 * evidence.matches(of: phrase))
        }
        return total
    }

    /// True when every proximity part lies in [0, min(1, idf) · (k1 + 1)]: k1 ≥ 0, the body's
    /// b in [0, 1] (so K ≥ 0), a proximity weight ≥ 0 and phrase weights ≥ 0 (so every
    /// accumulator is ≥ 0).
    var proximityBounded: Bool {
        parameters.k1 >= 0 && (0...1).contains(parameters.bodyB)
            && parameters.proximityWeight >= 0 && proximityMass.allSatisfy { $0 >= 0 }
    }

    /// The score, or with `proximityCeiling` its bound: the same sum in the same order.
    ///
    /// The field norms live on the stack: this runs once or twice for every matching row.
    private func total(_ evidence: DocumentEvidence, proximityCeiling: Bool) -> Double {
        let fields = evidence.lengths.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: fields) { buffer in
            for field in 0..<fields { buffer[field] = fieldNorm(field, evidence) }
            return total(evidence, UnsafeBufferPointer(buffer), proximityCeiling: proximityCeiling)
        }
    }

    private func total(
        _ evidence: DocumentEvidence, _ norms: UnsafeBufferPointer<Double>, proximityCeiling: Bool
    ) -> Double {
        var bm25f = 0.0
        var covered = 0.0
        var proximity = 0.0
        // K, computed for the first accumulator above 0: `proximityPart` reads it for no other.
        var proximityK = Double.nan
        var normed = false
        let allPairs = proximityCeiling ? allPairsBound(evidence) : 0
        for phrase in idf.indices {
            let tf = pseudoFrequency(phrase, evidence, norms)
            if tf > 0 {
                bm25f += saturatedPart(phrase, tf)
                covered += proximityMass[phrase]
            }
            let accumulator =
                proximityCeiling
                ? accumulatorBound(phrase, evidence, allPairs: allPairs)
                : evidence.proximity[phrase]
            if accumulator > 0, !normed { (proximityK, normed) = (proximityNorm(evidence), true) }
            proximity += proximityPart(phrase, accumulator, proximityK)
        }
        return bm25f + parameters.proximityWeight * proximity + coveragePart(covered)
            + languageModel(evidence)
    }

    /// ω · the Dirichlet query likelihood of the matched phrases (0 when ω is 0).
    func languageModel(_ evidence: DocumentEvidence) -> Double {
        guard parameters.dirichletWeight != 0 else { return 0 }
        let smoothing = dirichletSmoothing(evidence)
        var total = 0.0
        for phrase in idf.indices {
            total += dirichletPart(phrase, evidence, smoothing)
        }
        return parameters.dirichletWeight * total
    }

    /// ln(μ / (|d| + μ)): the document's share of the prior.
    func dirichletSmoothing(_ evidence: DocumentEvidence) -> Double {
        let mu = max(parameters.dirichletMu, 1e-9)
        return log(mu / (Double(evidence.lengths.reduce(0, +)) + mu))
    }

    /// w · max(0, ln(1 + tf / (μ · P(p | C))) + smoothing) for a matched phrase, else 0.
    func dirichletPart(_ phrase: Int, _ evidence: DocumentEvidence, _ smoothing: Double) -> Double {
        var tf = 0
        for field in evidence.lengths.indices { tf += evidence.frequency(phrase, field) }
        let length = statistics.collectionLength
        guard tf > 0, length > 0 else { return 0 }
        let cf = Double(max(statistics.phrases[phrase].collectionFrequency, tf))
        let mu = max(parameters.dirichletMu, 1e-9)
        let likelihood = log(1 + Double(tf) / (mu * cf / length)) + smoothing
        return statistics.phrases[phrase].weight * max(0, likelihood)
    }

    /// The length norm of each field: (1 − b) + b · len / avglen.
    func fieldNorms(_ evidence: DocumentEvidence) -> [Double] {
        evidence.lengths.indices.map { fieldNorm($0, evidence) }
    }

    /// The length norm of `field`.
    @inline(__always)
    func fieldNorm(_ field: Int, _ evidence: DocumentEvidence) -> Double {
        let average = statistics.averageLengths[field]
        let ratio = average > 0 ? Double(evidence.lengths[field]) / average : 0
        return (1 - fieldB[field]) + fieldB[field] * ratio
    }

    /// The BM25F pseudo-frequency: field frequencies, weighted and length normalized.
    @inline(__always)
    func pseudoFrequency<Norms: RandomAccessCollection<Double>>(
        _ phrase: Int, _ evidence: DocumentEvidence, _ norms: Norms
    ) -> Double where Norms.Index == Int {
        var tf = 0.0
        for field in norms.indices {
            let count = evidence.frequency(phrase, field)
            if count > 0 { tf += fieldWeights[field] * Double(count) / max(norms[field], 1e-9) }
        }
        return tf
    }

    /// w · idf · the saturated frequency.
    func saturatedPart(_ phrase: Int, _ tf: Double) -> Double {
        statistics.phrases[phrase].weight * idf[phrase] * saturated(tf)
    }

    /// (k1 + 1) · c / (k1 + c) + δ⁺ with c = tf + δ (BM25L; BM25+'s δ⁺; both 0 is BM25), for a
    /// matched phrase.
    func saturated(_ tf: Double) -> Double {
        let k1 = parameters.k1
        let shifted = tf + parameters.tfDelta
        return (k1 + 1) * shifted / (k1 + shifted) + parameters.plusDelta
    }

    /// K of the proximity score: k1 · ((1 − b) + b · len / avglen) over the whole document.
    func proximityNorm(_ evidence: DocumentEvidence) -> Double {
        let length = Double(evidence.lengths.reduce(0, +))
        let ratio = totalAverageLength > 0 ? length / totalAverageLength : 0
        return parameters.k1 * ((1 - parameters.bodyB) + parameters.bodyB * ratio)
    }

    /// min(1, idf) · (k1 + 1) · acc / (acc + K), before the proximity weight.
    func proximityPart(_ phrase: Int, _ accumulator: Double, _ k: Double) -> Double {
        guard accumulator > 0 else { return 0 }
        return min(1, idf[phrase]) * (parameters.k1 + 1) * accumulator / (accumulator + k)
    }

    /// γ · the matched share of the query's weight · idf.
    func coveragePart(_ covered: Double) -> Double {
        guard parameters.coverageWeight != 0, coverageTotal > 0 else { return 0 }
        return parameters.coverageWeight * covered / coverageTotal
    }
}
