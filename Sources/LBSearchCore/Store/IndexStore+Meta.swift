import Foundation
import GRDB

extension IndexStore {
    /// The roots this index was built from, in the order they were first indexed.
    public func roots() throws -> [String] {
        try database.read { db in try Self.roots(db) }
    }

    static func roots(_ db: Database) throws -> [String] {
        guard let json = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'roots'"),
            let roots = try? JSONDecoder().decode([String].self, from: Data(json.utf8))
        else { return [] }
        return roots
    }

    /// Adds `roots` to the remembered roots.
    static func remember(roots: [String], _ db: Database) throws {
        var all = try Self.roots(db)
        for root in roots where !all.contains(root) { all.append(root) }
        try db.execute(
            sql: "INSERT INTO meta(key, value) VALUES ('roots', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [jsonArray(all)])
    }

    /// Number of documents in the index.
    public func documentCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0 }
    }

    static func jsonArray(_ strings: [String]) -> String {
        guard let data = try? JSONEncoder().encode(strings) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
