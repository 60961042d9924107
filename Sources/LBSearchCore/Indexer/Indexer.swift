import CLBSearchTokenizer
import Foundation
import GRDB

/// Brings the index in line with the files under its roots, touching only what changed.
///
/// Work is committed in batches, so a run that is killed keeps every finished batch and the
/// index stays consistent (each batch is one SQLite transaction). `--full` rebuilds from
/// nothing beside the index and swaps the result in at once (`FullRebuild`). Every run is
/// recorded in the `runs` table, so `lbsearch status` can tell how the last one went.
public final class Indexer {
    /// Files read and written per transaction: small enough that a killed run loses little,
    /// large enough that commits do not dominate.
    public static let batchFiles = 256
    /// Batches a first build writes at most, where it can: each writes one FTS5 segment, and
    /// at `IndexStore.bulkCrisisMerge` of them FTS5 merges them on the way (12.5 s a time for
    /// 1,000 batches of 256 Markdown files), work the final 'optimize' does again.
    static let firstBuildBatches = IndexStore.bulkCrisisMerge * 9 / 10
    /// Bytes read per transaction, at most (one larger file is a batch of its own): a folder
    /// of large JSONL files commits every few files, not once at the end.
    public static let batchBytes: Int64 = 16 * 1_048_576
    /// Bytes of lines of a JSONL file prepared and written per transaction, at most (about):
    /// a larger file alone in its batch goes a part at a time, so the part being written and
    /// the one prepared meanwhile are what memory holds of it, not two whole files.
    public static let partBytes = 8 * 1_048_576

    let store: IndexStore
    /// Hears how far a run has come, when someone listens (`index(onProgress:)`).
    var progress: ProgressTracker?
    /// `--prune-feeds`: every feed is read again and the items it no longer lists leave the
    /// index (by default a feed is an archive: they stay until the feed file is deleted).
    public var pruneFeeds = false
    /// `partBytes`, smaller in tests.
    var partBytes = Indexer.partBytes
    /// Which common terms a run counts for searches (`TermCounts`); smaller in tests.
    var termCounts = TermCounts.Policy()

    /// An indexer writing into `store`.
    public init(store: IndexStore) {
        self.store = store
    }

    /// `lbsearch index`: opens (or creates) the index at `path` for writing and runs
    /// `forget` when it names roots, else `run`.
    ///
    /// Checks what it can before creating anything, and removes what it created when the run
    /// fails, so a failed command leaves no new file. `onProgress` hears every step of the
    /// run (each file walked, document stored, file applied), from any thread.
    public static func index(
        at path: String, roots: [String], full: Bool = false, forget: [String] = [],
        wait: TimeInterval = 0, pruneFeeds: Bool = false,
        onSkip: (Skip) -> Void = { _ in },
        onProgress: (@Sendable (IndexProgress) -> Void)? = nil,
        onUpgrade: (String) -> Void = { _ in }
    ) throws -> IndexReport {
        var roots = roots
        // `--forget` builds nothing: a lost build is left to the next run that does.
        if forget.isEmpty, let lost = UnsyncedBuild.discardIfLost(indexPath: path) {
            onUpgrade(UnsyncedBuild.lostNotice)
            if roots.isEmpty { roots = lost }
        }
        if !FileManager.default.fileExists(atPath: path) {
            if !forget.isEmpty { throw LBSearchError.noIndex(path: path) }
            if roots.isEmpty { throw LBSearchError.noRoots }
            for root in roots { try checkExists(StoredPath.absolute(root)) }
        }
        limitMallocArenas()
        let store = try IndexStore.openForWriting(
            at: path, wait: wait, damaged: full, onUpgrade: onUpgrade)
        do {
            let indexer = Indexer(store: store)
            indexer.progress = onProgress.map(ProgressTracker.init)
            indexer.pruneFeeds = pruneFeeds
            return forget.isEmpty
                ? try indexer.run(roots: roots, full: full, onSkip: onSkip)
                : try indexer.forget(forget)
        } catch {
            store.discardIfCreated()
            throw error
        }
    }

