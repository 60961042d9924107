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
    /// How many times each of the first typed phrases was typed (the others once); their weight
    /// is `typedWeight` · `RankingParameters.queryTermWeight`.
    public var queryFrequencies: [Int]

    /// A spec for typed phrases of weight `typedWeight`, then the expansion phrases.
    public init(
        parameters: RankingParameters = RankingParameters(), typedWeight: Double = 1,
        expansionWeights: [Double] = [], widths: [Int] = [], queryFrequencies: [Int] = []
    ) {
        self.parameters = parameters
        self.typedWeight = typedWeight
        self.expansionWeights = expansionWeights
        self.widths = widths
        self.queryFrequencies = queryFrequencies
    }

    /// The weight of typed phrase `index`: `typedWeight` times its query-frequency weight.
    func typedWeight(_ index: Int) -> Double {
        let count = index < queryFrequencies.count ? queryFrequencies[index] : 1
        return typedWeight * parameters.queryTermWeight(count)
    }

    /// The query statistics for a MATCH expression with these phrase document frequencies (and
    /// collection frequencies, when the language model needs them).
    public func statistics(
        documentCount: Int, averageLengths: [Double], documentFrequencies: [Int],
        collectionFrequencies: [Int] = []
    ) -> QueryStatistics {
        let typed = max(0, documentFrequencies.count - expansionWeights.count)
        let phrases = documentFrequencies.enumerated().map { index, df in
            index < typed
                ? QueryStatistics.Phrase(
                    documentFrequency: df, weight: typedWeight(index), proximity: true,
                    width: index < widths.count ? widths[index] : 1)
                : QueryStatistics.Phrase(
                    documentFrequency: df, weight: expansionWeights[index - typed], proximity: false
                )
        }.enumerated().map { index, phrase in
            var phrase = phrase
            if index < collectionFrequencies.count {
                phrase.collectionFrequency = collectionFrequencies[index]
            }
            return phrase
        }
        return QueryStatistics(
            documentCount: documentCount, averageLengths: averageLengths, phrases: phrases)
    }

    /// The spec as one line of numbers: the scoring parameters (in the order of
    /// `RankingParameters.settings`); typed weight; expansion weights; and, when a phrase spans
    /// more than one position or was typed more than once, the widths and the query frequencies.
    public var encoded: String {
        let values = parameters.values(of: RankingParameters.scoringSettings)
        var parts = [
            values.map(\.description).joined(separator: " "), typedWeight.description,
            expansionWeights.map(\.description).joined(separator: " "),
        ]
        let repeated = queryFrequencies.contains { $0 != 1 }
        if repeated || widths.contains(where: { $0 != 1 }) {
            parts.append(widths.map(\.description).joined(separator: " "))
        }
        if repeated { parts.append(queryFrequencies.map(\.description).joined(separator: " ")) }
        return parts.joined(separator: ";")
    }

    /// Reads `encoded`; nil when it is not a spec.
    public init?(encoded: String) {
        let parts = encoded.split(separator: ";", omittingEmptySubsequences: false).map {
            $0.split(separator: " ").compactMap { Double($0) }
        }
        guard (3...5).contains(parts.count), parts[1].count == 1,
            let p = RankingParameters(values: parts[0], of: RankingParameters.scoringSettings)
        else {
            return nil
        }
        self.init(
            parameters: p, typedWeight: parts[1][0], expansionWeights: parts[2],
            widths: parts.count >= 4 ? parts[3].map { Int($0) } : [],
            queryFrequencies: parts.count == 5 ? parts[4].compactMap { Int(exactly: $0) } : [])
    }
}
