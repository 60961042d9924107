/// One line of an export: a document with every stored field, or the id of one that is gone.
public enum ExportRecord: Sendable, Hashable {
    /// A document added or changed (every document, in a full export).
    case document(ExportedDocument)
    /// The public id of a document removed, or moved to another id.
    case deleted(id: String)

    /// The public id the line is about.
    public var id: String {
        switch self {
        case .document(let document): return document.id
        case .deleted(let id): return id
        }
    }
}

/// An indexed document with every field the index stores, as `lbsearch export` writes it.
public struct ExportedDocument: Sendable, Hashable {
    /// The public id, as search hits give it: a path, a JSONL `_id`, or `PATH#_id`.
    public var id: String
    /// The title.
    public var title: String
    /// The whole plain text.
    public var body: String
    /// `yyyy-mm-dd`, when the document states a date.
    public var date: String?
    /// The publisher, when the document names one.
    public var source: String?
    /// The web address the document gives for itself.
    public var url: String?
    /// Its tags.
    public var tags: [String]
    /// The file it came from, as displayed (relative to the display folder when inside it).
    public var path: String
    /// `ContentHash` of the bytes it was read from (the file, or its JSONL line).
    public var hash: String

    /// A document from its fields.
    public init(
        id: String, title: String, body: String, date: String?, source: String?, url: String?,
        tags: [String], path: String, hash: String
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.date = date
        self.source = source
        self.url = url
        self.tags = tags
        self.path = path
        self.hash = hash
    }
}
