/// One stored document as a reader shows it: its fields and its whole text, with the matches of
/// a query marked.
public struct DocumentView: Sendable, Hashable {
    /// The id hits give it (`Hit.id`).
    public var id: String
    /// The title, with the spans that match the query.
    public var title: Fragment
    /// The document's date as `yyyy-mm-dd`, when it states one.
    public var date: String?
    /// The publisher the document names, when it names one.
    public var source: String?
    /// The web address the document gives for itself, when it gives one.
    public var url: String?
    /// The path as shown (relative to the display base when inside it).
    public var path: String
    /// The document's tags, in stored order.
    public var tags: [String]
    /// The whole text, line breaks kept, with every match of the query as a highlight range in
    /// Unicode code points.
    public var body: Fragment

    /// A document from its fields.
    public init(
        id: String, title: Fragment, date: String?, source: String?, url: String?, path: String,
        tags: [String], body: Fragment
    ) {
        self.id = id
        self.title = title
        self.date = date
        self.source = source
        self.url = url
        self.path = path
        self.tags = tags
        self.body = body
    }
}
