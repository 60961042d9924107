import Foundation
import GRDB

extension IndexStore {
    /// The roots this index was built from, in the order they were first indexed.
    public func roots() throws -> [String] {
        try read { db in try Self.roots(db) }
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
            sql:
                "INSERT INTO meta(key, value) VALUES ('roots', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [jsonArray(all)])
    }

    /// Adds `roots` to the remembered roots, those not remembered yet as `unfinished` until a
    /// run over them ends well (`record(states:of:_:)`).
    ///
    /// Remembered at the start of a run, so that `lbsearch index` finishes a run that stopped;
    /// meanwhile `status` says that such a root is not fully indexed, rather than "ok" with the
    /// documents the stopped run committed.
    static func rememberUnfinished(roots: [String], _ db: Database) throws {
        let known = try Self.roots(db)
        var states = try recordedStates(db)
        for root in roots where !known.contains(root) {
            states[root] = RootState.unfinished.name
        }
        try writeStates(states, db)
        try remember(roots: roots, db)
    }

    /// Number of documents in the index.
    public func documentCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0 }
    }

    static func jsonArray(_ strings: [String]) -> String {
        guard let data = try? JSONEncoder().encode(strings) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// What the last run found about each root that it could not read, or could not finish
/// (`meta` key `root_states`, a JSON object from root to `RootState.name`; roots that were fine
/// are absent).
extension IndexStore {
    /// Each root with its state (from the last run, or missing/unreadable now) and the
    /// number of documents the index holds under it.
    public func rootStates() throws -> [RootStatus] {
        try read { db in
            let recorded = try Self.recordedStates(db)
            return try Self.roots(db).map { root in
                var state = recorded[root].map(RootState.init(name:)) ?? .available
                if !FileManager.default.fileExists(atPath: root) { state = .missing }
                return RootStatus(
                    root: root, state: state, documents: try Self.documentCount(under: root, db))
            }
        }
    }

    static func documentCount(under root: String, _ db: Database) throws -> Int {
        // Paths under `root/` sort between `root/` and `root0` ('0' follows '/').
        try Int.fetchOne(
            db, sql: "SELECT count(*) FROM documents WHERE path = ? OR (path >= ? AND path < ?)",
            arguments: [root, root + "/", root + "0"]) ?? 0
    }

    static func recordedStates(_ db: Database) throws -> [String: String] {
        guard
            let json = try String.fetchOne(
                db, sql: "SELECT value FROM meta WHERE key = 'root_states'")
        else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }

    /// Records what a run found: `unavailable` roots by state, every other root of `roots` as fine.
    static func record(states unavailable: [RootStatus], of roots: [String], _ db: Database) throws
    {
        var states = try recordedStates(db)
        for root in roots { states[root] = nil }
        for root in unavailable { states[root.root] = root.state.name }
        try writeStates(states, db)
    }

    static func forgetStates(of roots: [String], _ db: Database) throws {
        var states = try recordedStates(db)
        for root in roots { states[root] = nil }
        try writeStates(states, db)
    }

    static func writeStates(_ states: [String: String], _ db: Database) throws {
        let data = (try? JSONEncoder().encode(states)) ?? Data("{}".utf8)
        try db.execute(
            sql:
                "INSERT INTO meta(key, value) VALUES ('root_states', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [String(decoding: data, as: UTF8.self)])
    }

    /// Replaces the remembered roots with `roots`.
    static func replace(roots: [String], _ db: Database) throws {
        try db.execute(
            sql:
                "INSERT INTO meta(key, value) VALUES ('roots', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [jsonArray(roots)])
    }
}
