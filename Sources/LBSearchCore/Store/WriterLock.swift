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
/// file itself is left in place after release; only the lock on it matters. A run that left
/// the index sound adds its `IndexSeal` as a second line, which the next writer reads and
/// erases on taking the lock.
public final class WriterLock: Sendable {
    /// How often a waiting writer tries again.
    static let pollInterval: TimeInterval = 0.05

    let descriptor: Int32
    /// The lock file's path.
    public let path: String
    /// The time of the full check the index's soundness rests on, when the seal the last
    /// writer left still holds for the file: nothing has written to it since.
    let sealedCheck: Int64?

    private init(descriptor: Int32, path: String, sealedCheck: Int64?) {
        self.descriptor = descriptor
        self.path = path
        self.sealedCheck = sealedCheck
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
        let seal = readLines(descriptor).dropFirst().first.flatMap(IndexSeal.init(line:))
        let lock = WriterLock(
            descriptor: descriptor, path: path,
            sealedCheck: seal.flatMap { $0.holds(for: indexPath) ? $0.checked : nil })
        lock.record(seal: nil)
        return lock
    }

    /// Writes this process's id into the lock file, for the message a second writer prints,
    /// followed by `seal` when there is one.
    func record(seal: IndexSeal?) {
        let text = Array(("\(getpid())\n" + (seal.map { $0.line + "\n" } ?? "")).utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// The pid recorded in a lock file, when it holds one.
    static func readPID(_ descriptor: Int32) -> Int32? {
        readLines(descriptor).first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// The lines of the lock file (a pid, perhaps a seal: well under 256 bytes).
    static func readLines(_ descriptor: Int32) -> [Substring] {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return [] }
        return String(decoding: buffer[0..<count], as: UTF8.self).split(whereSeparator: \.isNewline)
    }

    static func openError(_ code: Int32, indexPath: String) -> LBSearchError {
        switch code {
        case EACCES, EROFS, EPERM: return .readOnlyIndex(path: indexPath)
        case EMFILE, ENFILE: return OpenFileLimit.error(code, path: indexPath)
        default:
            return .cannotOpenIndex(path: indexPath, reason: .lockFile(errno: code))
        }
    }
}
