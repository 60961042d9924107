import Foundation
import GRDB

/// Finds one indexed document by what a person copies from a search, and reads it whole with
/// the matches of a query highlighted (`lbsearch show`, the server's document page).
///
/// A reference is, in this order: a file document's path (relative to the display folder or
/// the working folder, or as stored); `PATH#ID` for a JSONL record; a JSONL `_id` that one
/// document has; a JSONL file that holds one record. Highlights come from FTS5 `highlight()`
/// over the whole text, so they follow the same rules as search snippets (stems, prefixes,
/// CJK bigrams, phrases as one span).
public struct DocumentLookup {
    /// Most documents named by an ambiguous reference in its error.
    static let candidatesShown = 5

    let store: IndexStore
    /// The folder paths are shown relative to (and relative references are read from).
    public var displayBase: String?

    /// A lookup in `store`, showing paths relative to `displayBase`.
    public init(store: IndexStore, displayBase: String? = nil) {
        self.store = store
        self.displayBase = displayBase
    }

    /// The document `reference` names, with every match of `query` highlighted.
    ///
    /// Throws `.noSuchDocument` or `.ambiguousDocument` when the reference names none or
    /// several, and the parser's errors for a query with nothing to look for.
    public func document(_ reference: String, query: String? = nil) throws -> StoredDocument {
        let parsed = try query.map(QueryParser.parse)
        return try store.read { db in
            let id = try documentID(reference, db)
            let expression = try parsed.flatMap { try highlightExpression($0, db) }
            guard let stored = try HitRow.plain(id, db) else {
                throw LBSearchError.noSuchDocument(reference)
            }
            let layout = try FieldLayout.read(db)
            let marked =
                try expression.flatMap { try HitRow.highlighted(id, $0, layout, db) } ?? stored
            let tags = try String.fetchOne(
                db, sql: "SELECT tags FROM documents WHERE id = ?", arguments: [id])
            return try document(marked, body: stored.body, tags: tags, query: parsed, db)
        }
    }

    /// The document for `row`, its highlighted text cut into paragraphs.
    func document(
        _ row: HitRow, body: String, tags: String?, query: Query?, _ db: Database
    ) throws -> StoredDocument {
        let narrowing = query.map(CJKHighlight.init)
        func fragment(_ marked: String) -> Fragment {
            let text = MarkedText(marked: marked)
            return PassageSelector.whole(narrowing?.narrow(text) ?? text)
        }
        let path = Self.display(row.path, base: displayBase)
        return StoredDocument(
            id: try DocumentIdentity.id(
                path: row.path, record: row.record, displayPath: path, base: displayBase, db),
            path: path, record: row.record.isEmpty ? nil : row.record, title: fragment(row.title),
            date: row.date, source: row.source, url: row.url, tags: Self.tags(tags), body: body,
            paragraphs: Self.paragraphs(row.body).map(fragment).filter { !$0.text.isEmpty })
    }

    /// The FTS5 expression that matches any positive text of `query`, so that every match is
    /// highlighted whether or not the document has them all; nil when it has none.
    func highlightExpression(_ query: Query, _ db: Database) throws -> String? {
        let texts = query.root.map(Self.positiveLeaves) ?? []
        guard !texts.isEmpty else { return nil }
        var fanOut = PrefixFanOut()
        let bounded = try fanOut.bounded(Query(root: .or(texts)), db)
        return bounded.root.flatMap(MatchExpression.compile)?.text
    }

    /// The text nodes of `node` outside any exclusion.
    static func positiveLeaves(_ node: QueryNode) -> [QueryNode] {
        switch node {
        case .text: return [node]
        case .and(let children), .or(let children): return children.flatMap(positiveLeaves)
        case .not: return []
        }
    }

    /// `marked` cut at its line breaks; a match that spans a break is closed at the end of
    /// its line and opened again on the next one.
    static func paragraphs(_ marked: String) -> [String] {
        let open = String(Character(HighlightMarker.open))
        let close = String(Character(HighlightMarker.close))
        var lines: [String] = []
        var inMatch = false
        for line in marked.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var text = (inMatch ? open : "") + line
            if let lastOpen = line.lastIndex(of: Character(HighlightMarker.open)) {
                inMatch = !line[lastOpen...].contains(Character(HighlightMarker.close))
            } else if line.contains(Character(HighlightMarker.close)) {
                inMatch = false
            }
            if inMatch { text += close }
            lines.append(text)
        }
        return lines
    }

    /// The tags column (a JSON array of strings) as strings; none when it is not one.
    static func tags(_ json: String?) -> [String] {
        guard let data = json?.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }

    /// `path` relative to `base` when it lies inside it.
    static func display(_ path: String, base: String?) -> String {
        guard let base, !base.isEmpty else { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
