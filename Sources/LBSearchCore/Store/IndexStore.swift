import Foundation
import GRDB

/// The index file: opens it safely, migrates it, and hands out its database.
///
/// On disk it is a WAL `DatabasePool` (one writer, many readers); in tests an in-memory
/// `DatabaseQueue`. Opening never modifies a file that is not an lbsearch index.
public final class IndexStore: Sendable {
    public let database: any DatabaseWriter
    public let path: String

    init(database: any DatabaseWriter, path: String) {
        self.database = database
        self.path = path
    }

    /// An empty index in memory.
    public static func inMemory() throws -> IndexStore {
        let queue = try DatabaseQueue(configuration: configuration())
        try Schema.migrator.migrate(queue)
        return IndexStore(database: queue, path: ":memory:")
    }

    /// Opens the index at `path`. When it does not exist, creates it if `create`, else throws `.noIndex`.
    public static func open(at path: String, create: Bool) throws -> IndexStore {
        let exists = FileManager.default.fileExists(atPath: path)
        if exists {
            try checkIsIndex(path)
        } else if !create {
            throw LBSearchError.noIndex(path: path)
        } else {
            try createParentDirectory(of: path)
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration())
            let migrator = Schema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) { throw LBSearchError.newerIndex(path: path) }
            if try pool.read({ try !migrator.hasCompletedMigrations($0) }) { try migrator.migrate(pool) }
            return IndexStore(database: pool, path: path)
        } catch let error as LBSearchError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.translate(error, path: path)
        }
    }

    /// Connection settings shared by every connection (SQLite documentation, "PRAGMA Statements").
    static func configuration() -> Configuration {
        var config = Configuration()
        // Readers and a writer wait for each other instead of failing with SQLITE_BUSY.
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            // Debian builds SQLite with synchronous=FULL; NORMAL is durable enough under WAL.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Keep the WAL file from growing without bound after a large run.
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            // The ranking functions are per connection (FTS5 documentation, section 7).
            RankingFunctions.register(db)
        }
        return config
    }

    /// Throws unless `path` is an lbsearch index (or an empty file); reads it without writing.
    static func checkIsIndex(_ path: String) throws {
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            let (appID, tables) = try queue.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0)
            }
            try queue.close()
            if appID != Schema.applicationID, tables > 0 { throw LBSearchError.notAnIndex(path: path) }
        } catch let error as DatabaseError {
            throw StoreError.translate(error, path: path)
        }
    }

    static func createParentDirectory(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw LBSearchError.cannotOpenIndex(path: path, reason: "cannot create folder \(parent)")
        }
    }
}

/// Maps SQLite failures to errors a user can act on; no SQLite text reaches the user.
enum StoreError {
    static func translate(_ error: DatabaseError, path: String) -> LBSearchError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .corruptIndex(path: path)
        case .SQLITE_READONLY: return .readOnlyIndex(path: path)
        case .SQLITE_CANTOPEN: return .cannotOpenIndex(path: path, reason: "permission denied or missing folder")
        case .SQLITE_FULL: return .cannotOpenIndex(path: path, reason: "the disk is full")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .cannotOpenIndex(path: path, reason: "it is busy; try again")
        default: return .cannotOpenIndex(path: path, reason: "unexpected storage error (code \(error.resultCode.rawValue))")
        }
    }
}
