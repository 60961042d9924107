import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the index file looked like when an index run left it sound, so that the next run can
/// tell that nothing has touched it since and skip reading all of it again.
///
/// The seal is the file's device, inode, size, and modification and change times to the
/// nanosecond, taken after the run's last checkpoint emptied the write-ahead log, plus the time
/// of the last full check (`IndexDoctor.quickCheck`) that the file's soundness rests on. It is
/// kept in the writer's lock file (`WriterLock`), never in the index: writing it there would
/// change the file it describes. Any write to the file (another program, a damaged copy put in
/// its place, an SQLite client, `doctor --repair`) changes its change time, which no process
/// can set back (POSIX `stat`, `st_ctim`); a writer taking the lock erases the seal, so a run
/// that is killed leaves none.
struct IndexSeal: Equatable, Sendable {
    /// The file's device and inode: a copy or a replacement is another file.
    var device: UInt64
    var inode: UInt64
    /// Size in bytes.
    var size: Int64
    /// Modification and status change times, in nanoseconds since 1970.
    var modified: Int64
    var changed: Int64
    /// When the last full check passed (seconds since 1970).
    var checked: Int64

    /// The seal of the index at `path` as it is now, vouched for by a check at `checked`; nil
    /// when it has no such file, or a write-ahead log that holds pages not yet in the file.
    static func current(of path: String, checked: Int64) -> IndexSeal? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var log = stat()
        if stat(path + "-wal", &log) == 0, log.st_size > 0 { return nil }
        return IndexSeal(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modified: nanoseconds(info.st_mtim), changed: nanoseconds(info.st_ctim),
            checked: checked)
    }

    /// True when the file at `path` is, by every measure the seal holds, as it was sealed.
    func holds(for path: String) -> Bool {
        Self.current(of: path, checked: checked) == self
    }

    static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// The seal as one line of the lock file: `sealed DEVICE INODE SIZE MTIME CTIME CHECKED`.
    var line: String {
        "sealed \(device) \(inode) \(size) \(modified) \(changed) \(checked)"
    }

    /// The seal written as `line`; nil for any other text.
    init?(line: Substring) {
        let fields = line.split(separator: " ")
        guard fields.count == 7, fields[0] == "sealed",
            let device = UInt64(fields[1]), let inode = UInt64(fields[2]),
            let size = Int64(fields[3]), let modified = Int64(fields[4]),
            let changed = Int64(fields[5]), let checked = Int64(fields[6])
        else { return nil }
        self.init(
            device: device, inode: inode, size: size, modified: modified, changed: changed,
            checked: checked)
    }

    init(
        device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64, checked: Int64
    ) {
        (self.device, self.inode, self.size) = (device, inode, size)
        (self.modified, self.changed, self.checked) = (modified, changed, checked)
    }
}

extension IndexStore {
    /// Leaves in the lock file the seal of the index file as it is now, vouched for by the full
    /// check at `checked` (seconds since 1970): called when a run has succeeded, after its
    /// checkpoint; no seal when the write-ahead log could not be emptied.
    func seal(checked: Int64) {
        guard let writerLock, database is DatabasePool else { return }
        writerLock.record(seal: IndexSeal.current(of: path, checked: checked))
    }
}
