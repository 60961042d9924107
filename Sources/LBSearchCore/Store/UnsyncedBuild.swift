import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A first build writes without flushing to the disk, and says so in a marker file beside the
/// index until everything it wrote is on the disk.
///
/// With `synchronous = NORMAL` every checkpoint of the write-ahead log waits for the disk twice
/// (the log, then the index file): once or twice a batch, about a tenth of a first build's time
/// on this project's machines. With `synchronous = OFF` SQLite hands its writes to the
/// operating system and goes on. A process that is killed loses nothing by it, since the
/// operating system still writes what it was handed; only a crash of the machine itself (power
/// lost, kernel panic) can leave the index file damaged (SQLite documentation, "PRAGMA
/// synchronous"). An empty index has nothing to lose, so a first build may take that risk if a
/// crash of the machine is noticed and the build started over:
///
/// - before the first unsynced write, the marker (`path(for:)`) is written and flushed, with
///   the machine's boot id (Linux `/proc/sys/kernel/random/boot_id`, new at every boot) and the
///   roots being indexed;
/// - once a run ends with the log copied into the index file, both files and the folder are
///   flushed (`fsync`) and the marker goes;
/// - a writer that finds a marker from another boot (`discardIfLost`) removes the index and
///   the marker and builds again from the marker's roots. A marker from this boot is a run
///   that was killed or failed: its index is sound, and the next run finishes it as any other.
///
/// Where there is no boot id to compare (not Linux), nothing changes: every run syncs.
public enum UnsyncedBuild {
    /// Told when a lost build is started over (`discardIfLost`).
    static let lostNotice =
        "the index's first build was cut short by a crash or restart of the machine and may be "
        + "damaged: building it again from the start"

    /// The marker's path beside the index at `indexPath`.
    public static func path(for indexPath: String) -> String {
        indexPath + ".unsynced"
    }

    /// What the marker holds.
    struct Marker: Codable, Equatable {
        /// The boot id of the machine when the build started.
        var boot: String
        /// The roots the build indexes.
        var roots: [String]
    }

    /// The machine's boot id; nil when the system has none to read.
    public static func currentBoot() -> String? {
        guard
            let text = try? String(
                contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
        else { return nil }
        let boot = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return boot.isEmpty ? nil : boot
    }

    /// Writes the marker for a build of `roots` into the index at `indexPath`, flushed to the
    /// disk with its folder; false (and no marker) when that cannot be done, and the build
    /// must then sync as usual.
    static func begin(indexPath: String, roots: [String], boot: String? = currentBoot()) -> Bool {
        guard let boot, let data = try? JSONEncoder().encode(Marker(boot: boot, roots: roots))
        else { return false }
        let marker = path(for: indexPath)
        let temporary = marker + ".new"
        guard writeFlushed(data, to: temporary), rename(temporary, marker) == 0,
            flushFolder(of: marker)
        else {
            unlink(temporary)
            unlink(marker)
            return false
        }
        return true
    }

    /// Flushes the index file and its log to the disk and removes the marker, if there is one
    /// from this boot.
    ///
    /// Called once a run's writes are all in the two files. False when a flush failed (the
    /// marker then stays).
    @discardableResult
    static func finish(indexPath: String, boot: String? = currentBoot()) -> Bool {
        let marker = path(for: indexPath)
        guard let found = read(marker), found.boot == boot else { return true }
        let database = databaseFile(indexPath)
        for file in [database, database + "-wal"]
        where FileManager.default.fileExists(atPath: file) {
            guard flush(file) else { return false }
        }
        guard unlink(marker) == 0 else { return false }
        return flushFolder(of: marker)
    }

    /// When the index at `indexPath` has a marker from another boot (its first build ran
    /// unsynced when the machine went down), removes the index, its log files and the marker,
    /// and returns the roots the build was indexing; nil otherwise.
    ///
    /// No process of that boot can still be writing, so this needs no lock.
    static func discardIfLost(indexPath: String, boot: String? = currentBoot()) -> [String]? {
        let marker = path(for: indexPath)
        guard FileManager.default.fileExists(atPath: marker) else { return nil }
        guard let boot else { return nil }
        let found = read(marker)
        if let found, found.boot == boot { return nil }
        let database = databaseFile(indexPath)
        for file in [database, database + "-wal", database + "-shm", marker] {
            unlink(file)
        }
        return found?.roots ?? []
    }

    /// The file SQLite writes for the index at `indexPath`: the path with its symbolic links
    /// resolved, beside which SQLite keeps the `-wal` and `-shm` files (the marker, like the
    /// writer lock, stays beside the path as given).
    static func databaseFile(_ indexPath: String) -> String {
        URL(fileURLWithPath: indexPath).resolvingSymlinksInPath().path
    }

    static func read(_ marker: String) -> Marker? {
        guard let data = FileManager.default.contents(atPath: marker) else { return nil }
        return try? JSONDecoder().decode(Marker.self, from: data)
    }

    /// Writes `data` into a new file at `path` and flushes it to the disk.
    ///
    /// Whatever is at `path` goes first, and the file is created anew (`O_EXCL`), never
    /// through a symbolic link someone left there.
    static func writeFlushed(_ data: Data, to path: String) -> Bool {
        unlink(path)
        let descriptor = open(
            path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { bytes in
            write(descriptor, bytes.baseAddress, bytes.count)
        }
        return written == data.count && fsync(descriptor) == 0
    }

    /// `fsync` of the file at `path`.
    static func flush(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return fsync(descriptor) == 0
    }

    /// `fsync` of the folder holding `path`, so that a file created, renamed or removed there
    /// stays so after a crash.
    static func flushFolder(of path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return flush(folder.isEmpty ? "." : folder)
    }
}
