import Foundation

/// How one query is to be ranked, as handed to the FTS5 ranking function: the parameters and
/// the phrase weights. Typed phrases come first in the MATCH expression and share one weight;
/// expansion phrases come last, each with its own weight, and take no part in proximity.
public struct RankingSpec: Sendable, Hashable {
    public var parameters: RankingParameters
    /// Weight of each typed phrase.
    public var typedWeight: Double
    /// Weights of the expansion phrases at the end of the MATCH expression.
    public var expansionWeights: [Double]

    public init(parameters: RankingParameters = RankingParameters(), typedWeight: Double = 1, expansionWeights: [Double] = []) {
        self.parameters = parameters
        self.typedWeight = typedWeight
        self.expansionWeights = expansionWeights
    }

    /// The query statistics for a MATCH expression with these phrase document frequencies.
    public func statistics(documentCount: Int, averageLengths: [Double], documentFrequencies: [Int]) -> QueryStatistics {
        let typed = max(0, documentFrequencies.count - expansionWeights.count)
        let phrases = documentFrequencies.enumerated().map { index, df in
            index < typed
                ? QueryStatistics.Phrase(documentFrequency: df, weight: typedWeight, proximity: true)
                : QueryStatistics.Phrase(documentFrequency: df, weight: expansionWeights[index - typed], proximity: false)
        }
        return QueryStatistics(documentCount: documentCount, averageLengths: averageLengths, phrases: phrases)
    }

    /// The spec as one line of numbers: parameters; typed weight; expansion weights.
    public var encoded: String {
        let p = parameters
        let values = [p.k1, p.bodyB, p.titleB, p.titleWeight, p.proximityWeight, p.coverageWeight, p.proximityAdjacentOnly ? 1 : 0]
        return [values.map(\.description).joined(separator: " "), typedWeight.description,
                expansionWeights.map(\.description).joined(separator: " ")].joined(separator: ";")
    }

    /// Reads `encoded`; nil when it is not a spec.
    public init?(encoded: String) {
        let parts = encoded.split(separator: ";", omittingEmptySubsequences: false).map { $0.split(separator: " ").compactMap { Double($0) } }
        guard parts.count == 3, parts[0].count == 7, parts[1].count == 1 else { return nil }
        var p = RankingParameters()
        (p.k1, p.bodyB, p.titleB, p.titleWeight, p.proximityWeight, p.coverageWeight) =
            (parts[0][0], parts[0][1], parts[0][2], parts[0][3], parts[0][4], parts[0][5])
        p.proximityAdjacentOnly = parts[0][6] != 0
        self.init(parameters: p, typedWeight: parts[1][0], expansionWeights: parts[2])
    }
}
