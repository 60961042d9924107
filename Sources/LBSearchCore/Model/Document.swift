/// One searchable unit as it is stored: a whole file, or one record of a JSONL file.
public struct Document: Sendable, Hashable {
    /// Absolute, standardized path of the file the document came from.
    public var path: String
    /// The record's `_id` for JSONL documents; empty for a document that is a whole file.
    public var record: String
    /// Always non-empty: front matter, `<title>`, first heading, first line or file name.
    public var title: String
    /// Visible text, NFC-normalized.
    public var body: String
    /// ISO `yyyy-mm-dd`, when the document states a date that could be read.
    public var date: String?
    /// The publisher the document names (front matter `source`, HTML `og:site_name`).
    public var source: String?
    /// The web address the document gives for itself (front matter `url`, HTML canonical link).
    public var url: String?
    /// Keywords from front matter, HTML `keywords` or a JSONL `tags` field; `tag:` searches them.
    public var tags: [String]
    /// Size in bytes of the file (or of the JSONL line for a record).
    public var size: Int64
    /// Modification time of the file, seconds since 1970.
    public var mtime: Double
    /// Content hash of the bytes the document was read from (see `ContentHash`).
    public var contentHash: String
    /// What tells copies of its text apart from other stories (`Fingerprinter`); set by the
    /// indexer before the body leaves memory, nil until then.
    public var fingerprint: TextFingerprint?

    /// A document from its fields; only the path, title and body have no default.
    public init(
        path: String, record: String = "", title: String, body: String,
        date: String? = nil, source: String? = nil, url: String? = nil, tags: [String] = [],
        size: Int64 = 0, mtime: Double = 0, contentHash: String = ""
    ) {
        self.path = path
        self.record = record
        self.title = title
        self.body = body
        self.date = date
        self.source = source
        self.url = url
        self.tags = tags
        self.size = size
        self.mtime = mtime
        self.contentHash = contentHash
    }
}
