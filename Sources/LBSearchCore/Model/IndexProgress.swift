import Foundation

/// How far an indexing run has come: what `Indexer.index(onProgress:)` reports while it works.
///
/// A plain value: the command line renders it (a live line on a terminal), the library never
/// prints it.
public struct IndexProgress: Sendable, Hashable {
    /// What the run is doing.
    public enum Stage: Sendable, Hashable {
        /// Listing the files under the roots.
        case walking
        /// Reading the new and changed files and writing their documents.
        case indexing
        /// Merging the index and recording the run, after the last document.
        case finishing
    }

    /// What the run is doing now.
    public var stage = Stage.walking
    /// Files the walk found so far.
    public var filesWalked = 0
    /// Files to read (new or changed), known once the walk is done.
    public var filesToRead: Int?
    /// Bytes of the files to read, known once the walk is done.
    public var bytesToRead: Int64?
    /// Files read and applied.
    public var filesRead = 0
    /// Bytes read and applied: whole files, and the lines of the JSONL file being read.
    public var bytesRead: Int64 = 0
    /// Documents written to the index (added or changed).
    public var documents = 0
    /// Seconds since the run started.
    public var elapsed = 0.0

    /// A run that has done nothing yet.
    public init() {}

    /// The share of the bytes to read that has been read, 0 to 1; nil before it is known.
    public var fraction: Double? {
        guard stage != .walking, let total = bytesToRead else { return nil }
        guard total > 0 else { return 1 }
        return min(1, Double(bytesRead) / Double(total))
    }

    /// Seconds left, estimated from the bytes read so far; nil until there is enough to go by.
    public var remaining: Double? {
        guard let fraction, fraction >= Self.fractionToEstimate, elapsed >= 1 else { return nil }
        return elapsed * (1 - fraction) / fraction
    }

    /// Documents written per second so far; nil before the first second.
    public var rate: Double? {
        elapsed >= 1 ? Double(documents) / elapsed : nil
    }

    /// The share read before an estimate is given: earlier ones swing too much to help.
    static let fractionToEstimate = 0.02
}

/// Collects a run's progress from the stages that make it and passes it on as values.
///
/// Thread-safe (the walk, the batches and the transactions may report from different
/// threads). Every change is passed on: the listener decides how often to show it.
final class ProgressTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var progress = IndexProgress()
    private let started = ContinuousClock.now
    /// Bytes of the current file already counted through its documents.
    private var countedInFile: Int64 = 0
    private let listener: @Sendable (IndexProgress) -> Void

    /// A tracker that passes every change to `listener`.
    init(_ listener: @escaping @Sendable (IndexProgress) -> Void) {
        self.listener = listener
    }

    /// Applies `change` and passes the new progress on.
    func update(_ change: (inout IndexProgress) -> Void) {
        let now = ContinuousClock.now
        let current = lock.withLock { () -> IndexProgress in
            change(&progress)
            progress.elapsed = (now - started) / .seconds(1)
            return progress
        }
        listener(current)
    }

    /// The walk found a file.
    func walked() { update { $0.filesWalked += 1 } }

    /// The walk is done: `files` of `bytes` are to be read.
    func planned(files: Int, bytes: Int64) {
        update {
            $0.stage = .indexing
            ($0.filesToRead, $0.bytesToRead) = (files, bytes)
        }
    }

    /// A document of `bytes` (its file, or its JSONL line) was found as the index holds it.
    func kept(bytes: Int64) { read(bytes, documents: 0) }

    /// A changed document of `bytes` was written.
    func changed(bytes: Int64) { read(bytes, documents: 1) }

    /// A new document of `bytes` was queued: counted when it is written (`wrote`).
    func queued(bytes: Int64) {
        lock.withLock { countedInFile += bytes }
    }

    /// `documents` new documents of `bytes` in all were written.
    func wrote(documents: Int, bytes: Int64) {
        update {
            $0.documents += documents
            $0.bytesRead += bytes
        }
    }

    /// Counts `bytes` of the current file as read, and `documents` as written.
    private func read(_ bytes: Int64, documents: Int) {
        lock.withLock { countedInFile += bytes }
        wrote(documents: documents, bytes: bytes)
    }

    /// A file of `size` bytes was applied; what its documents did not count is counted now.
    func applied(size: Int64) {
        let counted = lock.withLock { () -> Int64 in
            defer { countedInFile = 0 }
            return countedInFile
        }
        update {
            $0.filesRead += 1
            $0.bytesRead += max(0, size - counted)
        }
    }

    /// The last document is written: what is left is merging and bookkeeping.
    func finishing() { update { $0.stage = .finishing } }
}
