import Foundation
import GRDB

/// Applies the plan's changes to the database, inside the transaction it is given: it decides
/// nothing but how JSONL records and feed items compare, one by one by `_id` or key, with the
/// stored ones (a feed's items that it no longer lists are kept: `PreparedFile.keepsMissing`).
///
/// New documents are inserted many to a statement (`pending`, `insertPending`): FTS5 writes
/// out what it has buffered at every statement that fires the insert trigger inside a
/// transaction (the statement's savepoint), so one statement per document made one small FTS5
/// segment per document, all merged again later; that merging was most of the cost of indexing,
/// the more so for CJK text (ten times the tokens of English). Changed documents are updated
/// and gone ones deleted the same way, many to a statement in id order (`updates`, `deletions`,
/// `IndexBatch+Rewrites`). At the end of each `apply`, pending inserts are written first, each
/// statement's in the order that fills the table's pages (`RowPacking`), so ids follow that
/// order within a statement and a new document never takes the id of one deleted in the batch.
struct IndexBatch {
    /// Documents inserted per statement, at most (13 arguments each, far below SQLite's limit
    /// of 32766 variables).
    static let rowsPerStatement = 1024

    var skips: [Skip] = []
    /// New documents not yet inserted, in order, with their compressed bodies and, when
    /// prepared, their tokens (`PreparedText`).
    var pending: [(document: Document, body: Data, text: PreparedText?)] = []
    /// Changed documents not yet updated: the id of the row each one replaces, with its
    /// compressed body and prepared tokens (`updatePending`).
    var updates: [(id: Int64, document: Document, body: Data, text: PreparedText?)] = []
    /// Ids of the documents to delete at the end of the batch (`deletePending`).
    var deletions: [Int64] = []
    /// Titles and bodies whose tokens were replayed, not tokenized again (`Handoff`).
    var replayed = 0
    /// The index's `documents_fts` column order, read at the first write that arms the
    /// hand-off (`Handoff.armed` follows it).
    var layout: FieldLayout?
    /// Hears about every document stored and file applied, for the run's progress.
    var progress: ProgressTracker?
    /// What the earlier parts of a file written in parts left to its last part: whether its
    /// unchanged records need the file's mtime, and whether a kept record was not as stored.
    var unfinished = (touchMtime: false, stale: false)

    /// Applies each file's change, in order, and collects its skips.
    mutating func apply(_ files: [PreparedFile], _ db: Database, _ report: inout IndexReport) throws
    {
        // Every file of a step has the same; stored before the first body that names it.
        if let dictionary = files.lazy.compactMap(\.dictionary).first { try dictionary.store(db) }
        for file in files {
            skips += file.skips
            try apply(
                file.change, documents: file.documents, bodies: file.bodies, texts: file.texts,
                kept: file.kept, keepMissing: file.keepsMissing, part: file.part, db, &report)
            if file.part != .continued { progress?.applied(size: file.change.entry?.size ?? 0) }
        }
        try writePending(db)
    }

    /// Applies changes that need no documents (the plan's removals).
    mutating func apply(_ changes: [IndexPlan.Change], _ db: Database, _ report: inout IndexReport)
        throws
    {
        for change in changes { try apply(change, documents: [], bodies: [], db, &report) }
        try writePending(db)
    }

    /// Applies one change, or one part of it (`part`, `PreparedFile.Part`).
    ///
    /// `documents` are the file's for an add or a replace, `bodies` their compressed bodies,
    /// `texts` their prepared tokens (or none), `kept` its JSONL records read again unchanged;
    /// with `keepMissing`, the stored records a replace does not list stay.
    mutating func apply(
        _ change: IndexPlan.Change, documents: [Document], bodies: [Data],
        texts: [PreparedText?] = [], kept: [KeptRecord] = [], keepMissing: Bool = false,
        part: PreparedFile.Part = .whole, _ db: Database, _ report: inout IndexReport
    ) throws {
        let documents = documents.indices.map { index in
            (documents[index], bodies[index], index < texts.count ? texts[index] : nil)
        }
        switch change {
        case .touch(let entry, let old):
            try touch(entry, hash: old.hash, db)
            report.unchanged += old.documents
        case .move(let entry, let source):
            try move(from: source.path, to: entry, db)
            report.moved += source.documents
        case .add(let entry, let hash):
            try store(documents, of: entry, hash: hash, existing: [:], part: part, db, &report)
        case .replace(let entry, let hash):
            let existing = try existingRecords(entry.path, db)
            try store(
                documents, of: entry, hash: hash, existing: existing, kept: kept,
                keepMissing: keepMissing, part: part, db, &report)
        case .remove(let path):
            report.removed += try delete(path: path, db)
        }
    }

