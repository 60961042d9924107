import Foundation

/// The ranking scans running in this process and the second threads they took, so that a scan
/// takes a second thread (`SplitScan`) only while a processor would otherwise idle.
///
/// `lbsearch serve` runs several searches at once: with two of them scanning on two
/// processors, a second thread each would only make them take turns, and pay for a second
/// connection and a second pass over the query's statistics.
final class ScanThreads: @unchecked Sendable {
    // Unchecked: `busy` is read and written under `lock` only.

    /// Stack of a helper thread: SQLite's and the ranking's frames, as on a main thread.
    static let stackSize = 8 << 20

    /// The one count of the process.
    static let shared = ScanThreads()

    private let lock = NSLock()
    /// Threads scanning now: scans and their second threads.
    private var busy = 0

    /// Runs `body`, a scan, counted as a busy thread.
    func counting<T>(_ body: () throws -> T) rethrows -> T {
        lock.withLock { busy += 1 }
        defer { lock.withLock { busy -= 1 } }
        return try body()
    }

    /// Counts a second thread and returns true when fewer than `processors` threads scan.
    func takeHelper(processors: Int) -> Bool {
        lock.withLock {
            guard busy < processors else { return false }
            busy += 1
            return true
        }
    }

    /// Gives back a thread `takeHelper` counted.
    func releaseHelper() {
        lock.withLock { busy -= 1 }
    }
}
