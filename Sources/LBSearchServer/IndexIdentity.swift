import Foundation

/// What tells one index file from the next; a reader opened on one identity is reopened on
/// another.
///
/// A `--full` rebuild that replaces the file gives it a new inode, and a file read whole
/// (`immutable=1`, no write-ahead log beside it) changes size or time when a writer comes.
struct IndexIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    /// True when the write-ahead log is beside the file: readers then share it and see every
    /// commit, so size and time no longer matter.
    var logged: Bool
    var size: Int64
    var modified: Int

    /// The identity of the file at `path`, or nil when there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        var log = stat()
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        logged = stat(path + "-wal", &log) == 0
        size = logged ? 0 : Int64(info.st_size)
        modified = logged ? 0 : Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
    }
}
