import GRDB

/// The ranking evidence (`lbsearch_evidence`, encoded) of a page's hits, for `--explain`: read
/// a batch of hits at a time when the expression has a prefix, else one hit at a time.
///
/// As for highlights (`PageRows`), a prefix makes FTS5 merge the document lists of every term
/// it stands for before the first row of each statement, and the evidence function reads
/// each phrase's document frequency once per statement (`FTS5Row.documentFrequencies`): two
/// merges per hit explained one by one, two per batch here. Rows and statistics are the
/// same in either statement, so the evidence is too.
final class PageEvidence {
    let plan: RankingPlan
    /// True when the expression has a prefix: evidence is read by batch.
    let batched: Bool
    var read: [Int64: String] = [:]
    var asked: Set<Int64> = []

    /// The evidence of `plan`'s matches.
    init(plan: RankingPlan) {
        self.plan = plan
        batched = MatchExpression.hasPrefix(plan.expression)
    }

    /// The evidence of row `id` (nil when `plan` does not match it); `upcoming` are the ids
    /// explained next, `id` first, read with it when batched.
    func encoded(_ id: Int64, upcoming: [Int64], _ db: Database) throws -> String? {
        guard batched else { return try Self.evidence(of: id, plan, db) }
        if !asked.contains(id) {
            let batch = [id] + upcoming.filter { $0 != id && !asked.contains($0) }
            read = try Self.evidence(of: batch, plan, db)
            asked.formUnion(batch)
        }
        return read[id]
    }

    /// The evidence of row `id`, by a `rowid = ?` lookup.
    static func evidence(of id: Int64, _ plan: RankingPlan, _ db: Database) throws -> String? {
        try String.fetchOne(
            db,
            sql:
                "SELECT lbsearch_evidence(documents_fts, ?) FROM documents_fts WHERE documents_fts MATCH ? AND rowid = ?",
            arguments: [plan.spec.encoded, plan.expression, id])
    }

    /// The evidence of each of `ids` that `plan` matches, in one statement: the ids' row id
    /// range for FTS5's xBestIndex, the list itself as a filter (`HitRow.highlighted`).
    static func evidence(of ids: [Int64], _ plan: RankingPlan, _ db: Database) throws
        -> [Int64: String]
    {
        guard let low = ids.min(), let high = ids.max() else { return [:] }
        let list = ids.map(String.init).joined(separator: ",")
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT documents_fts.rowid AS id, lbsearch_evidence(documents_fts, ?) AS evidence
                FROM documents_fts
                WHERE documents_fts MATCH ? AND documents_fts.rowid >= ?
                  AND documents_fts.rowid <= ? AND +documents_fts.rowid IN (\(list))
                """,
            arguments: [plan.spec.encoded, plan.expression, low, high])
        var found: [Int64: String] = [:]
        while let row = try rows.next() {
            if let evidence: String = row["evidence"] { found[row["id"]] = evidence }
        }
        return found
    }
}
