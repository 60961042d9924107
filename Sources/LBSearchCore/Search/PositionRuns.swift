/// The positions of a row's proximity phrases as `FTS5Row.mergeKey`s, phrase after phrase,
/// each phrase's run in text order as FTS5 gives it; read back merged into text order.
struct PositionRuns {
    /// Above this many runs, `withKeysInOrder` sorts instead of merging.
    static let maxMerged = 8

    private(set) var keys: [UInt64] = []
    /// Where each run ends in `keys`.
    private var ends: [Int] = []
    /// The keys in order, for more than one run (storage reused from row to row).
    private var merged: [UInt64] = []

    /// Forgets every run, keeping the storage.
    mutating func reset() {
        keys.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Appends `key` to the current run (keys of one run must increase).
    @inline(__always)
    mutating func append(_ key: UInt64) { keys.append(key) }

    /// Ends the current run.
    mutating func endRun() { ends.append(keys.count) }

    /// Ends the current run, whose first `count` keys come after the others in text order.
    ///
    /// They move to its end (three reversals, in place). A phrase's positions come from FTS5
    /// in column order, and with the body as column 0 (`FieldLayout`) the body's come before
    /// the title's, which are first in text order.
    mutating func endRun(rotatingFirst count: Int) {
        let start = ends.last ?? 0
        let split = start + count
        if count > 0, split < keys.count {
            keys[start..<split].reverse()
            keys[split..<keys.count].reverse()
            keys[start..<keys.count].reverse()
        }
        endRun()
    }

    /// Where the second run starts in `keys` when there are exactly two runs; else nil.
    var twoRunSplit: Int? { ends.count == 2 ? ends[0] : nil }

    /// Calls `body` with every key in increasing order: the runs merged, taking the least head
    /// each time (keys are unique, as each carries its phrase), or sorted past `maxMerged`.
    mutating func withKeysInOrder<Result>(
        _ body: (UnsafeBufferPointer<UInt64>) -> Result
    ) -> Result {
        guard ends.count > 1 else { return keys.withUnsafeBufferPointer(body) }
        if merged.count < keys.count { merged = Array(repeating: 0, count: 2 * keys.count) }
        let count = keys.count
        if ends.count > Self.maxMerged {
            merged.replaceSubrange(0..<count, with: keys.sorted())
        } else {
            keys.withUnsafeBufferPointer { keys in
                merged.withUnsafeMutableBufferPointer { Self.merge(keys, ends, into: $0) }
            }
        }
        return merged.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<count])) }
    }

    /// Writes the runs of `keys` (ending at `ends`) in increasing order into `output`.
    static func merge(
        _ keys: UnsafeBufferPointer<UInt64>, _ ends: [Int],
        into output: UnsafeMutableBufferPointer<UInt64>
    ) {
        guard ends.count == 2 else { return mergeMany(keys, ends, into: output) }
        // Two runs, the common case (a query of two words): the classic merge.
        var (first, second, index) = (0, ends[0], 0)
        while first < ends[0], second < ends[1] {
            let (a, b) = (keys[first], keys[second])
            output[index] = min(a, b)
            if a < b { first += 1 } else { second += 1 }
            index += 1
        }
        for rest in first..<ends[0] {
            output[index] = keys[rest]
            index += 1
        }
        for rest in second..<ends[1] {
            output[index] = keys[rest]
            index += 1
        }
    }

    /// `merge` for any number of runs, taking the least head each time.
    static func mergeMany(
        _ keys: UnsafeBufferPointer<UInt64>, _ ends: [Int],
        into output: UnsafeMutableBufferPointer<UInt64>
    ) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: ends.count) { heads in
            for run in ends.indices { heads[run] = run == 0 ? 0 : ends[run - 1] }
            for index in 0..<keys.count {
                var best = -1
                var least = UInt64.max
                for run in ends.indices where heads[run] < ends[run] {
                    let key = keys[heads[run]]
                    if best < 0 || key < least { (best, least) = (run, key) }
                }
                output[index] = least
                heads[best] += 1
            }
        }
    }
}
