import Foundation
import GRDB

/// Indexes built before the `lbsearch` tokenizer ("v4"): searches refuse them with
/// `.outdatedIndex`; `lbsearch index` rebuilds them when it opens them (the migration).
extension IndexStore {
    /// What `lbsearch index` says before it rebuilds such an index.
    public static let tokenizerUpgradeNotice =
        "the index was built by an older lbsearch; rebuilding it for the new tokenizer (Japanese, Chinese and Korean words become searchable)"

    /// True when the index at `path` exists and will be rebuilt for the current tokenizer when it
    /// is next opened for writing.
    ///
    /// Reads only.
    public static func needsTokenizerUpgrade(at path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path), (try? checkIsIndex(path)) != nil else {
            return false
        }
        guard
            let queue = try? DatabaseQueue(
                path: readOnlyURI(path), configuration: readOnlyConfiguration())
        else { return false }
        defer { try? queue.close() }
        return (try? queue.read(needsTokenizerUpgrade)) ?? false
    }

    /// True when `db` holds an index built by an earlier migration but not yet moved to the
    /// current tokenizer.
    static func needsTokenizerUpgrade(_ db: Database) throws -> Bool {
        guard try db.tableExists("grdb_migrations") else { return false }
        let applied = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        return !applied.isEmpty && !applied.contains(Schema.tokenizerMigration)
    }
}
