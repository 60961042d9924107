import GRDBSQLite

/// The per-query state of `lbsearch_rank` and `lbsearch_evidence`: the ranker, a reusable
/// evidence buffer, the reader of field lengths and the floor of the scan.
///
/// A row's evidence is read in two steps. `read` counts each phrase's matches per field from
/// the phrase's own position list (`FTS5Row.forEachPosition`), keeping the positions of the
/// proximity phrases; `replayProximity` then feeds those in text order to the proximity
/// accumulators. Between the two, a row whose `Ranker.ceiling` (its score with the largest
/// proximity any positions could give) is below the scan's floor is dropped: it could not
/// reach the page, and its positions are never sorted or replayed.
final class RankingState {
    let ranker: Ranker
    /// The evidence `readAll` fills.
    var evidence: DocumentEvidence {
        get { rows.pointee.evidence }
        set { rows.pointee.evidence = newValue }
    }
    /// The buffers a row is read into, evidence and positions, kept outside the object and
    /// reused from row to row: `score` moves them into locals and back, without the dynamic
    /// exclusivity checks of a class property or the retains of a swap.
    private let rows: UnsafeMutablePointer<(evidence: DocumentEvidence, positions: PositionRuns)>
    /// Field lengths read in row id order; nil when FTS5's `xColumnSize` reads them.
    var lengths: DocumentLengths? {
        didSet { lengthsReader = lengths.map(Unmanaged.passUnretained) }
    }
    /// `lengths`, which keeps it alive, called through without a retain per row.
    private var lengthsReader: Unmanaged<DocumentLengths>?
    /// Whether the first row's lengths were compared with `xColumnSize`'s.
    var checked = false
    /// Whether each phrase's positions are kept for proximity: only with two or more
    /// proximity phrases, since a pair of different phrases is what adds proximity.
    let tracked: [Bool]
    /// Whether any phrase is tracked: proximity needs the row's positions.
    let tracksPositions: Bool
    /// The query's proximity constants.
    let table: ProximityTable
    /// The worst score still on the scan's page, when the scan shares it (`ScanFloor`).
    var floor: ScanFloor?
    /// What a field (the ranker's order: title, body) and an FTS5 column differ by
    /// (`FieldLayout.swap`): every column FTS5 reports is mapped to its field here, so the
    /// ranker sees the fields in the same order whatever the index's column order.
    let columnSwap: Int

    init(ranker: Ranker, lengths: DocumentLengths? = nil, columnSwap: Int = 0) {
        self.ranker = ranker
        self.lengths = lengths
        lengthsReader = lengths.map(Unmanaged.passUnretained)
        self.columnSwap = columnSwap
        rows = .allocate(capacity: 1)
        rows.initialize(
            to: (
                DocumentEvidence(
                    phraseCount: ranker.statistics.phrases.count,
                    fieldCount: ranker.statistics.fieldCount),
                PositionRuns()
            ))
        let proximity = ranker.statistics.phrases.enumerated().map { index, phrase in
            phrase.proximity && index < FTS5Row.maxMergedPhrases
        }
        let pairs = proximity.filter { $0 }.count >= 2
        tracked = proximity.map { $0 && pairs }
        tracksPositions = pairs
        table = ProximityTable(ranker)
    }

    deinit {
        rows.deinitialize(count: 1)
        rows.deallocate()
    }

    /// The state of a query ranked by `spec`; `frequencies` are phrase document counts
    /// already known (`TermCounts.frequencies`), the others are counted.
    convenience init?(_ row: FTS5Row, spec: String?, frequencies: String? = nil) {
        guard let spec = spec.flatMap(RankingSpec.init(encoded:)),
            let layout = row.connection.flatMap(FieldLayout.read(connection:))
        else { return nil }
        let swap = row.swap(layout)
        // Collection frequencies cost a second read of each doclist: only for the language
        // model, when it is on.
        let statistics = spec.statistics(
            documentCount: row.rowCount(), averageLengths: row.averageLengths(swap: swap),
            documentFrequencies: row.documentFrequencies(
                known: TermCounts.parsed(frequencies, phrases: row.phraseCount)),
            collectionFrequencies: spec.parameters.dirichletWeight != 0
                ? row.collectionFrequencies() : [])
        self.init(
            ranker: Ranker(parameters: spec.parameters, statistics: statistics),
            lengths: row.connection.flatMap(DocumentLengths.init), columnSwap: swap)
    }

