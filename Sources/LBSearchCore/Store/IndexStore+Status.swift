import Foundation
import GRDB

extension IndexStore {
    /// What the index holds and how its last run went.
    public func status() throws -> IndexStatus {
        let (roots, counts, version, tokenizer) = try read { db in
            (
                try Self.roots(db),
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0
                ),
                try Schema.lastMigration(db) ?? "",
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tokenizer'") ?? ""
            )
        }
        var status = IndexStatus(
            path: path, roots: roots, documents: counts.0, files: counts.1, bytes: fileBytes(),
            schemaVersion: version,
            tokenizer: tokenizer, lastRun: try lastRun())
        status.rootStates = try rootStates()
        let since = try read(Self.changesSince)
        status.changesSince = since == Int64.max ? nil : since
        return status
    }

    /// Size of the index file and its write-ahead log.
    public func fileBytes() -> Int64 {
        [path, path + "-wal"].reduce(0) { total, file in
            let size =
                (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber
            return total + (size?.int64Value ?? 0)
        }
    }
}
