#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Removes a temporary file if the program is interrupted while the file exists.
///
/// On SIGINT, SIGTERM or SIGHUP it removes the file, then ends the program by the same signal.
/// Signal handlers may only call async-signal-safe functions (POSIX, "Signal Concepts"):
/// `unlink`, `signal` and `raise` are; the path is copied to C memory beforehand.
enum TemporaryFileGuard {
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Runs `body` while `path` is removed on those signals; handlers are restored after.
    static func guarding<T>(_ path: String, _ body: () throws -> T) rethrows -> T {
        let copy = strdup(path)
        guardedPath = copy
        let previous = signals.map { signal($0, removeAndEnd) }
        // A signal the program was started to ignore (`nohup`, a background job) stays ignored.
        for (number, handler) in zip(signals, previous)
        where unsafeBitCast(handler, to: Int.self) == 1 {
            signal(number, SIG_IGN)
        }
        defer {
            for (number, handler) in zip(signals, previous) { signal(number, handler) }
            guardedPath = nil
            free(copy)
        }
        return try body()
    }

    nonisolated(unsafe) static var guardedPath: UnsafeMutablePointer<CChar>?
}

/// The handler: removes the guarded file and dies of the signal it received.
private func removeAndEnd(_ number: Int32) {
    if let path = TemporaryFileGuard.guardedPath { unlink(path) }
    signal(number, SIG_DFL)
    raise(number)
}
