import Foundation
import GRDB

/// Opening an index only to read it: searches, `status`, `doctor` without `--repair`.
///
/// A read never creates, migrates or writes a file, not even the `-wal` and `-shm` files
/// that SQLite puts beside a WAL database: the reader may be another account than the one
/// that writes the index, the folder or the mount may be read-only (SQLite documentation,
/// "Write-Ahead Logging", section 5 "WAL Mode Read-only Databases").
///
/// - Once any writer has run, its `-wal` and `-shm` files exist (writers keep them when they
///   close, see `IndexStore.keepLogFiles`): the reader opens read-only (`mode=ro`) and shares
///   them, so it sees every committed batch and holds a read lock that a writer's checkpoint
///   respects. It opens the `-shm` file read-only (`readonly_shm=1`) even when it could
///   write it, as any other account must: a read never resizes or rewrites that 32 kB file,
///   so it works under a file size limit (`ulimit -f`) below it and leaves it untouched.
/// - Otherwise (an index copied without them, or written by an older lbsearch) the whole
///   index is in the main file: the reader opens it `immutable=1` (SQLite documentation,
///   "Uniform Resource Identifiers", section 3.3), which needs neither file nor lock.
extension IndexStore {
    /// Opens the index at `path` to read it.
    ///
    /// Throws `.noIndex` when there is none (also for an empty file), `.outdatedIndex` when it
    /// needs a migration first (which writes) unless `outdated` allows that (the doctor checks any
    /// version).
    public static func openForReading(at path: String, outdated: Bool = false) throws -> IndexStore
    {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LBSearchError.noIndex(path: path)
        }
        try checkIsIndex(path)
        return try StorageFault.translating(path: path) {
            let queue = try DatabaseQueue(
                path: readOnlyURI(path), configuration: readOnlyConfiguration())
            do {
                try checkSchema(queue, path: path)
            } catch LBSearchError.outdatedIndex where outdated {}
            return IndexStore(database: queue, path: path)
        }
    }

    /// A read-only connection's settings: `configuration()` (its pragmas only set the
    /// connection, and it registers what queries need), opened `SQLITE_OPEN_READONLY`.
    static func readOnlyConfiguration() -> Configuration {
        var config = configuration()
        config.readonly = true
        return config
    }

    /// The SQLite URI that opens `path` for reading without creating anything beside it.
    static func readOnlyURI(_ path: String) -> String {
        let fileManager = FileManager.default
        let shared =
            fileManager.fileExists(atPath: path + "-shm")
            && fileManager.fileExists(atPath: path + "-wal")
        let mode = shared || FileHeader.hasLog(path) ? "mode=ro&readonly_shm=1" : "immutable=1"
        return "file:" + escapedForURI(path) + "?" + mode
    }

    /// `path` with the characters that end or escape a URI path percent-encoded.
    static func escapedForURI(_ path: String) -> String {
        var escaped = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "?": escaped += "%3F"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Throws unless the schema is complete and current (or lacks only migrations a read does
    /// without, `Schema.readCompatibleMigrations`): an empty database is no index yet, an
    /// older one needs `lbsearch index` to migrate it.
    static func checkSchema(_ reader: some DatabaseReader, path: String) throws {
        let migrator = Schema.migrator
        let (superseded, applied) = try reader.read { db in
            (try migrator.hasBeenSuperseded(db), try migrator.appliedIdentifiers(db))
        }
        if superseded { throw LBSearchError.newerIndex(path: path) }
        let missing = Set(migrator.migrations).subtracting(applied)
        if missing.isSubset(of: Schema.readCompatibleMigrations), !applied.isEmpty { return }
        throw applied.isEmpty
            ? LBSearchError.noIndex(path: path) : LBSearchError.outdatedIndex(path: path)
    }
}
