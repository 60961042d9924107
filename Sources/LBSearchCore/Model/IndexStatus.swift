/// What `lbsearch status` shows about an index.
public struct IndexStatus: Sendable, Hashable {
    /// The index file.
    public var path: String
    /// The folders and files it was built from, in the order they were first indexed.
    public var roots: [String]
    /// Each root's state (as the last run found it, or missing now) and its documents.
    public var rootStates: [RootStatus] = []
    /// Searchable documents (a JSONL file holds several).
    public var documents: Int
    /// Indexed files.
    public var files: Int
    /// Bytes on disk: the index file plus its write-ahead log.
    public var bytes: Int64
    /// The last named migration applied.
    public var schemaVersion: String
    /// The FTS5 tokenizer the index was built with.
    public var tokenizer: String
    /// The most recent `lbsearch index` run, if any was recorded.
    public var lastRun: RunRecord?
    /// The oldest run `lbsearch export --changes-since` accepts; nil when it accepts none.
    public var changesSince: Int64?

    /// A status from what the index records; `rootStates` is filled in afterwards.
    public init(
        path: String, roots: [String], documents: Int, files: Int, bytes: Int64,
        schemaVersion: String, tokenizer: String,
        lastRun: RunRecord?
    ) {
        self.path = path
        self.roots = roots
        self.documents = documents
        self.files = files
        self.bytes = bytes
        self.schemaVersion = schemaVersion
        self.tokenizer = tokenizer
        self.lastRun = lastRun
    }
}