    /// Caps glibc's malloc arenas at eight, or at two more than the cores when that is more
    /// (glibc manual, "Memory Allocation Tunables", `M_ARENA_MAX`).
    ///
    /// Documents are prepared on one thread per core and freed by the writer. glibc's default
    /// (eight arenas per core) let each thread keep its own high-water mark: a cold index of
    /// `../shared/data/large` peaked at 187 MB instead of 153 MB with two arenas. But two
    /// arenas for the reading, preparing and writing threads made them queue for each other's
    /// arena lock: on 2 cores that cold index took 8.4-9.8 s and 13.1-15.4 s of CPU with two,
    /// 7.6-9.3 s and 12.4-14.8 s with eight (four alternating runs each), for 120-148 MB of
    /// peak memory against 155-174 MB; a cold index of a million JSONL documents peaked at
    /// 201 MB with eight.
    static func limitMallocArenas() {
        lbsearch_limit_malloc_arenas(
            Int32(max(8, ProcessInfo.processInfo.activeProcessorCount + 2)))
    }

    /// Indexes `roots` (files or folders), or the remembered roots when `roots` is empty.
    ///
    /// With `full`, rebuilds the whole index (remembered roots and `roots`) from scratch.
    /// `onSkip` hears about every file or record that could not be indexed.
    public func run(
        roots requested: [String], full: Bool = false, onSkip: (Skip) -> Void = { _ in }
    ) throws -> IndexReport {
        let started = Date()
        // An incremental run would report success on a damaged index; a full one replaces it.
        // Checked before anything else reads the index, so the refusal names the fix.
        let checked = full ? Int64(started.timeIntervalSince1970) : try checkBeforeUpdate()
        let roots = try resolve(requested, full: full)
        let runID = try beginRun(full: full, at: started)
        PausePoint.runStarted.reached()
        var report = IndexReport()
        do {
            if full {
                var rebuild = FullRebuild(store: store, progress: progress, pruneFeeds: pruneFeeds)
                rebuild.termCounts = termCounts
                report = try rebuild.run(roots: roots, onSkip: onSkip)
            } else {
                try update(roots, &report, run: runID.map { ($0, started) }, onSkip: onSkip)
            }
            progress?.finishing()
            if !full {
                let background = try optimizeIfWorthIt(report, run: runID)
                try countTerms(
                    precounted: background?.wait(), prescored: background?.waitForCeilings())
            }
            report.seconds = Date().timeIntervalSince(started)
            if let runID { try translating { try store.endRun(runID, report: report) } }
        } catch {
            report.seconds = Date().timeIntervalSince(started)
            if let runID {
                try? store.endRun(
                    runID, report: report,
                    error: (error as? LBSearchError)?.description ?? "\(error)")
            }
            throw error
        }
        checkpoint()
        store.seal(checked: checked)
        return report
    }

    /// The check an incremental run makes first; returns the time of the full check that the
    /// index's soundness now rests on.
    ///
    /// The full check (`IndexDoctor.quickCheck`) reads the whole file: at a million documents
    /// that was most of a run that changes nothing. It is skipped when the file is, to the
    /// nanosecond, as the last run left it after its own check (`IndexSeal`), and that check is
    /// less than `fullCheckInterval` old: then only the header is checked
    /// (`IndexDoctor.sealedCheck`).
    func checkBeforeUpdate() throws -> Int64 {
        let doctor = IndexDoctor(store: store)
        let now = Int64(Date().timeIntervalSince1970)
        if let checked = store.writerLock?.sealedCheck, now - checked < Self.fullCheckInterval {
            try doctor.sealedCheck()
            return checked
        }
        try doctor.quickCheck()
        return now
    }

    /// Seconds after which a run checks the whole index again even when nothing touched it
    /// (a week): damage that leaves a file's times alone, such as a failing disk, is found
    /// within that time; `lbsearch doctor` checks at any time.
    static let fullCheckInterval: Int64 = 7 * 86_400

    /// The run's row in the history; nil for a `--full` over an index too damaged to hold it.
    func beginRun(full: Bool, at started: Date) throws -> Int64? {
        if store.damaged { return nil }
        do {
            return try translating { try store.beginRun(full: full, at: started) }
        } catch LBSearchError.corruptIndex where full {
            return nil
        }
    }

