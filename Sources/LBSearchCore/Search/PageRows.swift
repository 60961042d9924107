import GRDB

/// The highlighted rows of a page's hits when the expression has a prefix.
///
/// Each row is read with the prefixes written out as its own terms (`RowExpression`), else a
/// batch at a time (`HitRow.highlighted(_:_:_:_:)` over several ids). Without a prefix each
/// hit reads its row itself.
///
/// A prefix makes FTS5 merge the document lists of every term it stands for before the first
/// row of each statement, however few rows the statement asks for; any other expression
/// seeks its document lists to one row id, which costs less than reading the matches between
/// the ids of a batch.
struct PageRows {
    /// Hits read per statement: the hits every page makes whatever its time budget
    /// (`Searcher.hitsWithinAnyBudget`), so a page cut short reads no batch it does not show.
    static let batch = Searcher.hitsWithinAnyBudget

    let ids: [Int64]
    /// The expression with a prefix; nil when hits are read one by one.
    let expression: String?
    let layout: FieldLayout
    /// The expression's prefixes, to write out row by row (nil when they cannot be).
    private var prefixes: RowExpression?
    private var prefixesRead = false
    /// The batch read last: its first index and its rows.
    private var read: (start: Int, rows: [Int64: HitRow])?

    /// The rows of `ids`, read here when `expression` is given and holds a prefix.
    init(ids: [Int64], expression: String?, layout: FieldLayout) {
        self.ids = ids
        self.expression = expression.flatMap { MatchExpression.hasPrefix($0) ? $0 : nil }
        self.layout = layout
    }

    /// The highlighted row of the hit at `index` (nil when it is not matched, or the
    /// expression has no prefix: the hit then reads its row itself).
    mutating func row(at index: Int, _ db: Database) throws -> HitRow? {
        guard let expression, ids.indices.contains(index) else { return nil }
        let id = ids[index]
        if !prefixesRead {
            prefixes = try RowExpression(expression, row: id, db)
            prefixesRead = true
        }
        if let own = try prefixes?.expression(for: id, db) {
            return try HitRow.highlighted(id, own, layout, db)
        }
        let start = index - index % Self.batch
        if read?.start != start {
            let batch = Array(ids[start..<min(start + Self.batch, ids.count)])
            read = (start, try HitRow.highlighted(batch, expression, layout, db))
        }
        return read?.rows[id]
    }
}
