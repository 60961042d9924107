import Foundation

/// A file read and hashed, its change decided by the plan, and its documents extracted when
/// that change needs them (an add or a replace), ahead of the transaction that applies it.
///
/// Preparing is pure work (no database), so the next batch is prepared on another core while
/// the current one is written.
struct PreparedFile: Sendable {
    var change: IndexPlan.Change
    /// The documents of an add or a replace (else empty), their `body` emptied once compressed
    /// into `bodies`.
    var documents: [Document] = []
    /// Their bodies compressed as the index stores them (`StoredText`), in the same order:
    /// compressing is most of the CPU a document costs besides tokenizing, so it is done here,
    /// off the writer.
    var bodies: [Data] = []
    /// Their titles and bodies tokenized for the writer to replay (`PreparedText`), in the same
    /// order; nil where that failed (the writer then tokenizes as usual).
    var texts: [PreparedText?] = []
    /// Why the file could not be read, or the records of an add or a replace that were skipped.
    var skips: [Skip] = []
    /// True for a feed: the items the index holds that it no longer lists are kept (an
    /// archive), unless `--prune-feeds` asked for them to go and the feed was read whole.
    var keepsMissing = false
    /// The records of a replaced JSONL file whose line is the one the index holds for them
    /// (same content hash): neither extracted nor compressed.
    ///
    /// A 1 % change to a large JSONL file prepares 1 % of its records, not all of them.
    var kept: [KeptRecord] = []
    /// The bytes of a new or changed file of one document (text, Markdown, HTML), whose
    /// document `extractPending()` extracts: on the preparing threads (`compress`), not while
    /// the batch is read in order.
    var pending: (data: Data, entry: FileEntry, hash: String)?

    /// Reads `entry`, hashes its bytes, asks `plan` for its change, and extracts its documents
    /// only when the content is new to the index.
    ///
    /// `storedRecords` gives, for a replaced JSONL file, the records the index holds for it
    /// (content hash to `_id`); their unchanged lines are kept, not extracted.
    ///
    /// With a `pretokenizer`, the documents' titles and bodies are also tokenized (`texts`).
    init(
        _ entry: FileEntry, plan: inout IndexPlan,
        storedRecords: (String) -> [String: String] = { _ in [:] },
        pretokenizer: Pretokenizer? = nil
    ) {
        self.init(reading: entry, plan: &plan, storedRecords: storedRecords)
        compressBodies(pretokenizer)
    }

    /// Reads `entry` as `init(_:plan:storedRecords:pretokenizer:)` does, but leaves the
    /// documents' bodies in them, for `compress(_:with:)` to finish.
    init(
        reading entry: FileEntry, plan: inout IndexPlan,
        storedRecords: (String) -> [String: String]
    ) {
        switch DocumentReader.read(entry) {
        case .failure(let reason):
            change = plan.change(for: entry, hash: nil)
            skips = [Skip(path: entry.path, reason: reason)]
        case .success(let loaded):
            let hash = ContentHash.of(loaded.data)
            change = plan.change(for: entry, hash: hash)
            switch change {
            case .replace where entry.format == .jsonl:
                let known = storedRecords(entry.path)
                (documents, kept, skips) = Self.records(in: loaded.data, entry, known: known)
                skips = Skip.capped(skips + (loaded.damage.map { [$0] } ?? []))
            case .add where entry.format.isOneDocument, .replace where entry.format.isOneDocument:
                pending = (loaded.data, entry, hash)
                skips = loaded.damage.map { [$0] } ?? []
            case .add, .replace:
                (documents, skips) = DocumentReader.documents(
                    in: loaded.data, entry: entry, hash: hash)
                keepsMissing =
                    entry.format == .feed
                    && !(plan.rereadFeeds && !skips.contains { $0.reason.endsReading })
                skips = Skip.capped(skips + (loaded.damage.map { [$0] } ?? []))
            case .touch, .move, .remove:
                break
            }
        }
    }

    /// Fingerprints every document (`Fingerprinter`) and compresses its body into `bodies`;
    /// with a `pretokenizer`, tokenizes its title and body into `texts` as well.
    ///
    /// Only the compressed copy (and, with a pretokenizer, the prepared text) is written: each
    /// `Document.body` is emptied once done.
    mutating func compressBodies(_ pretokenizer: Pretokenizer?) {
        extractPending()
        for index in documents.indices {
            finish(index, Self.compressed(documents[index], pretokenizer))
        }
    }

    /// Extracts the document of a `pending` file, as `init(reading:plan:storedRecords:)` would
    /// have: its skips come before those of a damaged compressed file.
    mutating func extractPending() {
        guard let (data, entry, hash) = pending else { return }
        pending = nil
        let (found, skipped) = DocumentReader.documents(in: data, entry: entry, hash: hash)
        documents = found
        skips = Skip.capped(skipped + skips)
    }

    /// Extracts the `pending` files of `files` on `threads` threads, each taking every n-th.
    static func extractPending(_ files: inout [PreparedFile], threads: Int) {
        let pending = files.indices.filter { files[$0].pending != nil }
        let workers = min(threads, pending.count)
        guard workers > 1 else {
            for index in pending { files[index].extractPending() }
            return
        }
        files.withUnsafeMutableBufferPointer { buffer in
            let files = SharedFiles(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for job in stride(from: worker, to: pending.count, by: workers) {
                    files.buffer[pending[job]].extractPending()
                }
            }
        }
    }

