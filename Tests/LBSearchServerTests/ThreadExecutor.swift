import Foundation

/// A task executor with one thread of its own, for the servers that tests run in their own
/// process.
///
/// A whole test run keeps every thread of Swift's global pool blocked for minutes (tests that
/// wait for a process, or for a lock, synchronously), and each step of a server's work (accept,
/// read, answer) queued behind that work came too late: the first request of the run went
/// unanswered for more than the client's two minutes. A server whose `run()` prefers this
/// executor needs no thread of that pool.
@available(macOS 15, *)
final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    /// The executor of the servers of the tests.
    static let servers = ThreadExecutor(name: "lbsearch test server")

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [UnownedJob] = []

    /// An executor whose thread, named `name`, runs as long as the process.
    init(name: String) {
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    /// Queues `job` for the thread.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs the jobs in the order they came.
    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Threads of Swift's global pool held blocked until `release()`: a test's stand-in for the
/// rest of a test run.
final class PoolHold: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var held = 0
    private var released = false

    /// Blocks the calling thread until `release()`.
    func hold() {
        condition.lock()
        held += 1
        condition.broadcast()
        while !released { condition.wait() }
        condition.unlock()
    }

    /// Waits until `count` threads are held, or `seconds` have passed (a loaded run may have
    /// held some of them already with work of its own).
    func waitUntilHeld(_ count: Int, seconds: Double) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        while held < count, condition.wait(until: deadline) {}
        condition.unlock()
    }

    /// Lets every held thread go.
    func release() {
        condition.lock()
        released = true
        condition.broadcast()
        condition.unlock()
    }
}
