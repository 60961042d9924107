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
        return try readingUnlocked(path) { uri in
            try StorageFault.translating(path: path) {
                let queue = try DatabaseQueue(path: uri, configuration: readOnlyConfiguration())
                do {
                    try checkSchema(queue, path: path)
                } catch LBSearchError.outdatedIndex where outdated {
                } catch {
                    try? queue.close()
                    throw error
                }
                return IndexStore(database: queue, path: path)
            }
        } discard: { store in
            try? (store.database as? DatabaseQueue)?.close()
        }
    }

    /// Runs `read` with the URI `readOnlyURI` picks for `path`; again, up to `maxRereads`
    /// times, when the files changed while it ran and either the URI is `immutable=1` or
    /// `read` failed.
    ///
    /// A reader that opens the index `immutable=1` takes no lock and trusts the file not to
    /// change. That holds for an index no writer works on, but not for one a first build is
    /// creating: its file exists, without its log files yet, from the moment SQLite creates it.
    /// Such a reader keeps the empty schema it read first and then finds pages the writer
    /// wrote since ("no such table"). A reader that shares the log read-only
    /// (`readonly_shm=1`) can fail the same way while the build commits its schema. Read
    /// again, the files tell what they are by then: still no index, or one whose schema is
    /// committed. A read that succeeded under the log's locks saw one consistent snapshot and
    /// stands. `discard` closes a value read from files that changed.
    ///
    /// A failure on files that did not change is looked at once more after `settle` (a short
    /// pause): a first build commits its migrations one transaction at a time, and a reader
    /// that came between two of them found what looks like an index of an older lbsearch.
    static func readingUnlocked<T>(
        _ path: String, _ read: (String) throws -> T, discard: (T) -> Void = { _ in },
        settle: () -> Void = { Thread.sleep(forTimeInterval: settlePause) }
    ) throws -> T {
        var rereads = 0
        while true {
            let before = FileStamps(index: path)
            let uri = readOnlyURI(path)
            let result = Result { try read(uri) }
            let trusted: Bool
            switch result {
            case .success: trusted = !uri.hasSuffix("?" + immutableMode)
            case .failure: trusted = false
            }
            if trusted || rereads >= maxRereads { return try result.get() }
            var changed = FileStamps(index: path) != before
            if !changed, case .failure = result {
                settle()
                changed = FileStamps(index: path) != before
            }
            if !changed { return try result.get() }
            if case .success(let value) = result { discard(value) }
            rereads += 1
            Thread.sleep(forTimeInterval: rereadPause)
        }
    }

    /// How many times `readingUnlocked` reads again files that keep changing.
    static let maxRereads = 20
    /// The pause before reading again: a first build creates its log files within milliseconds.
    static let rereadPause: TimeInterval = 0.01
    /// How long a failed read waits to see whether a writer is changing the files.
    static let settlePause: TimeInterval = 0.05
    /// The URI parameter of a reader that takes no lock.
    static let immutableMode = "immutable=1"

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
        let mode = shared || FileHeader.hasLog(path) ? "mode=ro&readonly_shm=1" : immutableMode
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

/// What a reader that takes no lock relies on staying the same while it reads an index: the
/// identity, size and modification time of the file and of its write-ahead log, whether its
/// shared-memory file exists, and the file's 100-byte header.
///
/// The header is there because a modification time may not move: Linux stamps it from a
/// clock that ticks every few milliseconds, and a write that rewrites the first page in place
/// keeps the size. Every transaction written outside the log increments the header's change
/// counter (SQLite documentation, "Database File Format", section 1.3.8).
struct FileStamps: Equatable {
    let file: Stamp?
    let log: Stamp?
    let sharedMemory: Bool
    let header: [UInt8]

    /// One file's identity, size and modification time, as `stat(2)` gives them.
    struct Stamp: Equatable {
        let device: UInt64
        let inode: UInt64
        let size: Int64
        let seconds: Int
        let nanoseconds: Int

        init?(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            seconds = info.st_mtim.tv_sec
            nanoseconds = info.st_mtim.tv_nsec
        }
    }

    /// The stamps of the index at `path` and of its log files.
    init(index path: String) {
        file = Stamp(path)
        log = Stamp(path + "-wal")
        sharedMemory = access(path + "-shm", F_OK) == 0
        header = Self.header(path)
    }

    /// The first 100 bytes of the file at `path` (fewer when it is shorter, none when unreadable).
    static func header(_ path: String) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 100)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 100, 0) }
        return Array(bytes.prefix(max(count, 0)))
    }
}
