import Foundation

/// Work shared among threads in stripes (worker w of n takes items w, w + n, w + 2n and on).
///
/// Every item is done once, on one thread, and its result lands at its own index, so the
/// results come back in item order whatever the number of threads.
enum Striped {
    /// `transform(item, worker)` for every item of `0..<count`, on up to `workers` threads;
    /// `worker` (below `workers`) lets a thread use a resource of its own.
    static func map<T>(
        _ count: Int, workers: Int, _ transform: @Sendable (Int, Int) -> T
    ) -> [T] {
        let workers = max(1, min(workers, count))
        guard workers > 1 else { return (0..<count).map { transform($0, 0) } }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for item in stride(from: worker, to: count, by: workers) {
                    slots.buffer[item] = transform(item, worker)
                }
            }
        }
        return results.compactMap { $0 }
    }
}

/// The results of `Striped.map`, each thread writing at its own indices.
private struct Slots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
}
