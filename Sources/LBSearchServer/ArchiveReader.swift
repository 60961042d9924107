import Foundation
import LBSearchCore

/// The index as the server reads it: a few read-only connections, shared by the requests,
/// reopened when the file changes identity (a `--full` rebuild swapped in, a log appeared).
///
/// Reading blocks (SQLite), so every read runs on a queue of its own, never on the threads that
/// serve connections; at most `connections` reads run at once and the others wait their turn.
public final class ArchiveReader: @unchecked Sendable {
    /// The index file.
    public let path: String
    /// Read-only connections kept open: one per core, at least two.
    let connections: Int
    private let lock = NSLock()
    private let slots: DispatchSemaphore
    private let queue = DispatchQueue(label: "lbsearch.serve.read", attributes: .concurrent)
    // Guarded by `lock`.
    private var identity: IndexIdentity?
    private var idle: [IndexStore] = []
    private var generation = 0

    /// A reader of the index at `path`; nothing is opened before the first request.
    public init(
        path: String, connections: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)
    ) {
        self.path = path
        self.connections = connections
        slots = DispatchSemaphore(value: connections)
    }

    /// Runs `body` with a store over the current index, off the caller's thread.
    public func read<T: Sendable>(_ body: @escaping @Sendable (IndexStore) throws -> T) async throws
        -> T
    {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.readNow(body) })
            }
        }
    }

    /// Waits for a free connection, runs `body` on it and gives it back.
    func readNow<T>(_ body: (IndexStore) throws -> T) throws -> T {
        slots.wait()
        defer { slots.signal() }
        let (store, taken) = try checkOut()
        defer { checkIn(store, generation: taken) }
        return try body(store)
    }

    /// An idle store of the current file, else a new one.
    func checkOut() throws -> (IndexStore, Int) {
        let current = IndexIdentity(path: path)
        lock.lock()
        if current != identity {
            identity = current
            idle = []
            generation += 1
        }
        let taken = generation
        let store = idle.popLast()
        lock.unlock()
        if let store { return (store, taken) }
        return (try IndexStore.openForReading(at: path), taken)
    }

    /// Keeps `store` for the next request unless the file changed meanwhile.
    func checkIn(_ store: IndexStore, generation taken: Int) {
        lock.lock()
        if taken == generation, idle.count < connections { idle.append(store) }
        lock.unlock()
    }
}
