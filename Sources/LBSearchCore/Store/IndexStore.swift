import Foundation
import GRDB
import GRDBSQLite

/// The index file: opens it safely, migrates it, and answers what the commands ask of it.
///
/// On disk it is a WAL `DatabasePool` (one writer, many readers); in tests an in-memory
/// `DatabaseQueue`. Opening never modifies a file that is not an lbsearch index. The database
/// stays inside the library: other modules see only methods whose SQLite failures are
/// `LBSearchError`s (`StorageFault`).
public final class IndexStore: Sendable {
    /// The SQLite connection (pool on disk, queue in memory).
    let database: any DatabaseWriter
    /// The index file (`:memory:` for an index in memory); errors name it.
    public let path: String
    /// Held by a store opened for writing; released when the store is released.
    public let writerLock: WriterLock?
    /// What opening this store created (the index file, the first folder made for it), to
    /// remove when the command that created them fails: a failed command leaves no new files.
    let created: [String]
    /// True for a damaged file opened only to be replaced by `--full`: its file is replaced
    /// whole, never written through SQLite.
    let damaged: Bool

    init(
        database: any DatabaseWriter, path: String, writerLock: WriterLock? = nil,
        created: [String] = [], damaged: Bool = false
    ) {
        self.database = database
        self.path = path
        self.writerLock = writerLock
        self.created = created
        self.damaged = damaged
    }

    /// The connection, for the benchmarks alone, which time plain SQL beside lbsearch's own.
    ///
    /// Other modules never see it; `@_spi(Benchmarks) import LBSearchCore` shows it.
    @_spi(Benchmarks) public var benchmarkDatabase: any DatabaseWriter { database }

    /// An empty index in memory.
    public static func inMemory() throws -> IndexStore {
        let queue = try DatabaseQueue(configuration: configuration())
        try Schema.migrator.migrate(queue)
        return IndexStore(database: queue, path: ":memory:")
    }

    /// Opens the index at `path`: to read it (`openForReading`) unless `create` or `writable`.
    ///
    /// When it does not exist, creates it if `create`, else throws `.noIndex`.
    public static func open(at path: String, create: Bool, writable: Bool = false) throws
        -> IndexStore
    {
        if !create, !writable { return try openForReading(at: path) }
        if FileManager.default.fileExists(atPath: path) {
            try checkIsIndex(path)
        } else if !create {
            throw LBSearchError.noIndex(path: path)
        } else {
            try createParentDirectory(of: path)
        }
        return try connect(path, writerLock: nil)
    }

    /// Opens (or creates) the index at `path` holding its writer lock, so no other process writes
    /// to it meanwhile.
    ///
    /// Waits up to `wait` seconds for a running writer, then throws `.indexBusy`. A file that is
    /// not an lbsearch index, or not writable, is refused untouched. Without `create`, a missing
    /// index is `.noIndex`. With `damaged`, an index that SQLite reports as damaged is opened as it
    /// is, without its schema checks, for `--full` to replace it.
    public static func openForWriting(
        at path: String, wait: TimeInterval = 0, create: Bool = true, damaged: Bool = false,
        onUpgrade: (String) -> Void = { _ in }
    ) throws -> IndexStore {
        var created: [String] = []
        if FileManager.default.fileExists(atPath: path) {
            do {
                try checkIsIndex(path)
            } catch LBSearchError.corruptIndex(let path) where damaged {
                return try connectDamaged(path, wait: wait)
            }
            try checkWritable(path)
        } else if !create {
            throw LBSearchError.noIndex(path: path)
        } else {
            created = [try createParentDirectory(of: path) ?? path]
        }
        // Another writer holding the lock may be creating this very index: leave it alone.
        let lock = try WriterLock.acquire(for: path, wait: wait)
        // A scratch file left by a killed `--full` is garbage; only the lock holder may remove it.
        removeScratch(for: path)
        // Told under the lock: before it, another writer may be creating or migrating the file,
        // whose migrations committed so far look like an older index.
        if let notice = upgradeNotice(at: path) { onUpgrade(notice) }
        do {
            return try connect(path, writerLock: lock, created: created)
        } catch LBSearchError.corruptIndex(let path) where damaged {
            return try connectDamaged(path, lock: lock)
        } catch {
            removeCreated(created, index: path)
            throw error
        }
    }

    /// A damaged index, held by its writer lock but not opened (SQLite refuses some damaged files
    /// whole, such as truncated ones): only for `--full`, which puts a new file in its place.
    ///
    /// Its `database` is an empty stand-in.
    static func connectDamaged(_ path: String, wait: TimeInterval = 0, lock: WriterLock? = nil)
        throws -> IndexStore
    {
        try checkWritable(path)
        let lock = try lock ?? WriterLock.acquire(for: path, wait: wait)
        removeScratch(for: path)
        return try StorageFault.translating(path: path) {
            IndexStore(database: try DatabaseQueue(), path: path, writerLock: lock, damaged: true)
        }
    }

    /// Closes this store and removes what opening it created, if anything: called when the
    /// first command on a new index fails, so that it leaves no file behind.
    public func discardIfCreated() {
        guard !created.isEmpty else { return }
        try? (database as? DatabasePool)?.close()
        Self.removeCreated(created, index: path)
    }