    /// Stores the documents of a new or changed file and its `files` row (none when it holds
    /// no document).
    ///
    /// The `files` row keeps its old values when a kept record no longer has the hash it was
    /// read with (the index changed under the run, which the writer lock rules out): the next
    /// run reads the file again. A part that more parts follow marks the row unfinished
    /// (`markUnfinished`), so a run killed before the last part reads the file again.
    mutating func store(
        _ documents: [(Document, Data, PreparedText?)], of entry: FileEntry, hash: String,
        existing: [String: String], kept: [KeptRecord] = [], keepMissing: Bool = false,
        part: PreparedFile.Part = .whole, _ db: Database, _ report: inout IndexReport
    ) throws {
        let records: Set<String>?
        switch part {
        case .whole: records = nil
        case .continued: records = []
        case .last(let all): records = all
        }
        var current = try store(
            documents, kept: kept, path: entry.path, mtime: entry.mtime, existing: existing,
            keepMissing: keepMissing, records: records, finished: part != .continued, db, &report)
        if part == .continued {
            unfinished.stale = unfinished.stale || !current
            return try markUnfinished(entry, db)
        }
        if case .last = part {
            current = current && !unfinished.stale
            unfinished = (false, false)
        }
        let empty = records.map(\.isEmpty) ?? (documents.isEmpty && kept.isEmpty)
        if empty, !keepMissing || existing.isEmpty {
            try db.execute(sql: "DELETE FROM files WHERE path = ?", arguments: [entry.path])
        } else if current {
            try upsertFile(entry, hash: hash, db)
        }
    }

    /// Inserts, updates or keeps each document by its record (`_id`), keeps the `kept` records,
    /// and deletes the `existing` records that are gone (unless `keepMissing`: they stay,
    /// unchanged); false when a kept record's hash is not the one stored.
    ///
    /// The unchanged records get the file's `mtime` in one statement for the whole file. For a
    /// file written in parts, `records` is every `_id` of the file (empty before its last
    /// part), and only the last part (`finished`) sets mtimes and deletes records.
    mutating func store(
        _ documents: [(Document, Data, PreparedText?)], kept: [KeptRecord] = [], path: String,
        mtime: Double,
        existing: [String: String], keepMissing: Bool = false, records: Set<String>? = nil,
        finished: Bool = true, _ db: Database, _ report: inout IndexReport
    ) throws -> Bool {
        unfinished.touchMtime =
            unfinished.touchMtime || !kept.isEmpty
            || documents.contains(where: { existing[$0.0.record] == $0.0.contentHash })
        if finished, unfinished.touchMtime {
            try db.execute(
                sql: "UPDATE documents SET mtime = ? WHERE path = ?", arguments: [mtime, path])
            unfinished.touchMtime = false
        }
        var current = true
        var seen: Set<String> = []
        for record in kept {
            seen.insert(record.record)
            guard existing[record.record] == record.hash else {
                current = false
                continue
            }
            progress?.kept(bytes: record.size)
            report.unchanged += 1
        }
        for (document, body, text) in documents {
            seen.insert(document.record)
            if let oldHash = existing[document.record] {
                if oldHash == document.contentHash {
                    progress?.kept(bytes: document.size)
                    report.unchanged += 1
                } else {
                    try update(document, body: body, text: text, db)
                    progress?.changed(bytes: document.size)
                    report.updated += 1
                    report.tokenized += 1
                }
            } else {
                try insert(document, body: body, text: text, db)
                progress?.queued(bytes: document.size)
                report.added += 1
                report.tokenized += 1
            }
        }
        guard finished else { return current }
        let removed = existing.keys.filter { !(records ?? seen).contains($0) }
        if keepMissing {
            report.unchanged += removed.count
            return current
        }
        for record in removed {
            try deleteRecord(path: path, record: record, db)
            report.removed += 1
        }
        return current
    }

    /// Marks `entry`'s `files` row unfinished while it is written in parts: a size no file has
    /// and no hash, so the next run reads the file again (and compares its records by `_id`)
    /// if this one stops before the last part.
    func markUnfinished(_ entry: FileEntry, _ db: Database) throws {
        var unfinished = entry
        unfinished.size = -1
        try upsertFile(unfinished, hash: "", db)
    }

