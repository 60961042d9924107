import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The proximity accumulators of a row come out the same, to the bit, whichever way its
/// positions are fed to them.
struct DocumentEvidenceTests {
    /// Two runs of one phrase each, merged as they are read (`recordProximity(merging:)`), give
    /// the accumulators that the keys merged first and recorded in order give: phrases next to
    /// each other in the query or not, of one position or wider, with matches at one offset,
    /// far apart, in one field or both, and with a run empty.
    @Test(arguments: [true, false])
    func twoRunsMergedAsReadGiveTheSameProximity(adjacentOnly: Bool) {
        var generator = SplitMix(seed: SplitMix.testSeed &+ (adjacentOnly ? 1 : 0))
        var mergedRows = 0
        for round in 0..<500 {
            let phraseCount = Int.random(in: 2...4, using: &generator)
            let statistics = QueryStatistics(
                documentCount: 1000, averageLengths: [6, 120],
                phrases: (0..<phraseCount).map { _ in
                    .init(
                        documentFrequency: Int.random(in: 1...1000, using: &generator),
                        weight: Double.random(in: 0.1...2, using: &generator),
                        width: Int.random(in: 1...3, using: &generator))
                })
            var parameters = RankingParameters()
            parameters.proximityAdjacentOnly = adjacentOnly
            let table = ProximityTable(Ranker(parameters: parameters, statistics: statistics))
            let pair = Array((0..<phraseCount).shuffled(using: &generator).prefix(2))
            var keys: [UInt64] = []
            var split = 0
            for (index, phrase) in pair.enumerated() {
                for field in 0...1 {
                    var offset = Int.random(in: 0...3, using: &generator)
                    for _ in 0..<Int.random(in: 0...6, using: &generator) {
                        offset += Int.random(in: 0...1, using: &generator) == 0 ? 1 : 300
                        keys.append(
                            DocumentEvidence.Match(phrase: phrase, field: field, offset: offset).key
                        )
                        offset += Int.random(in: 0...4, using: &generator)
                    }
                }
                if index == 0 { split = keys.count }
            }
            var merged = DocumentEvidence(phraseCount: phraseCount, fieldCount: 2)
            var inOrder = merged
            keys.withUnsafeBufferPointer {
                merged.recordProximity(merging: $0, split: split, table)
            }
            keys.sorted().withUnsafeBufferPointer { inOrder.recordProximity(inOrder: $0, table) }
            #expect(
                merged.proximity.map(\.bitPattern) == inOrder.proximity.map(\.bitPattern),
                "round \(round): \(keys), split \(split)")
            if inOrder.proximity.contains(where: { $0 > 0 }) { mergedRows += 1 }
            // A later match pairs with the last of both runs, as it would in order.
            let later = DocumentEvidence.Match(phrase: pair[0], field: 1, offset: 1 << 20).key
            var (afterMerged, afterInOrder) = (merged, inOrder)
            [later].withUnsafeBufferPointer {
                afterMerged.recordProximity(inOrder: $0, table)
                afterInOrder.recordProximity(inOrder: $0, table)
            }
            #expect(
                afterMerged.proximity.map(\.bitPattern)
                    == afterInOrder.proximity.map(\.bitPattern), "round \(round), later match")
        }
        #expect(mergedRows > 100)
    }
}