    /// A document's fingerprint, compressed body and prepared text.
    typealias Compressed = (fingerprint: TextFingerprint, body: Data, text: PreparedText?)

    static func compressed(_ document: Document, _ pretokenizer: Pretokenizer?) -> Compressed {
        let fingerprint = Fingerprinter.fingerprint(title: document.title, body: document.body)
        let text = pretokenizer?.prepare(title: document.title, body: document.body)
        return (fingerprint, text?.compressed ?? StoredText.compressed(document.body), text)
    }

    /// Stores document `index`'s `compressed` form and empties its body.
    mutating func finish(_ index: Int, _ compressed: Compressed) {
        documents[index].fingerprint = compressed.fingerprint
        documents[index].body = ""
        bodies.append(compressed.body)
        texts.append(compressed.text)
    }

    /// Finishes `files` read by `init(reading:plan:storedRecords:)`: their documents are
    /// compressed and tokenized on as many threads as `pretokenizers` (one each), every
    /// thread taking every n-th document of the batch, so one large file is shared too.
    static func compress(_ files: inout [PreparedFile], with pretokenizers: [Pretokenizer]) {
        extractPending(&files, threads: pretokenizers.count)
        let jobs = files.indices.flatMap { file in
            files[file].documents.indices.map { (file: file, document: $0) }
        }
        guard pretokenizers.count > 1, jobs.count > 1 else {
            for index in files.indices { files[index].compressBodies(pretokenizers.first) }
            return
        }
        let workers = pretokenizers.count
        let read = files
        var results = [Compressed?](repeating: nil, count: jobs.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let results = SharedResults(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for job in stride(from: worker, to: jobs.count, by: workers) {
                    let (file, document) = jobs[job]
                    results.buffer[job] = compressed(
                        read[file].documents[document], pretokenizers[worker])
                }
            }
        }
        for (job, result) in zip(jobs, results) {
            guard let result else { continue }
            files[job.file].finish(job.document, result)
        }
    }

    /// The records of a JSONL file: the new or changed ones as documents, those `known`
    /// (content hash to `_id`) as kept records.
    static func records(in data: Data, _ entry: FileEntry, known: [String: String]) -> (
        [Document], [KeptRecord], [Skip]
    ) {
        let (records, skips) = JSONLReader.read(data, path: entry.path, known: known)
        var documents: [Document] = []
        var kept: [KeptRecord] = []
        for record in records {
            if record.isKnown {
                kept.append(KeptRecord(record: record.id, hash: record.hash, size: record.size))
            } else {
                documents.append(
                    DocumentReader.make(
                        record.extracted, path: entry.path, record: record.id, size: record.size,
                        mtime: entry.mtime, hash: record.hash))
            }
        }
        return (documents, kept, skips)
    }
}

/// Results written by the threads of `PreparedFile.compress`, each at its own indices.
private struct SharedResults: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<PreparedFile.Compressed?>
}

/// The files of `PreparedFile.extractPending`, each thread extracting its own.
private struct SharedFiles: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<PreparedFile>
}

/// A JSONL record read again with the content the index holds for it.
struct KeptRecord: Sendable {
    /// Its `_id`.
    var record: String
    /// `ContentHash` of its line.
    var hash: String
    /// Length of its line in bytes.
    var size: Int64
}

/// Prepares batches one step ahead of the caller on a background queue.
///
/// Batches are prepared one at a time and in order, each advancing the plan (a move claims
/// its source), so the plan decides every file exactly as a run without the pipeline would.
final class BatchPipeline: @unchecked Sendable {
    private let batches: [ArraySlice<FileEntry>]
    private let lock = NSLock()
    private var ready: [Int: [PreparedFile]] = [:]
    private var advancing: IndexPlan
    private let group = DispatchGroup()
    /// The records the index holds for a path, content hash to `_id` (`PreparedFile`).
    private let storedRecords: @Sendable (String) -> [String: String]
    /// Tokenize the documents of the batch being prepared (one batch at a time), one per
    /// thread that compresses them (`PreparedFile.compress`).
    private let pretokenizers = (0..<ProcessInfo.processInfo.activeProcessorCount).compactMap {
        _ in Pretokenizer()
    }

    init(
        _ batches: [ArraySlice<FileEntry>], plan: IndexPlan,
        storedRecords: @escaping @Sendable (String) -> [String: String] = { _ in [:] }
    ) {
        self.batches = batches
        self.advancing = plan
        self.storedRecords = storedRecords
    }

    /// The plan once every batch asked for has been prepared.
    var plan: IndexPlan {
        group.wait()
        return lock.withLock { advancing }
    }

    /// Batch `index`, prepared; starts preparing batch `index + 1` in the background.
    func batch(_ index: Int) -> [PreparedFile] {
        group.wait()
        let files = lock.withLock { ready.removeValue(forKey: index) } ?? prepare(index)
        if index + 1 < batches.count {
            DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in
                let next = prepare(index + 1)
                lock.withLock { ready[index + 1] = next }
            }
        }
        return files
    }

    /// Prepares batch `index` with the plan as the batches before it left it.
    private func prepare(_ index: Int) -> [PreparedFile] {
        // Taken out while in use, so that its dictionaries are not copied on write.
        var plan = lock.withLock { () -> IndexPlan in
            defer { advancing = IndexPlan() }
            return advancing
        }
        var files = batches[index].map {
            PreparedFile(reading: $0, plan: &plan, storedRecords: storedRecords)
        }
        lock.withLock { advancing = plan }
        PreparedFile.compress(&files, with: pretokenizers)
        return files
    }
}
