/// The best rows of a scan so far, and how many rows it saw.
///
/// A common word matches most of the index: keeping every matching row (40 bytes each) held
/// 40 MB for a word in a million documents. Here rows are kept only while they may still be
/// among the `count` best: every time the kept rows reach `pruneAt`, they are cut to the
/// `count` best and any rows tying with the last (`CandidateQuery.best`), and a row worse than
/// that last one is never kept. The best `count` of all rows, ties included, are then exactly
/// the best of the rows kept: a row cut or skipped is worse than `count` rows already seen.
struct TopRows {
    /// Rows kept before a cut, at least.
    static let minimumPrune = 4_096

    /// How many of the best rows are wanted.
    let count: Int
    /// The rows that may still be among the best, in scan order.
    private(set) var rows: [CandidateRow] = []
    /// Every row offered.
    private(set) var seen = 0
    /// The `count`-th best key at the last cut: no better row is ever skipped.
    private var floor: CandidateKey?
    private var pruneAt: Int

    /// An empty selection of the `count` best rows.
    init(count: Int) {
        self.count = max(count, 0)
        pruneAt = max(4 * self.count, Self.minimumPrune)
    }

    /// Counts `row`, and keeps it while it may be among the best.
    mutating func add(_ row: CandidateRow) {
        seen += 1
        guard count > 0 else { return }
        if let floor, floor.precedes(row.key) { return }
        rows.append(row)
        guard rows.count >= pruneAt else { return }
        rows = CandidateQuery.best(rows, count: count)
        if rows.count >= count { floor = rows.last?.key }
        // Many rows tying with the last one stay: the next cut waits until they have doubled.
        pruneAt = max(pruneAt, 2 * rows.count)
    }

    /// Cuts the rows kept to the `count` best now (and those tying with the last); returns the
    /// last one's key once `count` rows are kept, else nil.
    mutating func settle() -> CandidateKey? {
        guard count > 0, rows.count >= count else { return nil }
        rows = CandidateQuery.best(rows, count: count)
        floor = rows.last?.key
        pruneAt = max(pruneAt, 2 * rows.count)
        return floor
    }

    /// Rows counted by `skip`.
    private(set) var skipped = 0

    /// Counts a row known to be worse than `floorScore`, without keeping it.
    mutating func skip() {
        seen += 1
        skipped += 1
    }

    /// The key a row must pass to be kept, when rows are ordered by score (after the groups
    /// of a loosened query they cover), not by date; `FloorKey.none` until the first cut.
    var floorKey: FloorKey {
        guard let floor, !floor.dated else { return .none }
        return FloorKey(coverage: floor.coverage, score: floor.score)
    }

    /// The `count` best rows in key order, and any rows beyond them that tie with the last.
    var best: [CandidateRow] { CandidateQuery.best(rows, count: count) }
}
