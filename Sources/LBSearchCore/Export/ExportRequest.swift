/// What `lbsearch export` was asked for, checked before anything is read or written.
public struct ExportRequest: Sendable, Equatable {
    /// NDJSON or bulk.
    public var format: ExportFormat = .ndjson
    /// `--changes-since RUN`.
    public var changesSince: Int64?
    /// `--checkpoint FILE`.
    public var checkpoint: String?
    /// `--max-bytes N` (bulk only).
    public var maxBytes: Int?
    /// `--index-name NAME` (bulk only).
    public var indexName: String?

    /// A request from the options as given (nil when not given).
    public init(
        format: ExportFormat?, changesSince: Int64?, checkpoint: String?, maxBytes: Int?,
        indexName: String?
    ) {
        self.format = format ?? .ndjson
        self.changesSince = changesSince
        self.checkpoint = checkpoint
        self.maxBytes = maxBytes
        self.indexName = indexName
    }

    /// The largest `--max-bytes`: 2 GB, past any engine's request limit.
    public static let maxBytesLimit = 2_000_000_000

    /// Throws the one-line error for options that conflict or are out of range.
    public func check() throws(LBSearchError) {
        try LBSearchError.checkPath(checkpoint, option: "--checkpoint")
        if let changesSince, changesSince < 0 {
            throw .badOption(.negativeCount(option: "--changes-since"))
        }
        if changesSince != nil, checkpoint != nil {
            throw .export(.conflictingOptions("--changes-since", "--checkpoint"))
        }
        if format != .bulk {
            if maxBytes != nil {
                throw .export(.needsOption("--max-bytes", needed: "--format bulk"))
            }
            if indexName != nil {
                throw .export(.needsOption("--index-name", needed: "--format bulk"))
            }
        }
        if let maxBytes, !(1...Self.maxBytesLimit).contains(maxBytes) {
            throw .badOption(
                .outOfRange(option: "--max-bytes", lower: 1, upper: Self.maxBytesLimit))
        }
        if let indexName, !Self.isIndexName(indexName) { throw .export(.badIndexName(indexName)) }
    }

    /// True for a name OpenSearch and Elasticsearch accept for an index (lowercase; no
    /// `\ / * ? " < > | , #`, space or colon; not `.`, `..`, nor starting with `-`, `_`, `+`).
    static func isIndexName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 255, name != ".", name != "..",
            let first = name.first, !"-_+".contains(first)
        else { return false }
        return name.allSatisfy { character in
            !character.isUppercase && !character.isWhitespace
                && !"\\/*?\"<>|,#:".contains(character)
                && !(character.asciiValue.map { $0 < 0x20 } ?? false)
        }
    }
}