    /// The incremental run: walk, compare with the index, apply the differences in batches.
    ///
    /// `report` counts what was committed, also when a batch fails.
    /// Roots that cannot be read keep their documents and are reported in `report`. With
    /// `run`, its row in the runs history gets the counts with every batch, in the batch's
    /// transaction, so a killed run shows what it committed.
    func update(
        _ roots: [String], _ report: inout IndexReport, run: (id: Int64, started: Date)? = nil,
        onSkip: (Skip) -> Void
    ) throws {
        var walker = FileWalker()
        if let progress { walker.onFound = { progress.walked() } }
        let others = try translating { try store.roots() }.filter { !roots.contains($0) }
        walker.alreadyIndexed(others)
        walker.walk(roots)
        // Folders not listed for want of open files are not unreadable: the run stops.
        if let out = walker.outOfFiles { throw OpenFileLimit.error(out.errno, path: out.path) }
        var planner = IndexPlan.Planner(
            found: walker.finish(), roots: roots,
            unreadable: Array(walker.unreadableFolders.keys), rereadFeeds: pruneFeeds)
        try compareStoredFiles(&planner)
        report.unavailableRoots = Self.unavailable(
            roots, walker: walker, found: planner.found, stored: planner.storedUnder)
        // A root that cannot be read is reported as such, not also as a skipped file.
        for skip in walker.skips
        where !report.unavailableRoots.contains(where: { $0.root == skip.path }) {
            note(skip, &report, onSkip)
        }
        let available = roots.filter { root in !report.unavailableRoots.contains { $0.root == root }
        }
        let plan = planner.plan(roots: available)
        let firstBuild = planner.storedCount == 0
        planner = IndexPlan.Planner(found: [], roots: [])
        report.unchanged = plan.unchangedDocuments
        // Before the first row, while turning it on copies next to nothing (`compact`).
        if firstBuild { try store.enableIncrementalVacuum() }
        if firstBuild { try writeUnsynced(roots: roots) }
        // Remembered first, so that a killed first run is finished by a plain `lbsearch index`;
        // a new root is `unfinished` until the last write below.
        try write { db in
            try IndexStore.rememberUnfinished(roots: roots, db)
            try IndexStore.setWriteBuffer(db)
            try IndexStore.setMerging(bulk: firstBuild, db)
        }
        progress?.planned(
            files: plan.toRead.count, bytes: plan.toRead.reduce(0) { $0 + $1.size })
        var batch = IndexBatch()
        batch.progress = progress
        let batches = Self.batches(
            plan.toRead, files: Self.filesPerBatch(plan.toRead.count, firstBuild: firstBuild))
        let dictionary = try translating { try store.database.read(BodyDictionary.current) }
        let pipeline = BatchPipeline(
            batches, plan: plan, partBytes: partBytes,
            storedRecords: { [store] path in
                (try? store.database.read { db in try IndexBatch.storedRecords(path, db) }) ?? [:]
            },
            trainer: DictionaryTrainer(
                dictionary, textBytes: plan.toRead.reduce(0) { $0 + Self.textSize($1) }))
        while let prepared = pipeline.next() {
            try Self.checkOpenFiles(prepared)
            var counted = report
            try write { db in
                try batch.apply(prepared, db, &counted)
                for skip in batch.skips { count(skip, &counted) }
                if let run {
                    try IndexStore.recordProgress(run.id, counted, since: run.started, db)
                }
            }
            report = counted
            for skip in batch.skips where skip.reason != .vanished { onSkip(skip) }
            batch.skips.removeAll()
            PausePoint.batchCommitted.reached()
        }
        let removals = pipeline.plan.removals
        var counted = report
        try write { db in
            try batch.apply(removals, db, &counted)
            try IndexStore.remember(roots: roots, db)
            try IndexStore.record(states: counted.unavailableRoots, of: roots, db)
            try IndexStore.setMerging(bulk: false, db)
            if let run { try IndexStore.recordProgress(run.id, counted, since: run.started, db) }
        }
        report = counted
    }

    /// Throws when a file of `prepared` could not be opened for want of open files, before its
    /// batch is written: its change would remove its documents as if it were unreadable, and
    /// every file after it would fail the same way.
    static func checkOpenFiles(_ prepared: [PreparedFile]) throws {
        for file in prepared {
            for skip in file.skips {
                if case .outOfFiles(let code) = skip.reason {
                    throw OpenFileLimit.error(code, path: skip.path)
                }
            }
        }
    }

    /// Files per batch of a run over `count` files: `batchFiles`, or for a first build of more
    /// than `firstBuildBatches` such batches, as many as keep it to that many.
    static func filesPerBatch(_ count: Int, firstBuild: Bool) -> Int {
        guard firstBuild else { return batchFiles }
        return max(batchFiles, (count + firstBuildBatches - 1) / firstBuildBatches)
    }

