import GRDB

/// The highlighted rows of a page's hits, read a batch at a time when the expression has a
/// prefix (`HitRow.highlighted(_:_:_:_:)` over several ids), else left to one lookup per hit.
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
    /// The expression to batch; nil when hits are read one by one.
    let expression: String?
    let layout: FieldLayout
    var read: [Int64: HitRow] = [:]

    /// The rows of `ids`, batched when `expression` is given and holds a prefix.
    init(ids: [Int64], expression: String?, layout: FieldLayout) {
        self.ids = ids
        self.expression = expression.flatMap { MatchExpression.hasPrefix($0) ? $0 : nil }
        self.layout = layout
    }

    /// The highlighted row of the hit at `index` when batched (nil when it is not matched, or
    /// not batched: the hit then reads its row itself).
    mutating func row(at index: Int, _ db: Database) throws -> HitRow? {
        guard let expression, ids.indices.contains(index) else { return nil }
        if index % Self.batch == 0 {
            let batch = Array(ids[index..<min(index + Self.batch, ids.count)])
            read = try HitRow.highlighted(batch, expression, layout, db)
        }
        return read[ids[index]]
    }
}
