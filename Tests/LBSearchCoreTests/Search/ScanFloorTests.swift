import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A scan's floor drops only rows that cannot reach the page.
///
/// The ranking scan shares the worst score of its page with `lbsearch_rank`, which drops the
/// rows whose `Ranker.ceiling` is below it (`RankingState`, `ScanFloor`). The page, its scores
/// and the total are still those of scoring every row.
struct ScanFloorTests {
    /// 5,000 records (more than `TopRows.minimumPrune`, so the floor is set): "alpha" and
    /// "beta" one to four times each, "gamma" up to four times, at varied distances, in bodies
    /// of varied length; "alpha gamma" in half the titles.
    static let corpus: [String: String] = {
        var generator = SplitMix(seed: SplitMix.testSeed)
        let lines = (0..<5_000).map { n -> String in
            var words = (0..<Int.random(in: 3...150, using: &generator)).map { _ in "filler" }
            for (word, least) in [("alpha", 1), ("beta", 1), ("gamma", 0)] {
                for _ in 0..<Int.random(in: least...4, using: &generator) {
                    words.insert(word, at: Int.random(in: 0...words.count, using: &generator))
                }
            }
            let title = Bool.random(using: &generator) ? "alpha gamma note" : "note \(n)"
            return
                #"{"_id": "r\#(n)", "title": "\#(title)", "text": "\#(words.joined(separator: " "))"}"#
        }
        return ["records.jsonl": lines.joined(separator: "\n") + "\n"]
    }()