    /// `entries` cut into batches of at most `files` files and about `batchBytes` bytes of
    /// text (`textSize`).
    static func batches(_ entries: [FileEntry], files: Int = batchFiles)
        -> [ArraySlice<FileEntry>]
    {
        var batches: [ArraySlice<FileEntry>] = []
        var start = 0
        var bytes: Int64 = 0
        for (index, entry) in entries.enumerated() {
            let size = textSize(entry)
            if index > start, index - start >= files || bytes + size > batchBytes {
                batches.append(entries[start..<index])
                (start, bytes) = (index, 0)
            }
            bytes += size
        }
        if start < entries.count { batches.append(entries[start...]) }
        return batches
    }

    /// The bytes a file holds once read, which is what a batch holds in memory.
    ///
    /// That is its size, or for a gzip file (`.gz`) the size its trailer gives for the
    /// decompressed data (RFC 1952, ISIZE: modulo 2^32, of the last member) when larger.
    static func textSize(_ entry: FileEntry) -> Int64 {
        guard entry.size >= 18, entry.path.utf8.count > 3,
            entry.path.utf8.suffix(3).map({ $0 | 0x20 }) == Array(".gz".utf8),
            let file = FileHandle(forReadingAtPath: entry.path)
        else { return entry.size }
        defer { try? file.close() }
        guard (try? file.seek(toOffset: UInt64(entry.size - 4))) != nil,
            let trailer = try? file.read(upToCount: 4), trailer.count == 4
        else { return entry.size }
        let size = trailer.reversed().reduce(Int64(0)) { $0 << 8 | Int64($1) }
        return max(entry.size, size)
    }

    /// Counts a skip and passes it on; files deleted during the run are only counted, for
    /// one summary line (`IndexReport.vanishedNote`).
    func note(_ skip: Skip, _ report: inout IndexReport, _ onSkip: (Skip) -> Void) {
        count(skip, &report)
        if skip.reason != .vanished { onSkip(skip) }
    }

    func count(_ skip: Skip, _ report: inout IndexReport) {
        report.skipped += skip.records
        if skip.reason == .vanished { report.vanished += 1 }
    }

    /// Absolute, standardized roots; the remembered ones when none are given, or with `full`.
    ///
    /// A new root must exist; a remembered one that vanished is reported by the run instead.
    func resolve(_ requested: [String], full: Bool) throws -> [String] {
        let remembered = try rememberedRoots(full: full)
        var roots = requested.isEmpty || full ? remembered : []
        for requestedRoot in requested.map(StoredPath.absolute) {
            // A new name for a remembered root (a symbolic link, a bind mount) is that root.
            let root =
                remembered.contains(requestedRoot)
                ? requestedRoot : Self.alias(of: requestedRoot, in: remembered) ?? requestedRoot
            if !remembered.contains(root) { try Self.checkExists(root) }
            if !roots.contains(root) { roots.append(root) }
        }
        if roots.isEmpty { throw LBSearchError.noRoots }
        return roots
    }

    /// The roots the index remembers; for `--full` over a damaged index, read from a
    /// readable copy of it when the index itself cannot be read.
    func rememberedRoots(full: Bool) throws -> [String] {
        if store.damaged { return IndexStore.salvagedRoots(store.path) }
        do {
            return try translating { try store.roots() }
        } catch LBSearchError.corruptIndex where full {
            return IndexStore.salvagedRoots(store.path)
        }
    }

    static func checkExists(_ root: String) throws {
        if !FileManager.default.fileExists(atPath: root) {
            throw LBSearchError.rootNotFound(path: root)
        }
    }

