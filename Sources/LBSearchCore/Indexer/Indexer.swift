import Foundation
import GRDB

/// Brings the index in line with the files under its roots, touching only what changed.
///
/// Work is committed in batches, so a run that is killed keeps every finished batch and the
/// index stays consistent (each batch is one SQLite transaction).
public final class Indexer {
    /// Files read and written per transaction: small enough that a killed run loses little,
    /// large enough that commits do not dominate.
    public static let batchFiles = 256

    let store: IndexStore

    public init(store: IndexStore) {
        self.store = store
    }

    /// Indexes `roots` (files or folders), or the remembered roots when `roots` is empty.
    /// `onSkip` hears about every file or record that could not be indexed.
    public func run(roots requested: [String], full: Bool = false, onSkip: (Skip) -> Void = { _ in }) throws -> IndexReport {
        let started = Date()
        let roots = try resolve(requested)
        var walker = FileWalker()
        walker.walk(roots)
        var report = IndexReport()
        for skip in walker.skips { note(skip, &report, onSkip) }
        let plan = IndexPlan.make(found: walker.files, stored: try storedFiles(), roots: roots, full: full)
        report.unchanged = plan.unchanged.reduce(0) { $0 + $1.documents }
        var batch = IndexBatch(missing: plan.missing, full: full)
        for chunk in stride(from: 0, to: plan.toRead.count, by: Self.batchFiles) {
            let entries = plan.toRead[chunk..<min(chunk + Self.batchFiles, plan.toRead.count)]
            let loaded = entries.map { entry in (entry, DocumentReader.load(entry)) }
            try write { db in try batch.apply(loaded, db, &report) }
            for skip in batch.skips { note(skip, &report, onSkip) }
            batch.skips.removeAll()
        }
        try write { db in
            try batch.removeMissing(db, &report)
            try IndexStore.remember(roots: roots, db)
        }
        try finish(report)
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    func note(_ skip: Skip, _ report: inout IndexReport, _ onSkip: (Skip) -> Void) {
        report.skipped += 1
        onSkip(skip)
    }

    /// Absolute, standardized roots; the remembered ones when none are given.
    func resolve(_ requested: [String]) throws -> [String] {
        let roots = requested.isEmpty ? try store.roots() : requested.map(Self.absolute)
        if roots.isEmpty { throw LBSearchError.noRoots }
        for root in roots where !FileManager.default.fileExists(atPath: root) {
            throw LBSearchError.rootNotFound(path: root)
        }
        return roots
    }

    /// `path` made absolute against the working directory, with `.` and `..` removed.
    public static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        var standardized = URL(fileURLWithPath: expanded).standardizedFileURL.path
        while standardized.count > 1, standardized.hasSuffix("/") { standardized.removeLast() }
        return standardized
    }

    func storedFiles() throws -> [String: StoredFile] {
        try store.database.read { db in
            let counts = Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT path, count(*) FROM documents GROUP BY path")
                    .map { (row: Row) in (row[0] as String, row[1] as Int) })
            var files: [String: StoredFile] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, size, mtime, hash FROM files") {
                let path: String = row[0]
                files[path] = StoredFile(path: path, size: row[1], mtime: row[2], hash: row[3], documents: counts[path] ?? 0)
            }
            return files
        }
    }

    func write(_ body: (Database) throws -> Void) throws {
        do {
            try store.database.write(body)
        } catch let error as DatabaseError {
            throw StoreError.translate(error, path: store.path)
        }
    }

    /// Merges FTS5 segments after large changes and bounds the WAL file.
    func finish(_ report: IndexReport) throws {
        let changed = report.added + report.updated + report.removed
        let total = try store.documentCount()
        if changed > 0, changed * 10 >= total {
            try write { db in
                try db.execute(sql: "INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
            }
        }
        if store.database is DatabasePool {
            try? store.database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
    }
}