    /// The current row's score; nil when it is below the floor and cannot reach the page.
    ///
    /// The buffers are moved into locals for the row (`rows`): each match then updates a local
    /// value, not a class property (whose every write costs a dynamic exclusivity check), and
    /// they are handed to the ranker without a copy. Positions are read only for a row that may
    /// reach the page, and only when proximity needs them.
    func score(_ row: FTS5Row) -> Double? {
        var (local, kept) = rows.move()
        defer { rows.initialize(to: (local, kept)) }
        local.clearMatches()
        let keeper = floor?.phraseRows
        if keeper?.overflowed == true { return nil }
        readLengths(row, into: &local.lengths)
        countMatches(row, into: &local)
        if let keeper {
            // Kept to be scored once the scan has counted the rows (`PhraseRows`).
            keeper.keep(row.rowid, local, ranker)
            return nil
        }
        let floor = floor?.threshold(local) ?? -.infinity
        // Fewer of a loosened query's groups than the page's last row.
        if floor == .infinity { return nil }
        guard tracksPositions else {
            // A row below the floor is only counted: its score is not read back.
            let score = ranker.score(local)
            if ScanFloor.excludes(score, below: floor) { return nil }
            return score
        }
        // Without two positions to replay, the ceiling is the score.
        if floor > -.infinity, trackedMatches(local) > 1,
            let ceiling = ranker.ceiling(local),
            ScanFloor.excludes(ceiling, below: floor)
        {
            return nil
        }
        kept.reset()
        readPositions(row, into: &kept)
        replayProximity(&kept, into: &local)
        return ranker.score(local)
    }

    /// Fills `evidence` for the current row, proximity included.
    func readAll(_ row: FTS5Row) {
        var (local, kept) = rows.move()
        defer { rows.initialize(to: (local, kept)) }
        local.reset()
        readLengths(row, into: &local.lengths)
        countMatches(row, into: &local)
        kept.reset()
        readPositions(row, into: &kept)
        replayProximity(&kept, into: &local)
    }

    /// Adds to `evidence` each phrase's matches in each field of the current row: read from
    /// the bytes of its position list (`FTS5Row.forEachColumnCount`) unless the first row with
    /// a match found them different from the positions counted one by one.
    func countMatches(_ row: FTS5Row, into evidence: inout DocumentEvidence) {
        let swap = columnSwap
        let phrases = min(row.phraseCount, tracked.count)
        let fields = evidence.lengths.count
        if !countsChecked { checkCounts(row, phrases: phrases) }
        for phrase in 0..<phrases {
            if countsFromBytes {
                row.forEachColumnCount(of: phrase) { column, count in
                    let field = column ^ swap
                    if field < fields { evidence.count(count, phrase: phrase, field: field) }
                }
            } else {
                row.forEachPosition(of: phrase) { column, _ in
                    let field = column ^ swap
                    if field < fields { evidence.count(phrase: phrase, field: field) }
                }
            }
        }
    }

    /// Whether counts and positions are read from position list bytes: true until
    /// `checkCounts` finds them different from the positions read one by one.
    private(set) var countsFromBytes = true
    /// Whether a row with a match has compared the two ways of counting.
    private var countsChecked = false

    /// Compares the two ways of counting the current row's matches, (phrase, column, count)
    /// for every run of matches in one column, and of reading their positions; once a row has
    /// a match, it has compared.
    private func checkCounts(_ row: FTS5Row, phrases: Int) {
        var fromBytes: [Int] = []
        var counted: [Int] = []
        var (decoded, stepped): ([Int], [Int]) = ([], [])
        for phrase in 0..<phrases {
            row.forEachColumnCount(of: phrase) { column, count in
                if count > 0 { fromBytes += [phrase, column, count] }
            }
            row.forEachPositionInBytes(of: phrase) { decoded += [phrase, $0, $1] }
            row.forEachPosition(of: phrase) { column, offset in
                stepped += [phrase, column, offset]
                let last = counted.count
                if last >= 3, counted[last - 3] == phrase, counted[last - 2] == column {
                    counted[last - 1] += 1
                } else {
                    counted += [phrase, column, 1]
                }
            }
        }
        guard !counted.isEmpty || !fromBytes.isEmpty else { return }
        countsChecked = true
        countsFromBytes = fromBytes == counted && decoded == stepped
    }

    /// Matches of the tracked phrases in `evidence`: the positions `readPositions` would keep.
    func trackedMatches(_ evidence: DocumentEvidence) -> Int {
        var total = 0
        for phrase in tracked.indices where tracked[phrase] {
            total += evidence.matches(of: phrase)
        }
        return total
    }

    /// Puts in `positions` those of the tracked phrases in the current row, one run per phrase.
    func readPositions(_ row: FTS5Row, into positions: inout PositionRuns) {
        let swap = columnSwap
        for phrase in 0..<min(row.phraseCount, tracked.count) where tracked[phrase] {
            // Keyed by field: text order is the title, then the body. With the body as
            // column 0, FTS5 gives its positions first: they move behind the title's.
            var first = 0
            let append = { (column: Int, offset: Int) in
                positions.append(
                    FTS5Row.mergeKey(phrase: phrase, column: column ^ swap, offset: offset))
                if column == 0 { first += 1 }
            }
            if countsFromBytes {
                row.forEachPositionInBytes(of: phrase, append)
            } else {
                row.forEachPosition(of: phrase, append)
            }
            positions.endRun(rotatingFirst: swap == 0 ? 0 : first)
        }
    }

