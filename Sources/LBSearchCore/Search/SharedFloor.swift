import Foundation

/// The better of the floors the two halves of a split scan reached (`ScanFloor`), which both
/// use: a row below the `count`-th best key (groups covered, then score) of either half is
/// below `count` rows of the whole scan, so it is not on the page (nor tied with its last row)
/// either.
///
/// Each half alone would only have its own `count`-th best, lower than the whole scan's, and
/// score in full many rows a scan on one connection only counts.
final class SharedFloor: @unchecked Sendable {
    // Unchecked: `key` is read and written under `lock` only.

    /// Rows a half steps between two looks at the other's floor.
    static let interval = 256

    private let lock = NSLock()
    private var key = FloorKey.none

    /// Offers a half's floor; the better of the floors offered so far.
    func raise(_ offered: FloorKey) -> FloorKey {
        lock.withLock {
            key = max(key, offered)
            return key
        }
    }
}
