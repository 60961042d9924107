import Foundation

/// How one query is to be ranked, as handed to the FTS5 ranking function.
///
/// The parameters and the phrase weights. Typed phrases come first in the MATCH expression and share one weight;
/// expansion phrases come last, each with its own weight, and take no part in proximity.
public struct RankingSpec: Sendable, Hashable {
    /// The ranking constants.
    public var parameters: RankingParameters
    /// Weight of each typed phrase.
    public var typedWeight: Double
    /// Weights of the expansion phrases at the end of the MATCH expression.
    public var expansionWeights: [Double]
    /// `QueryStatistics.Phrase.width` of the first phrases (the others span 1).
    public var widths: [Int]

    /// A spec for typed phrases of weight `typedWeight`, then the expansion phrases.
    public init(
        parameters: RankingParameters = RankingParameters(), typedWeight: Double = 1,
        expansionWeights: [Double] = [], widths: [Int] = []
    ) {
        self.parameters = parameters
        self.typedWeight = typedWeight
        self.expansionWeights = expansionWeights
        self.widths = widths
    }

    /// The query statistics for a MATCH expression with these phrase document frequencies.
    public func statistics(documentCount: Int, averageLengths: [Double], documentFrequencies: [Int])
        -> QueryStatistics
    {
        let typed = max(0, documentFrequencies.count - expansionWeights.count)
        let phrases = documentFrequencies.enumerated().map { index, df in
            index < typed
                ? QueryStatistics.Phrase(
                    documentFrequency: df, weight: typedWeight, proximity: true,
                    width: index < widths.count ? widths[index] : 1)
                : QueryStatistics.Phrase(
                    documentFrequency: df, weight: expansionWeights[index - typed], proximity: false
                )
        }
        return QueryStatistics(
            documentCount: documentCount, averageLengths: averageLengths, phrases: phrases)
    }

    /// The spec as one line of numbers: the scoring parameters (in the order of
    /// `RankingParameters.settings`); typed weight; expansion weights; and, when a phrase spans
    /// more than one position, the widths.
    public var encoded: String {
        let values = parameters.values(of: RankingParameters.scoringSettings)
        let parts = [
            values.map(\.description).joined(separator: " "), typedWeight.description,
            expansionWeights.map(\.description).joined(separator: " "),
        ]
        let wide =
            widths.contains { $0 != 1 } ? [widths.map(\.description).joined(separator: " ")] : []
        return (parts + wide).joined(separator: ";")
    }

    /// Reads `encoded`; nil when it is not a spec.
    public init?(encoded: String) {
        let parts = encoded.split(separator: ";", omittingEmptySubsequences: false).map {
            $0.split(separator: " ").compactMap { Double($0) }
        }
        guard parts.count == 3 || parts.count == 4, parts[1].count == 1,
            let p = RankingParameters(values: parts[0], of: RankingParameters.scoringSettings)
        else {
            return nil
        }
        self.init(
            parameters: p, typedWeight: parts[1][0], expansionWeights: parts[2],
            widths: parts.count == 4 ? parts[3].map { Int($0) } : [])
    }
}