    /// Every matching row's score, as `lbsearch_rank` gives it with no floor.
    static func allScores(_ expression: String, spec: String, _ db: Database) throws
        -> [CandidateRow]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT rowid AS id, lbsearch_rank(documents_fts, ?) AS score, NULL AS date,
                       0 AS coverage
                FROM documents_fts WHERE documents_fts MATCH ?
                """, arguments: [spec, expression]
        ).map { try CandidateRow(row: $0) }
    }

    static func sortedPairs(_ rows: [CandidateRow]) -> [String] {
        rows.map { "\($0.id) \($0.score)" }.sorted()
    }

    @Test(arguments: [
        #""alpha" "beta""#, #""alpha" "beta" "gamma""#, #""alpha" OR "beta""#,
        #""alpha beta" "gamma""#, #""alpha""#,
    ])
    func pageScoresAndTotalAreThoseOfEveryRow(expression: String) throws {
        let (store, _) = try indexedStore(Self.corpus)
        try store.database.read { db in
            let spec = RankingSpec().encoded
            let every = try Self.allScores(expression, spec: spec, db)
            for count in [1, 10, 100] {
                var query = CandidateQuery(
                    expression: expression, filters: QueryFilters(), sort: .relevance,
                    limit: count, offset: 0)
                query.spec = spec
                var rows = TopRows(count: count)
                try query.scan(into: &rows, db)
                #expect(rows.seen == every.count, "\(expression), \(count)")
                let expected = CandidateSelectionTests.reference(every, count: count)
                #expect(
                    Self.sortedPairs(rows.best) == Self.sortedPairs(expected),
                    "\(expression), \(count)")
            }
        }
    }

    /// The floor does drop rows: with two words, the rows that cannot reach a page of 10.
    @Test func rowsBelowTheFloorAreOnlyCounted() throws {
        let (store, _) = try indexedStore(Self.corpus)
        try store.database.read { db in
            var query = CandidateQuery(
                expression: #""alpha" "beta""#, filters: QueryFilters(), sort: .relevance,
                limit: 10, offset: 0)
            query.spec = RankingSpec().encoded
            var rows = TopRows(count: 10)
            try query.scan(into: &rows, db)
            #expect(rows.skipped > 0)
            #expect(rows.seen > TopRows.minimumPrune)
        }
    }

    /// A loosened query's page, rows covering more of its groups first, is that of every row;
    /// its floor drops rows too: those covering fewer groups than the page's last row, and
    /// those covering as many whose ceiling is below its score.
    @Test(arguments: [
        (#"("alpha" OR "beta" OR "gamma")"#, [1, 1, 1]),
        (#"("gamma" OR "note" OR "alpha beta")"#, [1, 1, 1]),
        (#"("gamma" OR ("alpha beta" AND "note"))"#, [1, 2]),
    ])
    func loosenedPagesAreThoseOfEveryRow(expression: String, groups: [Int]) throws {
        let (store, _) = try indexedStore(Self.corpus)
        try store.database.read { db in
            let spec = RankingSpec().encoded
            let covering = groups.map(String.init).joined(separator: " ")
            let every = try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid AS id, lbsearch_rank(documents_fts, ?) AS score, NULL AS date,
                           lbsearch_coverage(documents_fts, ?) AS coverage
                    FROM documents_fts WHERE documents_fts MATCH ?
                    """, arguments: [spec, covering, expression]
            ).map { try CandidateRow(row: $0) }
            #expect(Set(every.map(\.coverage)).count > 1, "\(expression)")
            var skipped = 0
            for count in [1, 10, 100, 1_000] {
                var query = CandidateQuery(
                    expression: expression, filters: QueryFilters(), sort: .relevance,
                    limit: count, offset: 0)
                (query.spec, query.coverage) = (spec, groups)
                var rows = TopRows(count: count)
                try query.scan(into: &rows, db)
                #expect(rows.seen == every.count, "\(expression), \(count)")
                let expected = CandidateSelectionTests.reference(every, count: count)
                #expect(
                    rows.best.map { "\($0.id) \($0.coverage) \($0.score)" }.sorted()
                        == expected.map { "\($0.id) \($0.coverage) \($0.score)" }.sorted(),
                    "\(expression), \(count)")
                skipped += rows.skipped
            }
            #expect(skipped > 0, "\(expression)")
        }
    }

    /// The threshold a loosened query's floor sets a row: the floor's score with as many
    /// groups covered, none with more, every score with fewer.
    @Test func aLoosenedFloorComparesGroupsFirst() {
        let floor = ScanFloor(groups: [1, 2, 1])
        var evidence = DocumentEvidence(phraseCount: 4, fieldCount: 2)
        evidence.lengths = [3, 50]
        #expect(floor.threshold(evidence) == -.infinity)
        floor.key = FloorKey(coverage: 2, score: 0.5)
        // Phrase 2 covers the second group, phrase 3 the third.
        evidence.count(1, phrase: 2, field: 1)
        #expect(floor.threshold(evidence) == .infinity)
        evidence.count(1, phrase: 3, field: 0)
        #expect(floor.threshold(evidence) == 0.5)
        evidence.count(2, phrase: 0, field: 1)
        #expect(floor.threshold(evidence) == -.infinity)
        // Ordered by score alone: the floor's score, whatever the row's matches.
        let plain = ScanFloor()
        plain.key = FloorKey(coverage: 0, score: 0.25)
        #expect(plain.threshold(evidence) == 0.25)
        #expect(FloorKey(coverage: 2, score: 0.1) > FloorKey(coverage: 1, score: 9))
        #expect(FloorKey.none < FloorKey(coverage: 0, score: -1e300))
    }

    /// No document's score is above its ceiling, wherever its matches are: random matches,
    /// often on neighbouring tokens (where proximity is largest), of up to 12 phrases (past
    /// `Ranker.pairedBoundPhrases`), recorded in text order as a scan records them.
    @Test func theCeilingBoundsEveryScore() throws {
        var generator = SplitMix(seed: SplitMix.testSeed &+ 7)
        for round in 0..<3_000 {
            let phrases = Int.random(in: 1...12, using: &generator)
            var parameters = RankingParameters()
            parameters.k1 = [0, 0.5, 1.2, 2][round % 4]
            parameters.bodyB = [0, 0.75, 1][round % 3]
            parameters.coverageWeight = round % 5 == 0 ? 0.3 : 0
            parameters.proximityAdjacentOnly = round % 7 == 0
            let statistics = QueryStatistics(
                documentCount: 1_000, averageLengths: [3, 200],
                phrases: (0..<phrases).map { index in
                    .init(
                        documentFrequency: Int.random(in: 1...1_000, using: &generator),
                        weight: [0, 0.5, 1, 2].randomElement(using: &generator)!,
                        proximity: index < 10)
                })
            let ranker = Ranker(parameters: parameters, statistics: statistics)
            let lengths = [
                Int.random(in: 1...6, using: &generator),
                Int.random(in: 1...900, using: &generator),
            ]
            // Offsets from a window of a few tokens, so that many matches are neighbours.
            let window = [2, 5, 20, 900].randomElement(using: &generator)!
            var matches: [DocumentEvidence.Match] = []
            for phrase in 0..<phrases {
                for field in 0..<2 {
                    let upper = min(lengths[field], window)
                    let offsets = Set(
                        (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                            Int.random(in: 0..<upper, using: &generator)
                        })
                    matches += offsets.map { .init(phrase: phrase, field: field, offset: $0) }
                }
            }
            var evidence = DocumentEvidence(phraseCount: phrases, fieldCount: 2)
            evidence.lengths = lengths
            for match in matches.sorted(by: { $0.key < $1.key }) {
                evidence.record(
                    phrase: match.phrase, field: match.field, offset: match.offset, query: ranker)
            }
            let ceiling = try #require(ranker.ceiling(evidence))
            // Within the margin `ScanFloor.excludes` allows for rounding.
            #expect(ranker.score(evidence) <= ceiling + abs(ceiling) * 1e-9, "round \(round)")
            #expect(!ScanFloor.excludes(ceiling, below: ranker.score(evidence)))
        }
    }

    /// For common words (a small idf) the ceiling from the match counts is far below the
    /// constant one (each proximity part at min(1, idf) · (k1 + 1)), which is what lets a scan
    /// of two common words drop rows; and neighbours on consecutive tokens reach it.
    @Test func theCeilingFollowsTheMatchCounts() throws {
        let statistics = QueryStatistics(
            documentCount: 1_000_000, averageLengths: [8, 400],
            phrases: [
                .init(documentFrequency: 900_000), .init(documentFrequency: 800_000),
            ])
        let ranker = Ranker(parameters: RankingParameters(), statistics: statistics)
        func evidence(_ matches: [(phrase: Int, offset: Int)]) -> DocumentEvidence {
            var evidence = DocumentEvidence(phraseCount: 2, fieldCount: 2)
            evidence.lengths = [6, 300]
            for match in matches {
                evidence.record(phrase: match.phrase, field: 1, offset: match.offset, query: ranker)
            }
            return evidence
        }
        // a b a on consecutive tokens: each side's accumulator is at its bound.
        let neighbours = evidence([(0, 10), (1, 11), (0, 12)])
        let ceiling = try #require(ranker.ceiling(neighbours))
        #expect(abs(ranker.score(neighbours) - ceiling) <= abs(ceiling) * 1e-12)
        // Apart, the score is below it.
        let apart = evidence([(0, 10), (1, 40), (0, 90)])
        #expect(ranker.score(apart) < ceiling)
        #expect(try #require(ranker.ceiling(apart)) == ceiling)
        // The constant ceiling: the same counts with accumulators too large to matter.
        var saturated = apart
        saturated.proximity = [1e300, 1e300]
        #expect(ceiling < ranker.score(saturated))
    }

    /// A negative weight leaves proximity unbounded: no ceiling, so nothing is dropped.
    @Test func noCeilingWithANegativeWeight() {
        let statistics = QueryStatistics(
            documentCount: 10, averageLengths: [2, 10],
            phrases: [.init(documentFrequency: 1), .init(documentFrequency: 2, weight: -1)])
        let ranker = Ranker(parameters: RankingParameters(), statistics: statistics)
        #expect(ranker.ceiling(DocumentEvidence(phraseCount: 2, fieldCount: 2)) == nil)
    }

    /// Runs of increasing keys come back merged into one increasing sequence, up to and past
    /// `PositionRuns.maxMerged` runs, empty runs included.
    @Test(arguments: [0, 1, 2, 3, 8, 9, 20])
    func positionRunsMergeInOrder(runs: Int) {
        var generator = SplitMix(seed: SplitMix.testSeed &+ UInt64(runs))
        var positions = PositionRuns()
        for _ in 0..<3 {
            positions.reset()
            var all: [UInt64] = []
            for phrase in 0..<runs {
                // A run is in text order: its title matches, then its body matches.
                for field in 0...1 {
                    var offset = 0
                    for _ in 0..<Int.random(in: 0...4, using: &generator) {
                        offset += Int.random(in: 1...5, using: &generator)
                        let key = DocumentEvidence.Match(
                            phrase: phrase, field: field, offset: offset
                        ).key
                        positions.append(key)
                        all.append(key)
                    }
                }
                positions.endRun()
            }
            let merged = positions.withKeysInOrder { Array($0) }
            #expect(merged == all.sorted(), "\(runs) runs")
        }
    }

    /// A run given body first (FTS5's column order with the body as column 0) and ended with
    /// `endRun(rotatingFirst:)` merges as the same run given title first, up to and past
    /// `PositionRuns.maxMerged` runs.
    @Test(arguments: [1, 2, 3, 9])
    func bodyFirstRunsRotateIntoTextOrder(runs: Int) {
        var generator = SplitMix(seed: SplitMix.testSeed &+ UInt64(runs))
        var positions = PositionRuns()
        var all: [UInt64] = []
        for phrase in 0..<runs {
            var body = 0
            for field in [1, 0] {
                var offset = 0
                for _ in 0..<Int.random(in: 0...4, using: &generator) {
                    offset += Int.random(in: 1...5, using: &generator)
                    let key = DocumentEvidence.Match(phrase: phrase, field: field, offset: offset)
                        .key
                    positions.append(key)
                    all.append(key)
                    if field == 1 { body += 1 }
                }
            }
            positions.endRun(rotatingFirst: body)
        }
        let merged = positions.withKeysInOrder { Array($0) }
        #expect(merged == all.sorted(), "\(runs) runs")
        #expect(positions.keys.count == all.count)
    }
}
