import Foundation
import GRDB

/// Reading every document whole for `lbsearch export`, one row at a time (a cursor, each
/// body decompressed on its own), so an export of any size runs in constant memory.
extension IndexStore {
    /// Hands every document to `each` in path and record order, in one read transaction;
    /// returns the last run the export covers (`ExportCoverage`).
    ///
    /// That order is the same for a fresh and an updated index, and unlike ids it does not
    /// depend on the order rows were written in (`RowPacking`).
    ///
    /// Paths and ids are shown relative to `displayBase`, as a search shows them.
    @discardableResult
    public func exportDocuments(
        displayBase: String?, _ each: (ExportRecord) throws -> Void
    ) throws -> Int64 {
        try read { db in
            let covered = try Self.coveredRun(db)
            let rows = try Row.fetchCursor(db, sql: "\(Self.exportSelect) ORDER BY path, record")
            while let row = try rows.next() {
                try each(.document(try Self.exported(row, base: displayBase, db)))
            }
            return covered
        }
    }

    /// The columns an exported document is read from; the body as bytes (`wholeText`).
    static let exportSelect = """
        SELECT id, path, record, title, CAST(lbsearch_inflate(body_z) AS BLOB) AS body, date,
               source, url, tags, hash FROM documents
        """

    /// The document of an `exportSelect` row.
    static func exported(_ row: Row, base: String?, _ db: Database) throws -> ExportedDocument {
        let path: String = row["path"]
        let record: String = row["record"]
        let shown = DocumentLookup.display(path, base: base)
        return ExportedDocument(
            id: try DocumentIdentity.id(
                path: path, record: record, displayPath: shown, base: base, db),
            title: row["title"], body: wholeText(row["body"]), date: row["date"],
            source: row["source"],
            url: row["url"], tags: DocumentLookup.tags(row["tags"]), path: shown,
            hash: row["hash"])
    }

    /// Text read as bytes: a TEXT column read as `String` ends at its first NUL (a C string),
    /// and a JSONL record's text may hold `\u0000`.
    static func wholeText(_ bytes: Data?) -> String {
        String(decoding: bytes ?? Data(), as: UTF8.self)
    }

    /// The last run whose changes a read made now holds in full; 0 when no run is recorded.
    ///
    /// That is the newest run, or the one before it while it is still running (its later
    /// batches are not committed yet).
    static func coveredRun(_ db: Database) throws -> Int64 {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT id, result, pid FROM runs ORDER BY id DESC LIMIT 1")
        else { return 0 }
        let id: Int64 = row["id"]
        let running = (row["result"] as String) == "running" && isAlive(row["pid"])
        return running ? id - 1 : id
    }
}

extension IndexStore {
    /// Every document (`since` nil), or the changes of the runs after `since`; returns the last
    /// run the export covers.
    @discardableResult
    public func export(
        since: Int64?, displayBase: String?, _ each: (ExportRecord) throws -> Void
    ) throws -> Int64 {
        guard let since else { return try exportDocuments(displayBase: displayBase, each) }
        return try exportChanges(since: since, displayBase: displayBase, each)
    }

}