    /// Removes the index files and then the folders in `created` (nothing when it is empty).
    static func removeCreated(_ created: [String], index path: String) {
        guard !created.isEmpty else { return }
        let files = [
            path, path + "-wal", path + "-shm", WriterLock.lockPath(for: path),
            scratchPath(for: path), UnsyncedBuild.path(for: path),
        ]
        for file in files + created {
            try? FileManager.default.removeItem(atPath: file)
        }
    }

    static func connect(_ path: String, writerLock: WriterLock?, created: [String] = []) throws
        -> IndexStore
    {
        try StorageFault.translating(path: path) {
            let pool = try DatabasePool(path: path, configuration: configuration())
            let migrator = Schema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw LBSearchError.newerIndex(path: path)
            }
            if try pool.read({ try !migrator.hasCompletedMigrations($0) }) {
                let applied = try pool.read(appliedMigrations)
                try migrator.migrate(pool)
                // Migrating an index to "v5" or "v8" rewrites its rows (compression), to "v12"
                // its full-text index: give back the pages the old ones leave free, by a
                // VACUUM if need be. "v13" frees the old `files` table and its path index
                // (about 2 % of the file), "v14" the old record index (0.3 % of an index of
                // files): given back when that is cheap, else reused by later writes. "v6" (the
                // change log) rewrites nothing.
                let rewrites = [
                    Schema.compressionMigration, Schema.dictionaryMigration,
                    Schema.bodyFirstMigration,
                ]
                let rewrote = !rewrites.allSatisfy(applied.contains)
                let frees = [Schema.filesKeyMigration, Schema.partialRecordMigration]
                if !applied.isEmpty, rewrote || !frees.allSatisfy(applied.contains) {
                    try pool.writeWithoutTransaction { db in
                        try compact(db, vacuuming: rewrote)
                    }
                }
            }
            return IndexStore(database: pool, path: path, writerLock: writerLock, created: created)
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
            // The tokenizer and ranking functions are per connection (FTS5 documentation, section 7).
            Tokenizer.register(db)
            RankingFunctions.register(db)
            // Stored bodies are compressed; FTS5 reads them through lbsearch_inflate.
            StoredText.register(db)
            // The suggester walks the vocabulary through a temporary table of its own.
            try Suggester.registerVocabulary(db)
            keepLogFiles(db)
        }
        return config
    }

    /// Keeps the `-wal` and `-shm` files when the last connection closes (the log truncated to zero
    /// bytes), so that a later reader always finds them and opens `mode=ro`, sharing the log's
    /// locks with a writer that starts meanwhile.
    ///
    /// Without them a reader must open the file `immutable=1`, which takes no lock, and a writer's
    /// checkpoint could change pages under it (SQLite documentation, "File Control Opcodes",
    /// `SQLITE_FCNTL_PERSIST_WAL`, and "Write-Ahead Logging", section 5).
    static func keepLogFiles(_ db: Database) {
        var persist: Int32 = 1
        _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
    }

    /// Throws unless `path` is an lbsearch index, or a database with no table of its own (an
    /// index killed before its first migration committed may hold GRDB's empty
    /// `grdb_migrations`); reads it without writing.
    static func checkIsIndex(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0, let kind = LBSearchError.SpecialFile(mode: info.st_mode) {
            throw LBSearchError.cannotOpenIndex(
                path: path, reason: kind == .folder ? .isFolder : .notAFile(kind))
        }
        if try FileHeader.check(path, applicationID: Schema.applicationID) { return }
        try readingUnlocked(path) { uri in try checkTables(path, uri: uri) }
    }

    /// The part of `checkIsIndex` that SQLite answers, read through `uri`.
    static func checkTables(_ path: String, uri: String) throws {
        try StorageFault.translating(path: path) {
            let queue = try DatabaseQueue(path: uri, configuration: readOnlyConfiguration())
            defer { try? queue.close() }
            let (appID, tables, migrations) = try queue.read { db in
                (
                    try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                    try Int.fetchOne(
                        db,
                        sql:
                            "SELECT count(*) FROM sqlite_master WHERE tbl_name <> 'grdb_migrations'"
                    ) ?? 0,
                    try db.tableExists("grdb_migrations")
                        ? try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0 : 0
                )
            }
            if appID != Schema.applicationID, tables + migrations > 0 {
                throw LBSearchError.notAnIndex(path: path)
            }
        }
    }

    /// Throws `.readOnlyIndex` when the file or its folder may not be written.
    ///
    /// Permission bits are honoured even for root, who could write anyway: a file made read-only
    /// means "keep".
    static func checkWritable(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var info = stat()
        let readOnlyBits = stat(path, &info) == 0 && info.st_mode & 0o222 == 0
        if readOnlyBits || access(path, W_OK) != 0
            || access(folder.isEmpty ? "." : folder, W_OK) != 0
        {
            throw LBSearchError.readOnlyIndex(path: path)
        }
    }

    /// Creates the folders the index file goes in; returns the outermost folder it created.
    @discardableResult
    static func createParentDirectory(of path: String) throws -> String? {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return nil }
        var outermost: String?
        var folder = parent
        while !folder.isEmpty, folder != "/", !FileManager.default.fileExists(atPath: folder) {
            outermost = folder
            folder = (folder as NSString).deletingLastPathComponent
        }
        do {
            try FileManager.default.createDirectory(
                atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw LBSearchError.cannotOpenIndex(path: path, reason: .cannotCreateFolder(parent))
        }
        return outermost
    }
}
