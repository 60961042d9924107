/// Export lines as OpenSearch/Elasticsearch `_bulk` request bodies (the "Bulk API" of either:
/// newline-delimited JSON, an action line per document, then its source for `index`).
///
/// An added or changed document is `{"index":{"_index":NAME,"_id":ID}}` followed by its fields
/// as NDJSON has them, without `id` (it is the `_id`); a removed one is
/// `{"delete":{"_index":NAME,"_id":ID}}`. Every line ends with a line feed, the last included,
/// as the API requires.
public enum BulkExport {
    /// The index name when `--index-name` is not given.
    public static let defaultIndexName = "lbsearch"

    /// The action line, and for a document its source line, for `record` in index `name`.
    public static func lines(_ record: ExportRecord, indexName name: String) -> String {
        switch record {
        case .deleted(let id):
            return action("delete", id: id, indexName: name) + "\n"
        case .document(let document):
            let source = NDJSONExport.fields(document).filter { $0.0 != "id" }
            return action("index", id: document.id, indexName: name) + "\n"
                + JSONValue.object(source).serialized() + "\n"
        }
    }

    /// `{"ACTION":{"_index":NAME,"_id":ID}}`.
    static func action(_ action: String, id: String, indexName name: String) -> String {
        JSONValue.object([
            (action, .object([("_index", .string(name)), ("_id", .string(id))]))
        ]).serialized()
    }
}
