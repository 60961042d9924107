import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The number of files the process may hold open (`ulimit -n`), raised before any work.
///
/// An index run holds the index, its write-ahead log, shared memory and lock, a folder per
/// level of the walk and a file per preparing thread; the thread pools open an event file
/// descriptor when they start. Below a few dozen, a run fails part-way, and libdispatch stops the
/// process when it cannot open its own, with no message. So each command first raises the soft
/// limit to the hard one, as Go's runtime has done since 1.19, and refuses to start with one line
/// when even that is too low.
public enum OpenFileLimit {
    /// The fewest open files a command starts with.
    public static let needed = 32

    #if os(Linux)
        static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
        static let resource = RLIMIT_NOFILE
    #endif

    /// Raises the soft limit to the hard one; throws `tooFewOpenFiles` when it stays below
    /// `needed`, and `noFreeOpenFiles` when files the process inherited leave almost none free.
    public static func prepare() throws(LBSearchError) {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        if limit.rlim_cur < rlim_t(needed) {
            throw .tooFewOpenFiles(limit: Int(limit.rlim_cur), needed: needed)
        }
        if let code = exhausted(spare: startingSpare) {
            throw .noFreeOpenFiles(limit: code == EMFILE ? Int(limit.rlim_cur) : nil)
        }
        startThreadPool()
    }

    /// The files that must be free when a command starts: the thread pool's event files
    /// (`startThreadPool`) and one more.
    static let startingSpare = 4

    /// Starts libdispatch's thread pool now, while files are to spare.
    ///
    /// Its first worker thread opens the pool's event files (epoll, eventfd), and stops the
    /// process (signal 4, no message) when it cannot: started later by the first task, that
    /// raced the command for the last files, so a command that ran out (a process that
    /// inherited most of its open files) either said so or died.
    static func startThreadPool() {
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {}
        group.wait()
    }

    /// The files `exhausted` must still be able to open for the process not to be out of them:
    /// more than SQLite closes when an open fails (the database, its log, shared memory, a
    /// temporary file), so a probe made after the failure still finds the process at its limit.
    static let spare = 8

    /// True for the `errno` of running out of open files: `EMFILE` (this process) or `ENFILE`
    /// (the system).
    static func isExhaustion(_ code: Int32) -> Bool { code == EMFILE || code == ENFILE }

    /// `EMFILE` or `ENFILE` when `error`, from Foundation, failed for want of open files (the
    /// `errno` it holds as its underlying error, a `POSIXError` or an `NSError`), else nil.
    static func exhaustion(in error: any Error) -> Int32? {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey]
        let code: Int32
        if let posix = underlying as? POSIXError {
            code = posix.code.rawValue
        } else if let other = underlying as? NSError, other.domain == NSPOSIXErrorDomain {
            code = Int32(clamping: other.code)
        } else {
            return nil
        }
        return isExhaustion(code) ? code : nil
    }

    /// `EMFILE` or `ENFILE` when fewer than `spare` more files can be opened now, else nil.
    ///
    /// For a failure whose `errno` is lost: SQLite reports every failed open as
    /// `SQLITE_CANTOPEN`, and GRDB closes the connection that holds the code
    /// (`sqlite3_system_errno`) before its error reaches lbsearch.
    static func exhausted(spare: Int = spare) -> Int32? {
        var opened: [Int32] = []
        defer { for descriptor in opened { close(descriptor) } }
        while opened.count < spare {
            let descriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                let code = errno
                return isExhaustion(code) ? code : nil
            }
            opened.append(descriptor)
        }
        return nil
    }

    /// The error for running out of open files (`code`, `EMFILE` or `ENFILE`) while opening
    /// `path`, with the soft limit for `EMFILE`.
    static func error(_ code: Int32, path: String) -> LBSearchError {
        var limit = rlimit()
        guard code == EMFILE, getrlimit(resource, &limit) == 0 else {
            return .tooManyOpenFiles(path: path, limit: nil)
        }
        return .tooManyOpenFiles(path: path, limit: Int(clamping: limit.rlim_cur))
    }
}
