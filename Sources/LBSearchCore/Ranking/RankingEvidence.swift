/// Everything the ranking function saw for one row.
///
/// The query's statistics and the row's evidence. Crossing from SQLite as text, it lets a score be explained exactly.
public struct RankingEvidence: Sendable, Hashable {
    /// The query's statistics.
    public var statistics: QueryStatistics
    /// The row's evidence.
    public var document: DocumentEvidence

    /// The evidence of one row.
    public init(statistics: QueryStatistics, document: DocumentEvidence) {
        self.statistics = statistics
        self.document = document
    }

    /// `N;avg…;df…;len…;tf…;acc…[;cf…]`, numbers in Swift's exact round-trip form; the
    /// collection frequencies only when they were read.
    public var encoded: String {
        var parts: [[String]] = [
            [String(statistics.documentCount)],
            statistics.averageLengths.map(\.description),
            statistics.phrases.map { String($0.documentFrequency) },
            document.lengths.map(String.init),
            document.frequencies.map(String.init),
            document.proximity.map(\.description),
        ]
        let collection = statistics.phrases.map(\.collectionFrequency)
        if collection.contains(where: { $0 != 0 }) { parts.append(collection.map(String.init)) }
        return parts.map { $0.joined(separator: " ") }.joined(separator: ";")
    }

    /// Reads `encoded` with the phrase weights of `spec`; nil when malformed.
    public init?(encoded: String, spec: RankingSpec) {
        let parts = encoded.split(separator: ";", omittingEmptySubsequences: false).map {
            $0.split(separator: " ")
        }
        guard parts.count == 6 || parts.count == 7, let count = parts[0].first.flatMap({ Int($0) })
        else { return nil }
        let averages = parts[1].compactMap { Double($0) }
        let frequencies = parts[2].compactMap { Int($0) }
        let lengths = parts[3].compactMap { Int($0) }
        let tf = parts[4].compactMap { Int($0) }
        let proximity = parts[5].compactMap { Double($0) }
        let collection = parts.count == 7 ? parts[6].compactMap { Int($0) } : []
        guard lengths.count == averages.count, proximity.count == frequencies.count,
            tf.count == frequencies.count * lengths.count,
            collection.isEmpty || collection.count == frequencies.count
        else { return nil }
        statistics = spec.statistics(
            documentCount: count, averageLengths: averages, documentFrequencies: frequencies,
            collectionFrequencies: collection)
        document = DocumentEvidence(lengths: lengths, frequencies: tf, proximity: proximity)
    }
}
