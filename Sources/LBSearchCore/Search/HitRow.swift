import GRDB

/// The stored fields a hit shows, read by column name: the title and body highlighted by
/// FTS5, plain, or (without snippets) the title alone.
///
/// A page reads its hits one by one with the same statements, so they are the connection's
/// cached statements (GRDB `cachedStatement`), prepared once, not once per hit.
struct HitRow: FetchableRecord, Decodable {
    var path: String
    var record: String
    var date: String?
    var source: String?
    var url: String?
    var title: String
    var body: String

    /// The document with its matches wrapped in `HighlightMarker`s by `lbsearch_highlight`
    /// (FTS5 `highlight()` without repeated text where CJK bigram matches overlap), so what is
    /// highlighted is exactly what the tokenizer matched.
    ///
    /// `layout` says which FTS5 column holds which field.
    static func highlighted(
        _ id: Int64, _ expression: String, _ layout: FieldLayout, _ db: Database
    ) throws -> HitRow? {
        let open = String(Character(HighlightMarker.open))
        let close = String(Character(HighlightMarker.close))
        return try fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT d.path, d.record, d.date, d.source, d.url,
                           lbsearch_highlight(documents_fts, ?5, ?1, ?2) AS title,
                           lbsearch_highlight(documents_fts, ?6, ?1, ?2) AS body
                    FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                    WHERE documents_fts MATCH ?3 AND documents_fts.rowid = ?4
                    """),
            arguments: [open, close, expression, id, layout.title, layout.body])
    }

    /// The documents `ids` (that `expression` matches) as `highlighted` reads each one, by
    /// row id, in one statement.
    ///
    /// FTS5 merges the document lists of every term a prefix stands for before its first row,
    /// for a `rowid = ?` lookup too (FTS5 documentation, section 3.4 "FTS5 Prefix Queries"): a
    /// page highlighted hit by hit pays that merge once per hit, here once. FTS5 reads the
    /// matches between the smallest and the largest id (a range its xBestIndex takes); the
    /// unary `+` keeps the list itself out of it, as one lookup per id would re-run the MATCH.
    static func highlighted(
        _ ids: [Int64], _ expression: String, _ layout: FieldLayout, _ db: Database
    ) throws -> [Int64: HitRow] {
        guard let low = ids.min(), let high = ids.max() else { return [:] }
        let open = String(Character(HighlightMarker.open))
        let close = String(Character(HighlightMarker.close))
        let list = ids.map(String.init).joined(separator: ",")
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT documents_fts.rowid AS id, d.path, d.record, d.date, d.source, d.url,
                       lbsearch_highlight(documents_fts, ?5, ?1, ?2) AS title,
                       lbsearch_highlight(documents_fts, ?6, ?1, ?2) AS body
                FROM documents_fts CROSS JOIN documents d ON d.id = documents_fts.rowid
                WHERE documents_fts MATCH ?3 AND documents_fts.rowid >= ?4
                  AND documents_fts.rowid <= ?7 AND +documents_fts.rowid IN (\(list))
                """,
            arguments: [open, close, expression, low, layout.title, layout.body, high])
        var found: [Int64: HitRow] = [:]
        while let row = try rows.next() { found[row["id"]] = try HitRow(row: row) }
        return found
    }

    /// The document's fields without its body, for hits that need no snippet.
    static func bare(_ id: Int64, _ db: Database) throws -> HitRow? {
        try fetchOne(
            db.cachedStatement(
                sql:
                    "SELECT path, record, date, source, url, title, '' AS body FROM documents WHERE id = ?"
            ),
            arguments: [id])
    }

    /// The document's fields, body included, unhighlighted (a filters-only query).
    static func plain(_ id: Int64, _ db: Database) throws -> HitRow? {
        try fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT path, record, date, source, url, title, lbsearch_inflate(body_z) AS body
                    FROM documents WHERE id = ?
                    """),
            arguments: [id])
    }
}
