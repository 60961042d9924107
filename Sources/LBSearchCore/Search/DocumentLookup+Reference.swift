import Foundation
import GRDB

/// Reading a reference: which stored document a path, `PATH#ID` or `_id` names.
extension DocumentLookup {
    /// The row id of the one document `reference` names.
    func documentID(_ reference: String, _ db: Database) throws -> Int64 {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw LBSearchError.noSuchDocument(reference) }
        let paths = storedPaths(trimmed)
        for path in paths {
            if let id = try rowID(path: path, record: "", db) { return id }
        }
        for (path, record) in qualified(trimmed) {
            if let id = try rowID(path: path, record: record, db) { return id }
        }
        if let id = try onlyOne(
            reference, sql: Self.byRecord, argument: trimmed, db)
        {
            return id
        }
        for path in paths {
            if let id = try onlyOne(
                reference, sql: "SELECT id, path, record FROM documents WHERE path = ?",
                argument: path, db)
            {
                return id
            }
        }
        throw LBSearchError.noSuchDocument(reference)
    }

    /// The documents whose `_id` is the argument (a reference, never empty), through the
    /// partial index `documents_record`, whose condition it repeats (`Schema`).
    static let byRecord = "SELECT id, path, record FROM documents WHERE record = ? AND record <> ''"

    /// The absolute paths `reference` may stand for: as given when absolute, else from the
    /// display folder and from the working folder.
    func storedPaths(_ reference: String) -> [String] {
        if reference.hasPrefix("/") || reference.hasPrefix("~") {
            return [StoredPath.absolute(reference)]
        }
        let fromBase = displayBase.map {
            StoredPath.absolute(($0 as NSString).appendingPathComponent(reference))
        }
        var paths = fromBase.map { [$0] } ?? []
        let fromHere = StoredPath.absolute(reference)
        if !paths.contains(fromHere) { paths.append(fromHere) }
        return paths
    }

    /// Every way to read `reference` as `PATH#ID`: cut at each `#` (a path or an id may hold
    /// one), the path read as `storedPaths` reads it.
    func qualified(_ reference: String) -> [(path: String, record: String)] {
        reference.indices.filter { reference[$0] == "#" }.flatMap { hash in
            let path = String(reference[..<hash])
            let record = String(reference[reference.index(after: hash)...])
            return path.isEmpty || record.isEmpty
                ? [] : storedPaths(path).map { (path: $0, record: record) }
        }
    }

    func rowID(path: String, record: String, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT id FROM documents WHERE path = ? AND record = ?",
            arguments: [path, record])
    }

    /// The row id when `sql` finds exactly one document; nil when it finds none; throws
    /// `.ambiguousDocument` with some of their ids when it finds several.
    func onlyOne(_ reference: String, sql: String, argument: String, _ db: Database) throws
        -> Int64?
    {
        let rows = try Row.fetchAll(
            db, sql: sql + " ORDER BY path, record LIMIT ?",
            arguments: [argument, Self.candidatesShown + 1])
        guard rows.count > 1 else { return rows.first?["id"] }
        let names = rows.prefix(Self.candidatesShown).map { row -> String in
            let path = Self.display(row["path"], base: displayBase)
            let record: String = row["record"]
            return record.isEmpty ? path : path + "#" + record
        }
        throw LBSearchError.ambiguousDocument(
            reference, candidates: names + (rows.count > Self.candidatesShown ? ["…"] : []))
    }
}