    func move(from old: String, to entry: FileEntry, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE documents SET path = ?, mtime = ? WHERE path = ?",
            arguments: [entry.path, entry.mtime, old])
        try db.execute(
            sql: "UPDATE files SET path = ?, size = ?, mtime = ? WHERE path = ?",
            arguments: [entry.path, entry.size, entry.mtime, old])
    }

    func touch(_ entry: FileEntry, hash: String, _ db: Database) throws {
        try upsertFile(entry, hash: hash, db)
        try db.execute(
            sql: "UPDATE documents SET mtime = ? WHERE path = ?",
            arguments: [entry.mtime, entry.path])
    }

    /// The records the index holds for `path`, content hash to `_id`: what `PreparedFile`
    /// compares a replaced JSONL file's lines with.
    static func storedRecords(_ path: String, _ db: Database) throws -> [String: String] {
        var records: [String: String] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT record, hash FROM documents WHERE path = ?", arguments: [path])
        {
            records[row["hash"]] = row["record"]
        }
        return records
    }

    func existingRecords(_ path: String, _ db: Database) throws -> [String: String] {
        var records: [String: String] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT record, hash FROM documents WHERE path = ?", arguments: [path])
        {
            records[row["record"]] = row["hash"]
        }
        return records
    }

    func upsertFile(_ entry: FileEntry, hash: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO files(path, size, mtime, hash) VALUES (?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, hash = excluded.hash
                """,
            arguments: [entry.path, entry.size, entry.mtime, hash])
    }

    /// Queues `document` for insertion; written when `rowsPerStatement` are waiting.
    mutating func insert(
        _ document: Document, body: Data, text: PreparedText? = nil, _ db: Database
    ) throws {
        pending.append((document, body, text))
        if pending.count >= Self.rowsPerStatement { try insertPending(db) }
    }

    /// Inserts the pending documents, up to `rowsPerStatement` per statement, each statement's
    /// in the order that fills the table's pages (`RowPacking`).
    mutating func insertPending(_ db: Database) throws {
        var rest = pending[...]
        while !rest.isEmpty {
            let rows = try packed(rest.prefix(Self.rowsPerStatement), db)
            let sql = Self.insertSQL(rows: rows.count)
            // The full-size statement is reused; a shorter last one is prepared once per batch.
            let statement =
                rows.count == Self.rowsPerStatement
                ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
            var values = StatementArguments()
            for (document, body, _) in rows { values += arguments(document, body: body) }
            let layout = try fieldLayout(db)
            replayed += try Handoff.armed(rows.compactMap { $0.text }, layout: layout) {
                try statement.execute(arguments: values)
            }
            progress?.wrote(documents: rows.count, bytes: rows.reduce(0) { $0 + $1.document.size })
            rest = rest.dropFirst(rows.count)
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// The index's `documents_fts` column order (`layout`), read once.
    mutating func fieldLayout(_ db: Database) throws -> FieldLayout {
        if let layout { return layout }
        let read = try FieldLayout.read(db)
        layout = read
        return read
    }

    /// `rows` in the order that fills pages of `documents` (`RowPacking`).
    func packed(
        _ rows: ArraySlice<(document: Document, body: Data, text: PreparedText?)>, _ db: Database
    ) throws -> [(document: Document, body: Data, text: PreparedText?)] {
        let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        let lastID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM documents") ?? 0
        let sizes = rows.map { row in
            RowPacking.cellSize(
                payload: RowPacking.payload(Self.recordValues(row.document, body: row.body)),
                id: lastID + Int64(rows.count), pageSize: pageSize)
        }
        // The usable bytes of a leaf page: all of it but its 8-byte header (no reserved bytes).
        return RowPacking.order(sizes, capacity: pageSize - 8).map { rows[rows.startIndex + $0] }
    }

    /// The values of `d`'s row as its record holds them (`arguments`, and the id, NULL there).
    static func recordValues(_ d: Document, body: Data) -> [RecordValue] {
        let text = { (value: String?) in value.map { RecordValue.text($0.utf8.count) } ?? .null }
        let integer = { (value: UInt64?) in
            value.map { RecordValue.integer(Int64(bitPattern: $0)) } ?? .null
        }
        return [
            .null, text(d.path), text(d.record), text(d.title), text(d.date), text(d.source),
            text(d.url), text(IndexStore.jsonArray(d.tags)), .integer(d.size), .real,
            text(d.contentHash), .blob(body.count), integer(d.fingerprint?.exact),
            integer(d.fingerprint?.near),
        ]
    }

    /// An INSERT of `rows` documents.
    static func insertSQL(rows: Int) -> String {
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        return
            "INSERT INTO documents(path, record, title, body_z, date, source, url, tags, size, mtime, hash, exact_key, near_key) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// The values of `d`'s row; `body` is its body compressed (`StoredText`).
    func arguments(_ d: Document, body: Data) -> StatementArguments {
        [
            d.path, d.record, d.title, body, d.date, d.source, d.url,
            IndexStore.jsonArray(d.tags), d.size, d.mtime, d.contentHash,
            d.fingerprint.map { Int64(bitPattern: $0.exact) },
            d.fingerprint?.near.map { Int64(bitPattern: $0) },
        ]
    }
}

extension IndexPlan.Change {
    /// The file the change is about; nil for a removal, which names only a path.
    var entry: FileEntry? {
        switch self {
        case .touch(let entry, _), .move(let entry, _), .add(let entry, _),
            .replace(let entry, _):
            return entry
        case .remove: return nil
        }
    }
}
