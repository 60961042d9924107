/// What `lbsearch export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// One JSON object a line (`NDJSONExport`).
    case ndjson
    /// OpenSearch/Elasticsearch `_bulk` request bodies (`BulkExport`).
    case bulk
}
