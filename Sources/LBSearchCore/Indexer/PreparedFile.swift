import Foundation

/// A file read, hashed and extracted ahead of the transaction that stores it. Preparing is
/// pure work (no database), so the next batch is prepared on another core while the current
/// one is written.
struct PreparedFile: Sendable {
    var entry: FileEntry
    /// The file's content hash, or why the file cannot be indexed.
    var content: Result<String, SkipReason>
    /// The documents and skipped records extracted from the file (empty on failure).
    var documents: [Document]
    var skips: [Skip]

    /// Reads and extracts `entry`.
    init(_ entry: FileEntry) {
        self.entry = entry
        switch DocumentReader.read(entry) {
        case .failure(let reason):
            (content, documents, skips) = (.failure(reason), [], [])
        case .success(let loaded):
            let hash = ContentHash.of(loaded.data)
            content = .success(hash)
            (documents, skips) = DocumentReader.documents(in: loaded.data, entry: entry, hash: hash)
            skips = Skip.capped(skips + (loaded.damage.map { [$0] } ?? []))
        }
    }

    /// Every entry prepared, in order.
    static func prepare(_ entries: ArraySlice<FileEntry>) -> [PreparedFile] {
        entries.map(PreparedFile.init)
    }
}

/// Prepares batches one step ahead of the caller on a background queue.
final class BatchPipeline: @unchecked Sendable {
    private let batches: [ArraySlice<FileEntry>]
    private let lock = NSLock()
    private var ready: [Int: [PreparedFile]] = [:]
    private let group = DispatchGroup()

    init(_ batches: [ArraySlice<FileEntry>]) {
        self.batches = batches
    }

    /// Batch `index`, prepared; starts preparing batch `index + 1` in the background.
    func batch(_ index: Int) -> [PreparedFile] {
        group.wait()
        lock.lock()
        let prepared = ready.removeValue(forKey: index)
        lock.unlock()
        if index + 1 < batches.count {
            let next = batches[index + 1]
            DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in
                let files = PreparedFile.prepare(next)
                lock.lock()
                ready[index + 1] = files
                lock.unlock()
            }
        }
        return prepared ?? PreparedFile.prepare(batches[index])
    }
}
