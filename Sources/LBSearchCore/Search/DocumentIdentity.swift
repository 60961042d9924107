import Foundation
import GRDB

/// The id a hit is shown, exported and written into TREC runs with: unique in the index.
///
/// A whole-file document's id is its path as displayed. A JSONL record's id is its `_id`,
/// unless another document of the index has the same id (a record of another file with
/// that `_id`, or a file document shown at that path): then it is qualified with its file,
/// `PATH#_id` (PATH as displayed). Every record sharing an `_id` is qualified, whatever the
/// order they were indexed in, so the rule does not depend on history.
enum DocumentIdentity {
    /// The public id of the document stored at `path` (absolute) with `record`, shown at
    /// `displayPath`; `base` is the folder relative paths are shown from.
    static func id(path: String, record: String, displayPath: String, base: String?, _ db: Database)
        throws -> String
    {
        guard !record.isEmpty else { return displayPath }
        return try isShared(record, base: base, db) ? displayPath + "#" + record : record
    }

    /// How many documents, up to 2, have the `_id` that is the argument (never empty), through
    /// the partial index `documents_record`, whose condition it repeats (`Schema`).
    static let sharedCount =
        "SELECT count(*) FROM (SELECT 1 FROM documents WHERE record = ? AND record <> '' LIMIT 2)"

    /// True when `record` is the `_id` of several records, or names a file document.
    static func isShared(_ record: String, base: String?, _ db: Database) throws -> Bool {
        // Asked for every hit of a page: the statements are the connection's cached ones.
        let records =
            try Int.fetchOne(db.cachedStatement(sql: sharedCount), arguments: [record]) ?? 0
        if records > 1 { return true }
        // File documents are shown relative to `base` (else absolute): the path this id would name.
        let named =
            record.hasPrefix("/")
            ? record : base.map { ($0 as NSString).appendingPathComponent(record) }
        guard let named else { return false }
        return try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM documents WHERE path = ? AND record = ''"),
            arguments: [StoredPath.absolute(named)]) ?? false
    }
}