    /// Feeds `positions`, in text order, to `evidence`'s proximity accumulators: two runs (a
    /// query of two proximity phrases) merged as they are read, more merged first.
    func replayProximity(_ positions: inout PositionRuns, into evidence: inout DocumentEvidence) {
        guard positions.keys.count > 1 else { return }
        if let split = positions.twoRunSplit {
            positions.keys.withUnsafeBufferPointer {
                evidence.recordProximity(merging: $0, split: split, table)
            }
            return
        }
        positions.withKeysInOrder { evidence.recordProximity(inOrder: $0, table) }
    }

    /// The row's field lengths, from `lengths` when it has the row, else from FTS5: every
    /// field's is written (`score` does not clear them).
    ///
    /// The first row's are compared with FTS5's, and a reader that disagrees is dropped
    /// (a table other than `documents_fts` has other lengths).
    func readLengths(_ row: FTS5Row, into lengths: inout [Int]) {
        let swap = columnSwap
        if let reader = lengthsReader,
            reader._withUnsafeGuaranteedRef({ $0.read(row.rowid, into: &lengths, swap: swap) })
        {
            if checked { return }
            checked = true
            if lengths.indices.allSatisfy({ lengths[$0] == row.columnSize($0 ^ swap) }) { return }
            self.lengths = nil
        }
        for field in lengths.indices { lengths[field] = row.columnSize(field ^ swap) }
    }
}

/// The worst key on a ranking scan's page so far, shared with `lbsearch_rank` through
/// SQLite's pointer passing (SQLite documentation, "Pointer Passing Interfaces") so it can
/// drop rows that cannot reach the page.
///
/// For a loosened query, whose page puts the rows that cover more of its groups of phrases
/// first (`lbsearch_coverage`), the key is the number of groups, then the score: a row that
/// covers fewer groups than the page's last row is dropped whatever its score, and one that
/// covers more is kept whatever its score.
final class ScanFloor {
    /// The pointer type name both sides agree on: a literal, as `sqlite3_bind_pointer` keeps
    /// the pointer it is given.
    static let type: StaticString = "lbsearch_scan_floor"

    /// `type` as the C string SQLite compares.
    static var typeName: UnsafePointer<CChar> {
        UnsafeRawPointer(type.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    /// The sizes of a loosened query's groups of consecutive phrases (`lbsearch_coverage`);
    /// empty when rows are ordered by score alone.
    let groups: [Int]
    /// The worst key on the page (no key until the page is full).
    var key = FloorKey.none
    /// Where a scan that scores its rows once counted keeps them (`PhraseRows`): then every
    /// row is kept, and none is scored.
    var phraseRows: PhraseRows?

    /// A floor for a scan whose rows are ordered by `groups` covered (when not empty), then
    /// by score.
    init(groups: [Int] = []) {
        self.groups = groups
    }

    /// The score below which a row with `evidence`'s matches is not on the page: the floor's
    /// when the row covers as many groups as the page's last row (or rows are ordered by score
    /// alone), minus infinity when it covers more, plus infinity when fewer.
    ///
    /// A phrase covers its group when it has a match in the row: what `lbsearch_coverage`
    /// asks FTS5 (`FTS5Row.hasMatch`, the phrase's first position), and what `countMatches`
    /// counts from the same position list, every column being a field.
    func threshold(_ evidence: DocumentEvidence) -> Double {
        guard !groups.isEmpty, key.score > -.infinity else { return key.score }
        let phrases = evidence.frequencies.count / max(evidence.lengths.count, 1)
        var (phrase, covered) = (0, 0)
        for size in groups {
            let group = min(phrase, phrases)..<min(phrase + max(size, 0), phrases)
            if group.contains(where: { evidence.matches(of: $0) > 0 }) { covered += 1 }
            phrase += max(size, 0)
        }
        if covered == key.coverage { return key.score }
        return covered < key.coverage ? .infinity : -.infinity
    }

    /// True when a row whose score is at most `ceiling` is surely below `floor`: a relative
    /// margin of 1e-9 covers the rounding of the two sums, which round differently.
    static func excludes(_ ceiling: Double, below floor: Double) -> Bool {
        ceiling + abs(ceiling) * 1e-9 < floor
    }
}

/// What the last row of a scan's page is ordered by: the groups of a loosened query it covers
/// (0 for other queries), then its score; compared in that order.
struct FloorKey: Comparable {
    var coverage: Int
    var score: Double

    /// Before every key: no page yet.
    static let none = FloorKey(coverage: .min, score: -.infinity)

    static func < (a: FloorKey, b: FloorKey) -> Bool {
        a.coverage != b.coverage ? a.coverage < b.coverage : a.score < b.score
    }
}
