import Foundation
import GRDB

/// Finding one document by the id its hits give it, for a reader view.
extension IndexStore {
    /// The document that hits show as `id`, with every match of `query` marked; nil when no
    /// document has that id.
    ///
    /// `id` is read the way `DocumentIdentity` writes it: `PATH#_id` for a shared JSONL id, a
    /// record's `_id`, else a path (relative to `displayBase`, or absolute). A query that
    /// cannot be parsed, or that the document does not match, marks nothing.
    public func documentView(id: String, query: String? = nil, displayBase: String? = nil)
        throws -> DocumentView?
    {
        try read { db in
            guard let rowID = try Self.rowID(of: id, base: displayBase, db) else { return nil }
            let expression = query.flatMap(Self.matchText)
            let row =
                try expression.flatMap { try DocumentViewRow.highlighted(rowID, $0, db) }
                ?? DocumentViewRow.plain(rowID, db)
            return row?.view(id: id, path: Self.shown(row?.path ?? "", base: displayBase))
        }
    }

    /// The FTS5 MATCH text of a typed query, or nil when it has nothing to match.
    static func matchText(_ query: String) -> String? {
        guard let root = try? QueryParser.parse(query).root else { return nil }
        return MatchExpression.compile(root)?.text
    }

    /// The row of the document hits show as `id`.
    static func rowID(of id: String, base: String?, _ db: Database) throws -> Int64? {
        if let hash = id.lastIndex(of: "#") {
            let path = absolute(String(id[..<hash]), base: base)
            let record = String(id[id.index(after: hash)...])
            let sql = "SELECT id FROM documents WHERE path = ? AND record = ?"
            if let row = try Int64.fetchOne(db, sql: sql, arguments: [path, record]) { return row }
        }
        let records = try Int64.fetchAll(
            db, sql: "SELECT id FROM documents WHERE record = ? LIMIT 2", arguments: [id])
        if records.count == 1 { return records[0] }
        return try Int64.fetchOne(
            db, sql: "SELECT id FROM documents WHERE path = ? AND record = ''",
            arguments: [absolute(id, base: base)])
    }

    /// `path` made absolute from `base`, as the index stores paths.
    static func absolute(_ path: String, base: String?) -> String {
        guard !path.hasPrefix("/"), let base else { return StoredPath.absolute(path) }
        return StoredPath.absolute((base as NSString).appendingPathComponent(path))
    }

    /// `path` relative to `base` when it lies inside it, as hits show it.
    static func shown(_ path: String, base: String?) -> String {
        guard let base, !base.isEmpty else { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// The stored fields of one document, its title and body optionally marked by FTS5.
struct DocumentViewRow: FetchableRecord, Decodable {
    var path: String
    var date: String?
    var source: String?
    var url: String?
    var tags: String
    var title: String
    var body: String

    /// The row with every match of `expression` marked, or nil when it does not match.
    static func highlighted(_ id: Int64, _ expression: String, _ db: Database) throws
        -> DocumentViewRow?
    {
        let open = String(Character(HighlightMarker.open))
        let close = String(Character(HighlightMarker.close))
        return try fetchOne(
            db,
            sql: """
                SELECT d.path, d.date, d.source, d.url, d.tags,
                       highlight(documents_fts, 0, ?1, ?2) AS title,
                       highlight(documents_fts, 1, ?1, ?2) AS body
                FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                WHERE documents_fts MATCH ?3 AND documents_fts.rowid = ?4
                """,
            arguments: [open, close, expression, id])
    }

    /// The row as stored.
    static func plain(_ id: Int64, _ db: Database) throws -> DocumentViewRow? {
        try fetchOne(
            db,
            sql: """
                SELECT path, date, source, url, tags, title, lbsearch_inflate(body_z) AS body
                FROM documents WHERE id = ?
                """,
            arguments: [id])
    }

    /// The document for a reader.
    func view(id: String, path shownPath: String) -> DocumentView {
        let decoded = try? JSONDecoder().decode([String].self, from: Data(tags.utf8))
        return DocumentView(
            id: id, title: Self.unmarked(title, keepingLines: false), date: date, source: source,
            url: url, path: shownPath, tags: decoded ?? [], body: Self.unmarked(body))
    }

    /// Text with `HighlightMarker`s turned into ranges of code points; control characters other
    /// than line breaks and tabs are dropped (a title's line breaks become spaces).
    static func unmarked(_ marked: String, keepingLines: Bool = true) -> Fragment {
        var scalars = String.UnicodeScalarView()
        var highlights: [Range<Int>] = []
        var openAt: Int?
        var count = 0
        for scalar in marked.unicodeScalars {
            if scalar == HighlightMarker.open {
                openAt = count
            } else if scalar == HighlightMarker.close {
                if let start = openAt, start < count { highlights.append(start..<count) }
                openAt = nil
            } else if let kept = kept(scalar, keepingLines: keepingLines) {
                scalars.append(kept)
                count += 1
            }
        }
        return Fragment(text: String(scalars), highlights: highlights)
    }

    /// The scalar as a reader shows it, or nil to drop it.
    static func kept(_ scalar: Unicode.Scalar, keepingLines: Bool) -> Unicode.Scalar? {
        if scalar == "\n" || scalar == "\t" { return keepingLines ? scalar : " " }
        if scalar == "\r" { return nil }
        return TerminalSafety.isUnsafe(scalar) ? nil : scalar
    }
}
