import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Named points of an index run where a test can stop it, to kill it or race it at a known
/// moment instead of guessing with timers.
///
/// With `LBSEARCH_TEST_PAUSE_AT=POINT` (or `POINT:N`, the Nth time it is reached) in the
/// environment, the run writes `lbsearch: paused at POINT N` to standard error and waits until
/// a byte, or the end of input, arrives on standard input. Without it, `reached` does nothing.
public enum PausePoint: String, Sendable, CaseIterable {
    /// The run is recorded in the history; nothing is indexed yet.
    case runStarted = "run-started"
    /// A batch's transaction has committed (also while `--full` builds its new index).
    case batchCommitted = "batch-committed"
    /// `--full`: the new index is complete beside the live one, not yet copied over it.
    case beforeSwap = "before-swap"
    /// A writer found the writer lock taken and is about to wait for it (`--wait`).
    case waitingForLock = "waiting-for-lock"

    /// The environment variable that names the point to pause at.
    public static let environmentVariable = "LBSEARCH_TEST_PAUSE_AT"

    /// The point and the count of reaches to pause at, read once.
    static let target = parse(ProcessInfo.processInfo.environment[environmentVariable])
    static let reaches = Counter()

    /// Notes that the run reached this point, and pauses when it is the one asked for.
    func reached() {
        guard let target = Self.target, target.point == self,
            Self.reaches.increment(self) == target.count
        else { return }
        FileHandle.standardError.write(
            Data("lbsearch: paused at \(rawValue) \(target.count)\n".utf8))
        var byte: UInt8 = 0
        while read(STDIN_FILENO, &byte, 1) < 0, errno == EINTR {}
    }

    /// `POINT` or `POINT:N`; nil when unset or not a point.
    static func parse(_ value: String?) -> (point: PausePoint, count: Int)? {
        guard let parts = value?.split(separator: ":"), let name = parts.first,
            let point = PausePoint(rawValue: String(name))
        else { return nil }
        let count = parts.count > 1 ? Int(parts[1]) : 1
        return count.map { (point, $0) }
    }

    /// How often each point was reached.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [PausePoint: Int] = [:]

        /// Counts one more reach of `point`; the new count.
        func increment(_ point: PausePoint) -> Int {
            lock.withLock {
                counts[point, default: 0] += 1
                return counts[point, default: 0]
            }
        }
    }
}
