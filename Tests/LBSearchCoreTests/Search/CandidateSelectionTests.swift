import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// `CandidateQuery.best` picks the page's rows in one pass (past `selectionLimit` it sorts):
/// whatever the path, it returns exactly what sorting every row and cutting after the last
/// tie returns, in the same order.
struct CandidateSelectionTests {
    /// Sorts every row, then keeps the first `count` and the rows that tie with the last.
    static func reference(_ rows: [CandidateRow], count: Int) -> [CandidateRow] {
        let sorted = rows.sorted { $0.key.precedes($1.key) }
        guard count < sorted.count else { return sorted }
        var end = count
        while end > 0, end < sorted.count, sorted[end].key == sorted[end - 1].key { end += 1 }
        return Array(sorted[..<end])
    }

    /// Rows with few distinct scores, dates and coverages, so that ties are everywhere.
    static func rows(_ count: Int, dated: Bool, using generator: inout SplitMix) throws
        -> [CandidateRow]
    {
        try (0..<count).map { id in
            let date: String? =
                dated && Bool.random(using: &generator)
                ? "2024-0\(Int.random(in: 1...3, using: &generator))" : nil
            let row: Row = [
                "id": Int64(id), "score": Double(Int.random(in: 0..<12, using: &generator)) / 4,
                "date": date, "coverage": Int.random(in: 0...2, using: &generator),
            ]
            return try CandidateRow(row: row)
        }
    }

    @Test(arguments: [0, 1, 2, 10, 11, 37, 256, 257, 1000])
    func selectionMatchesAFullSort(count: Int) throws {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed &+ UInt64(count))
        for size in [0, 1, 5, 10, 11, 300, 3000] {
            for dated in [false, true] {
                let rows = try Self.rows(size, dated: dated, using: &generator)
                let chosen = CandidateQuery.best(rows, count: count).map(\.id)
                let expected = Self.reference(rows, count: count).map(\.id)
                #expect(
                    chosen == expected, "seed \(seed), \(size) rows, dated \(dated), \(count)")
            }
        }
    }

    /// A scan keeps only the rows that may still be among the best (`TopRows`): it picks what
    /// the full sort picks, counts every row, and holds far fewer than it saw.
    @Test(arguments: [0, 1, 10, 37, 300, 2000])
    func scanSelectionMatchesAFullSort(count: Int) throws {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed &+ UInt64(count) &+ 1)
        for size in [0, 5, 4_096, 20_000] {
            for dated in [false, true] {
                var rows = try Self.rows(size, dated: dated, using: &generator)
                // Finer scores than `rows` gives, as a real scan has, and some ties still.
                for index in rows.indices where index % 3 != 0 {
                    rows[index].score += Double(Int.random(in: 0..<1000, using: &generator)) / 1e4
                }
                var top = TopRows(count: count)
                for row in rows { top.add(row) }
                let expected = Self.reference(rows, count: count).map(\.id)
                #expect(top.best.map(\.id) == expected, "seed \(seed), \(size) rows, \(count)")
                #expect(top.seen == size)
                #expect(top.rows.count <= 2 * max(4 * count, TopRows.minimumPrune))
            }
        }
    }
}
