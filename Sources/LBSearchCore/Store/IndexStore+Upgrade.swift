import Foundation
import GRDB

/// Indexes built before the `lbsearch` tokenizer ("v4"), compressed bodies ("v5") or text
/// fingerprints ("v9"):
/// searches refuse them with `.outdatedIndex`; `lbsearch index` migrates them when it opens
/// them, saying so first in one line (`upgradeNotice`). An index before the body-first
/// full-text index ("v12") is searched as it is, and `lbsearch index` says it rebuilds it.
extension IndexStore {
    /// What `lbsearch index` says before it rebuilds such an index.
    public static let tokenizerUpgradeNotice =
        "the index was built by an older lbsearch; rebuilding it for the new tokenizer (Japanese, Chinese and Korean words become searchable)"

    /// What `lbsearch index` says before it compresses the stored bodies of an index.
    public static let compressionUpgradeNotice =
        "the index was written by an older lbsearch; compressing its stored text and rebuilding its full-text index (once)"

    /// What `lbsearch index` says before it compresses the stored bodies again.
    public static let dictionaryUpgradeNotice =
        "the index was written by an older lbsearch; compressing its stored text again, smaller (once)"

    /// What `lbsearch index` says before it fingerprints the stored documents of an index.
    public static let fingerprintUpgradeNotice =
        "the index was written by an older lbsearch; fingerprinting its documents so that copies of a story are shown once (once)"

    /// What `lbsearch index` says before it rebuilds the full-text index with the body first.
    public static let bodyFirstUpgradeNotice =
        "the index was written by an older lbsearch; rebuilding its full-text index, smaller (once)"

    /// The one line `lbsearch index` says before it migrates the index at `path`, or nil when
    /// the index is absent, new or current.
    ///
    /// Reads only.
    public static func upgradeNotice(at path: String) -> String? {
        guard FileManager.default.fileExists(atPath: path), (try? checkIsIndex(path)) != nil else {
            return nil
        }
        guard
            let queue = try? DatabaseQueue(
                path: readOnlyURI(path), configuration: readOnlyConfiguration()),
            let applied = try? queue.read(appliedMigrations)
        else { return nil }
        defer { try? queue.close() }
        if applied.isEmpty { return nil }
        if !applied.contains(Schema.tokenizerMigration) { return tokenizerUpgradeNotice }
        if !applied.contains(Schema.compressionMigration) { return compressionUpgradeNotice }
        if !applied.contains(Schema.dictionaryMigration) { return dictionaryUpgradeNotice }
        if !applied.contains(Schema.fingerprintMigration) { return fingerprintUpgradeNotice }
        if !applied.contains(Schema.bodyFirstMigration) { return bodyFirstUpgradeNotice }
        return nil
    }

    /// The migrations `db` has applied (none for an empty database).
    static func appliedMigrations(_ db: Database) throws -> Set<String> {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
    }

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
        let applied = try appliedMigrations(db)
        return !applied.isEmpty && !applied.contains(Schema.tokenizerMigration)
    }
}
