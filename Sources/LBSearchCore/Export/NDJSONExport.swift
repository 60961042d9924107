/// Export lines as NDJSON: one JSON object a line, as Typesense's `import`, Meilisearch's
/// `application/x-ndjson` and Quickwit's ingest read them.
///
/// A document is `{"id", "title", "body", "date", "source", "url", "tags", "path", "hash"}` in
/// that order (`date`, `source`, `url` null when absent); a removed one is
/// `{"id": ID, "deleted": true}`. Strings are escaped by RFC 8259: control characters as
/// `\uXXXX`, so no line break is ever inside a line, and Swift strings hold no lone surrogate.
public enum NDJSONExport {
    /// The line for `record`, ending with a line feed.
    public static func line(_ record: ExportRecord) -> String {
        object(record).serialized() + "\n"
    }

    /// The JSON object for `record`.
    public static func object(_ record: ExportRecord) -> JSONValue {
        switch record {
        case .deleted(let id):
            return .object([("id", .string(id)), ("deleted", .bool(true))])
        case .document(let document):
            return .object(fields(document))
        }
    }

    /// A document's fields, in the contract's order.
    public static func fields(_ document: ExportedDocument) -> [(String, JSONValue)] {
        [
            ("id", .string(document.id)),
            ("title", .string(document.title)),
            ("body", .string(document.body)),
            ("date", .optional(document.date)),
            ("source", .optional(document.source)),
            ("url", .optional(document.url)),
            ("tags", .array(document.tags.map(JSONValue.string))),
            ("path", .string(document.path)),
            ("hash", .string(document.hash)),
        ]
    }
}
