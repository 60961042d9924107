import Foundation
import GRDB
import Testing

@testable import LBSearchCore

/// What must hold of an index at any moment, even right after its writer was killed.
enum IndexChecks {
    /// Checks an index of a `GeneratedCorpus`; returns each document's version by its number.
    ///
    /// Runs SQLite's and FTS5's integrity checks, and checks that every document has its file
    /// row and that every generated document is found by its own word.
    /// `documents_fts`'s merge settings that differ from FTS5's defaults or were set
    /// ('automerge', 'crisismerge': `IndexStore.setMerging`).
    static func merging(_ index: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: index)
        defer { try? queue.close() }
        return try queue.read { db in
            var values: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT k, v FROM documents_fts_config
                    WHERE k IN ('automerge', 'crisismerge')
                    """)
            {
                values[row["k"]] = row["v"]
            }
            return values
        }
    }

    static func verify(_ index: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [Int: Int]
    {
        var config = Configuration()
        config.prepareDatabase { db in
            Tokenizer.register(db)
            StoredText.register(db)
        }
        let queue = try DatabaseQueue(path: index, configuration: config)
        defer { try? queue.close() }
        return try queue.writeWithoutTransaction { db in
            #expect(
                try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"],
                sourceLocation: sourceLocation)
            // Killed before its first migration committed: an empty database, which opens as a new index.
            guard try db.tableExists("documents") else { return [:] }
            try db.inTransaction {
                try db.execute(
                    sql:
                        "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)"
                )
                return .rollback
            }
            let orphans = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM documents WHERE path NOT IN (SELECT path FROM files)"
            )
            #expect(orphans == 0, "documents without a files row", sourceLocation: sourceLocation)
            return try versions(db, sourceLocation)
        }
    }

    static func versions(_ db: Database, _ sourceLocation: SourceLocation) throws -> [Int: Int] {
        var versions: [Int: Int] = [:]
        let find = try db.makeStatement(
            sql: "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?")
        for row in try Row.fetchAll(db, sql: "SELECT id, title, body FROM documents_text") {
            let id: Int64 = row["id"]
            let title: String = row["title"]
            let body: String = row["body"]
            guard let word = title.split(separator: " ").last, let n = Int(word.dropFirst(4)),
                let version = body.split(separator: " ").first.flatMap({ Int($0.dropFirst(7)) })
            else { continue }
            let found = try Int64.fetchAll(find, arguments: [String(word)])
            #expect(
                found == [id], "document \(n) is not searchable by its word",
                sourceLocation: sourceLocation)
            versions[n] = version
        }
        return versions
    }
}
