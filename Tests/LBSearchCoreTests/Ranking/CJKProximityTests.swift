import Testing

@testable import LBSearchCore

/// CJK words span one position per character (their bigrams overlap), so proximity measures
/// from the end of a CJK word: `東京` then `アニメ` in `東京アニメ` are as close as two
/// adjacent English words.
struct CJKProximityTests {
    @Test(arguments: [
        ("アニメ", 3), ("東京", 2), ("猫", 1), ("AIアート", 4), ("アニメ2025", 4), ("anime", 1),
        ("key frames", 1), ("ＡＩ", 1),
    ])
    func positionsOfAQueryText(text: String, expected: Int) {
        #expect(CJKText.positions(text) == expected)
    }

    @Test func adjacentCJKWordsAreAsCloseAsAdjacentEnglishWords() {
        func proximity(widths: [Int], offsets: [Int]) -> Double {
            let phrases = widths.map { QueryStatistics.Phrase(documentFrequency: 1, width: $0) }
            let ranker = Ranker(
                parameters: RankingParameters(),
                statistics: QueryStatistics(
                    documentCount: 10, averageLengths: [2, 10], phrases: phrases))
            var evidence = DocumentEvidence(phraseCount: 2, fieldCount: 2)
            for (phrase, offset) in offsets.enumerated() {
                evidence.record(phrase: phrase, field: 1, offset: offset, query: ranker)
            }
            return evidence.proximity[0]
        }
        // "Tokyo anime": 0, 1. "東京アニメ": 東京 at 0 (width 2), アニメ at 2.
        #expect(
            proximity(widths: [1, 1], offsets: [0, 1])
                == proximity(widths: [2, 3], offsets: [0, 2]))
        #expect(
            proximity(widths: [2, 3], offsets: [0, 3])
                < proximity(widths: [2, 3], offsets: [0, 2]))
    }

    @Test func widthsSurviveTheSpecEncodingAndEnglishSpecsAreUnchanged() {
        let spec = RankingSpec(widths: [2, 1, 3])
        #expect(RankingSpec(encoded: spec.encoded)?.widths == [2, 1, 3])
        #expect(RankingSpec(widths: [1, 1]).encoded == RankingSpec().encoded)
    }
}