    /// Gives `planner` what the index holds for each file, in one pass over `files` (with each
    /// file's document count from the `(path, record)` index): the other half of every run's
    /// diff, never all in memory at once.
    func compareStoredFiles(_ planner: inout IndexPlan.Planner) throws {
        try translating {
            try store.database.read { db in
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT path, size, mtime, hash,
                               (SELECT count(*) FROM documents d WHERE d.path = f.path) AS documents
                        FROM files f
                        """)
                while let row = try rows.next() {
                    planner.compare(
                        StoredFile(
                            path: row["path"], size: row["size"], mtime: row["mtime"],
                            hash: row["hash"], documents: row["documents"]))
                }
            }
        }
    }

    func write(_ body: (Database) throws -> Void) throws {
        try store.write(body)
    }

    /// Runs `body`, turning SQLite errors into `LBSearchError`s for a write.
    func translating<T>(_ body: () throws -> T) throws -> T {
        try store.translating(writing: true, body)
    }

    /// FTS5 segments an index may hold after a run that changed it; past them the run merges
    /// them into one.
    ///
    /// Every term a search reads is looked up in each segment: a million documents updated by
    /// 1 % were left in 25 segments, and their searches took about half as long again (p50),
    /// "did you mean" (thousands of vocabulary seeks) 20 times as long. Merging them took
    /// 25 s there.
    static let segmentsBeforeMerge = 8

    /// Merges FTS5 segments after large changes (FTS5 documentation, section 6.9 "The
    /// 'optimize' Command"): worth it once a tenth of the index changed, or once it holds more
    /// than `segmentsBeforeMerge` segments.
    ///
    /// After a first build (every document was added by this run) it also rebuilds the indexes
    /// on `documents` full (`IndexStore.repackDocumentIndexes`) and gives back the pages the
    /// merges and that left free (`IndexStore.compact`): on `../shared/data/large` they were 7 % of
    /// the file; after any other run, the free pages once they are an eighth of the file
    /// (`IndexStore.compactIfMostlyFree`). Before that, the change log rows the log does not
    /// answer for go (`run`'s, when the log starts after it: 0.5 MB there), which the next run
    /// would delete anyway.
    ///
    /// The common terms are counted, and their score ceilings scored, meanwhile on another
    /// connection (`TermCounts.Background`), since the merge changes no document; returns that
    /// count, done.
    @discardableResult
    func optimizeIfWorthIt(_ report: IndexReport, run: Int64?) throws -> TermCounts.Background? {
        let changed = report.added + report.updated + report.removed
        let total = try translating { try store.documentCount() }
        var counting: TermCounts.Background?
        // A failed merge still waits for the count, so no thread outlives the run.
        defer { _ = counting?.wait() }
        let segments = try translating { try store.database.read { try FTS5State($0) } }
            .segments
        if changed > 0, changed * 10 >= total || (segments ?? 0) > Self.segmentsBeforeMerge {
            // Only beside a write-ahead log: a reader of a file written in place could see the
            // merge half done.
            if total >= termCounts.minimumDocuments, store.database is DatabasePool {
                counting = TermCounts.Background(path: store.path, policy: termCounts)
            }
            try write { db in
                try db.execute(sql: "INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
                if report.added == total, let run { try IndexStore.dropUnanswered(run: run, db) }
                if report.added == total { try IndexStore.repackDocumentIndexes(db) }
            }
            if report.added == total { try store.compact() }
        }
        try store.compactIfMostlyFree()
        _ = counting?.wait()
        return counting
    }

    /// Counts the documents of the index's common terms for searches (`TermCounts`), writes
    /// its documents' field lengths in blocks (`FieldLengths`), and the score ceilings of its
    /// commonest terms (`ScoreCeilings`).
    ///
    /// Runs after the run's last write to the full-text index, and writes nothing when the
    /// counts stored are already those of the index as it is (a run that changed nothing).
    /// `--full` counts in the new file before it takes the old one's place (`FullRebuild`).
    func countTerms(
        precounted: TermCounts.Counted? = nil, prescored: ScoreCeilings.Scored? = nil
    ) throws {
        let policy = termCounts
        try write { db in
            try TermCounts.refresh(db, policy: policy, precounted: precounted)
            try FieldLengths.refresh(db, policy: policy)
            try ScoreCeilings.refresh(db, policy: policy, prescored: prescored)
        }
    }

    /// Copies the WAL into the index file and truncates it, so the WAL stays bounded; then, after
    /// a first build written unsynced, flushes both to the disk (`UnsyncedBuild.finish`).
    ///
    /// Best effort: a reader still holding an old snapshot only delays it to the next run.
    func checkpoint() {
        guard store.database is DatabasePool else { return }
        _ = try? store.database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        UnsyncedBuild.finish(indexPath: store.path)
    }

    /// Lets a first build write without waiting for the disk (`UnsyncedBuild`), once the marker
    /// that says so is on the disk; where it cannot be written, the build syncs as usual.
    func writeUnsynced(roots: [String]) throws {
        guard store.database is DatabasePool,
            UnsyncedBuild.begin(indexPath: store.path, roots: roots)
        else { return }
        try translating {
            try store.database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = OFF")
            }
        }
    }
}
