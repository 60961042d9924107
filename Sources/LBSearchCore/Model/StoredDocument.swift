/// One indexed document as stored, for reading it whole (`lbsearch show`, the server's
/// document page), its text split into paragraphs with the matches of a query marked.
public struct StoredDocument: Sendable, Hashable {
    /// The id search hits give it (`Hit.id`): its path, a JSONL `_id`, or `PATH#_id`.
    public var id: String
    /// Path as shown to the user (relative to the display folder when inside it).
    public var path: String
    /// The JSONL `_id`; nil for a whole-file document.
    public var record: String?
    /// The title, with the spans that matched the query.
    public var title: Fragment
    /// The document's date as `yyyy-mm-dd`, when it states one.
    public var date: String?
    /// The publisher the document names, when it names one.
    public var source: String?
    /// The web address the document gives for itself, when it gives one.
    public var url: String?
    /// The tags of its front matter or record.
    public var tags: [String]
    /// The whole text as stored (not sanitized: render `paragraphs` for a terminal).
    public var body: String
    /// The text in paragraphs (one per stored line), white space collapsed, characters unsafe
    /// for a terminal removed, every match of the query highlighted; blank lines dropped.
    public var paragraphs: [Fragment]

    /// A document from its fields.
    public init(
        id: String, path: String, record: String?, title: Fragment, date: String?,
        source: String?, url: String?, tags: [String], body: String, paragraphs: [Fragment]
    ) {
        self.id = id
        self.path = path
        self.record = record
        self.title = title
        self.date = date
        self.source = source
        self.url = url
        self.tags = tags
        self.body = body
        self.paragraphs = paragraphs
    }

    /// Where the document is: its path, and for a JSONL record `PATH#ID`.
    public var location: String {
        record.map { path + "#" + $0 } ?? path
    }
}
