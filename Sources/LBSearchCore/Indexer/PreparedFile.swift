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
    /// The trained dictionary `bodies` are compressed with, which the writer stores first
    /// (`BodyDictionary.store`); nil for the shipped one.
    var dictionary: BodyDictionary?
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
    /// Which part of the file this is: a JSONL file larger than a part is read, prepared and
    /// written a part at a time (`JSONLParts`), so a batch holds a bounded share of it.
    var part: Part = .whole
    /// The rest of a JSONL file read in parts, for the pipeline to prepare next; nil once the
    /// last part is read (and always in what the writer is handed).
    var rest: JSONLParts?

    /// Which part of its file a `PreparedFile` holds.
    enum Part: Equatable, Sendable {
        /// All of it.
        case whole
        /// A part that more parts follow: the file's `files` row is marked unfinished
        /// (`IndexBatch.markUnfinished`), and no stored record is removed yet.
        case continued
        /// The last part; `records` is the `_id` of every record of the file, in every part.
        case last(records: Set<String>)
    }

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
    ///
    /// A JSONL file of more than `partBytes` bytes of lines is read up to there: `rest` holds
    /// what follows, for `init(continuing:bytes:)`.
    init(
        reading entry: FileEntry, plan: inout IndexPlan,
        storedRecords: (String) -> [String: String], partBytes: Int = .max
    ) {
        switch DocumentReader.read(entry) {
        case .failure(let reason):
            // A file not opened for want of open files (`SkipReason.outOfFiles`) stops the
            // run before this removal is written (`Indexer.checkOpenFiles`).
            change = plan.change(for: entry, hash: nil)
            skips = [Skip(path: entry.path, reason: reason)]
        case .success(let loaded):
            let hash = ContentHash.of(loaded.data)
            change = plan.change(for: entry, hash: hash)
            switch change {
            case .add where entry.format == .jsonl, .replace where entry.format == .jsonl:
                let known: [String: String]
                if case .replace = change { known = storedRecords(entry.path) } else { known = [:] }
                var parts = JSONLParts(loaded, change: change, entry: entry, known: known)
                readPart(of: &parts, bytes: partBytes)
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

    /// The next part of a JSONL file read in parts, of about `bytes` bytes of lines.
    init(continuing parts: JSONLParts, bytes: Int) {
        change = parts.change
        var parts = parts
        readPart(of: &parts, bytes: bytes)
    }

    /// Reads the next lines of `parts` into `documents`, `kept` and, at the end, `skips`;
    /// sets `part` and `rest`.
    mutating func readPart(of parts: inout JSONLParts, bytes: Int) {
        (documents, kept) = parts.next(bytes: bytes)
        if !parts.isAtEnd {
            (part, rest) = (.continued, parts)
        } else {
            part = parts.started ? .last(records: parts.reader.seen) : .whole
            skips = parts.skips
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
            finish(index, Self.compressed(documents[index], pretokenizer, dictionary))
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

    /// Extracts the `pending` files of `files` on up to `threads` threads (`Striped`).
    static func extractPending(_ files: inout [PreparedFile], threads: Int) {
        let pending = files.indices.filter { files[$0].pending != nil }
        let read = files
        let extracted = Striped.map(pending.count, workers: threads) { job, _ in
            var file = read[pending[job]]
            file.extractPending()
            return file
        }
        for (index, file) in zip(pending, extracted) { files[index] = file }
    }

    /// A document's fingerprint, compressed body and prepared text.
    typealias Compressed = (fingerprint: TextFingerprint, body: Data, text: PreparedText?)

    static func compressed(
        _ document: Document, _ pretokenizer: Pretokenizer?, _ dictionary: BodyDictionary?
    ) -> Compressed {
        let fingerprint = Fingerprinter.fingerprint(title: document.title, body: document.body)
        let text = pretokenizer?.prepare(
            title: document.title, body: document.body, dictionary: dictionary)
        let body = text?.compressed ?? StoredText.compressed(document.body, with: dictionary)
        return (fingerprint, body, text)
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
    ///
    /// With a `trainer`, the bodies are compressed with the dictionary it gives for them
    /// (`dictionary`), else with the shipped one.
    static func compress(
        _ files: inout [PreparedFile], with pretokenizers: [Pretokenizer],
        trainer: DictionaryTrainer? = nil
    ) {
        extractPending(&files, threads: pretokenizers.count)
        let dictionary = trainer?.dictionary(for: files)
        for index in files.indices { files[index].dictionary = dictionary }
        let jobs = files.indices.flatMap { file in
            files[file].documents.indices.map { (file: file, document: $0) }
        }
        guard pretokenizers.count > 1, jobs.count > 1 else {
            for index in files.indices { files[index].compressBodies(pretokenizers.first) }
            return
        }
        let read = files
        let results = Striped.map(jobs.count, workers: pretokenizers.count) { job, worker in
            let (file, document) = jobs[job]
            return compressed(read[file].documents[document], pretokenizers[worker], dictionary)
        }
        for (job, result) in zip(jobs, results) {
            files[job.file].finish(job.document, result)
        }
    }
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
/// A batch of one JSONL file of more than `partBytes` bytes of lines is prepared and handed
/// over a part at a time (`PreparedFile.Part`), so that neither the batch being written nor
/// the one being prepared holds a large file whole.
final class BatchPipeline: @unchecked Sendable {
    private let batches: [ArraySlice<FileEntry>]
    private let partBytes: Int
    private let lock = NSLock()
    /// The step prepared ahead: nil when none is, `.some(nil)` when there is none left.
    private var ahead: [PreparedFile]?? = nil
    private var advancing: IndexPlan
    private let group = DispatchGroup()
    /// The next batch to prepare, and the file being prepared in parts: only `step` uses them,
    /// one call at a time (each waits for the one before, `group`).
    private var nextBatch = 0
    private var openFile: JSONLParts?
    /// The records the index holds for a path, content hash to `_id` (`PreparedFile`).
    private let storedRecords: @Sendable (String) -> [String: String]
    /// Gives the dictionary each step's bodies are compressed with (nil: the shipped one).
    private let trainer: DictionaryTrainer?
    /// Tokenize the documents of the batch being prepared (one batch at a time), one per
    /// thread that compresses them (`PreparedFile.compress`).
    private let pretokenizers = (0..<ProcessInfo.processInfo.activeProcessorCount).compactMap {
        _ in Pretokenizer()
    }

    init(
        _ batches: [ArraySlice<FileEntry>], plan: IndexPlan, partBytes: Int = .max,
        storedRecords: @escaping @Sendable (String) -> [String: String] = { _ in [:] },
        trainer: DictionaryTrainer? = nil
    ) {
        self.batches = batches
        self.trainer = trainer
        self.partBytes = partBytes
        self.advancing = plan
        self.storedRecords = storedRecords
    }

    /// The plan once every batch asked for has been prepared.
    var plan: IndexPlan {
        group.wait()
        return lock.withLock { advancing }
    }

    /// The next batch (or part of a file), prepared, or nil when all were handed over; starts
    /// preparing the one after in the background.
    func next() -> [PreparedFile]? {
        group.wait()
        let taken = lock.withLock { () -> [PreparedFile]?? in
            defer { ahead = nil }
            return ahead
        }
        guard let files = taken ?? step() else { return nil }
        DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in
            let next = step()
            lock.withLock { ahead = .some(next) }
        }
        return files
    }

    /// Prepares the next part of the open file, else the next batch with the plan as the
    /// batches before it left it; nil when nothing is left.
    private func step() -> [PreparedFile]? {
        var files: [PreparedFile]
        if let parts = openFile {
            files = [PreparedFile(continuing: parts, bytes: partBytes)]
        } else {
            guard nextBatch < batches.count else { return nil }
            let batch = batches[nextBatch]
            nextBatch += 1
            // Taken out while in use, so that its dictionaries are not copied on write.
            var plan = lock.withLock { () -> IndexPlan in
                defer { advancing = IndexPlan() }
                return advancing
            }
            let bytes = batch.count == 1 ? partBytes : .max
            if batch.count > 1 { ReadAhead.start(batch) }
            files = batch.map {
                PreparedFile(
                    reading: $0, plan: &plan, storedRecords: storedRecords, partBytes: bytes)
            }
            lock.withLock { advancing = plan }
        }
        openFile = files.last?.rest
        for index in files.indices { files[index].rest = nil }
        PreparedFile.compress(&files, with: pretokenizers, trainer: trainer)
        return files
    }
}
