import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one-writer rule: an exclusive `flock(2)` on a lock file beside the index
/// (`index.db.lock`), which records the holder's process id.
///
/// `flock` locks belong to the open file description, so the operating system releases the
/// lock when the holder exits or is killed (even by `kill -9`): a lock is never stale. The
/// file itself is left in place after release; only the lock on it matters.
public final class WriterLock: Sendable {
    /// How often a waiting writer tries again.
    static let pollInterval: TimeInterval = 0.05

    let descriptor: Int32
    /// The lock file's path.
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    /// The lock file for the index at `indexPath`.
    public static func lockPath(for indexPath: String) -> String {
        indexPath + ".lock"
    }

    /// Takes the writer lock of the index at `indexPath`, waiting up to `wait` seconds for a
    /// running writer to finish.
    ///
    /// Throws `.indexBusy` (naming the holder's pid) when it cannot.
    public static func acquire(for indexPath: String, wait: TimeInterval = 0) throws -> WriterLock {
        let path = lockPath(for: indexPath)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw openError(errno, indexPath: indexPath) }
        let deadline = Date().addingTimeInterval(max(wait, 0))
        var waited = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = readPID(descriptor)
                close(descriptor)
                throw LBSearchError.indexBusy(path: indexPath, pid: holder)
            }
            if !waited { PausePoint.waitingForLock.reached() }
            waited = true
            Thread.sleep(forTimeInterval: pollInterval)
        }
        let lock = WriterLock(descriptor: descriptor, path: path)
        lock.recordPID()
        return lock
    }

    /// Writes this process's id into the lock file, for the message a second writer prints.
    private func recordPID() {
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// The pid recorded in a lock file, when it holds one.
    static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func openError(_ code: Int32, indexPath: String) -> LBSearchError {
        switch code {
        case EACCES, EROFS, EPERM: return .readOnlyIndex(path: indexPath)
        default:
            return .cannotOpenIndex(path: indexPath, reason: .lockFile(errno: code))
        }
    }
}
