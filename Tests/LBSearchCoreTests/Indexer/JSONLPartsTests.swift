import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A JSONL file larger than `Indexer.partBytes` is prepared and written a part at a time, and
/// the index it leaves is the one a whole-file run leaves: records, skips, counts, mtimes.
struct JSONLPartsTests {
    static let partBytes = 150

    /// Record `id` as a line; `version` changes its text.
    static func line(_ id: Int, version: Int = 0) -> String {
        #"{"_id": "r\#(id)", "title": "Record \#(id)", "text": "words of record \#(id) v\#(version) shared"}"#
    }

    /// Forty records, a bad line and a duplicate of an earlier part's `_id`.
    static func firstVersion() -> String {
        var lines = (0..<40).map { line($0) }
        lines.insert("not json", at: 12)
        lines.insert(line(3, version: 9), at: 30)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Records 0–9 changed, 10–19 gone, 40–49 new, the rest as they were.
    static func secondVersion() -> String {
        let ids = Array(0..<10) + Array(20..<50)
        return ids.map { line($0, version: $0 < 10 ? 1 : 0) }.joined(separator: "\n")
    }

    @Test func aLargeFileIsHandedOverInBoundedParts() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.jsonl", Self.firstVersion())
        let entry = FileEntry(path: path, size: 1, mtime: 5, format: .jsonl)
        let plan = IndexPlan.make(found: [entry], stored: [:], roots: [folder.path])
        let pipeline = BatchPipeline([[entry][...]], plan: plan, partBytes: Self.partBytes)
        var steps: [[PreparedFile]] = []
        while let step = pipeline.next() { steps.append(step) }
        #expect(steps.count > 10)
        #expect(steps.allSatisfy { $0.count == 1 && $0[0].rest == nil })
        let parts = steps.map { $0[0] }
        let longest = Self.line(10).utf8.count + 1
        for part in parts {
            #expect(part.documents.reduce(0) { $0 + Int($1.size) } < Self.partBytes + longest)
        }
        #expect(parts.dropLast().allSatisfy { $0.part == .continued && $0.skips.isEmpty })
        let all = Set((0..<40).map { "r\($0)" })
        #expect(parts.last?.part == .last(records: all))
        #expect(parts.last?.skips.map(\.line) == [13, 31])
        #expect(parts.flatMap(\.documents).map(\.record) == (0..<40).map { "r\($0)" })
    }

    /// Every document's path, record, title, hash and mtime, in order.
    func rows(_ store: IndexStore) throws -> [String] {
        try store.database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT path || '|' || record || '|' || title || '|' || hash || '|' || mtime
                    FROM documents ORDER BY path, record
                    """)
        }
    }

    func files(_ store: IndexStore) throws -> [String] {
        try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT path || '|' || size || '|' || hash FROM files")
        }
    }

    /// A run over `folder` with `partBytes`, and what it reported and skipped.
    func run(_ store: IndexStore, _ folder: TemporaryFolder, partBytes: Int) throws -> String {
        let indexer = Indexer(store: store)
        indexer.partBytes = partBytes
        var skips: [String] = []
        let report = try indexer.run(roots: [folder.path]) { skips.append($0.description) }
        return "\(report.added) \(report.updated) \(report.removed) \(report.unchanged) "
            + "\(report.skipped) \(report.tokenized) \(skips)".replacingOccurrences(
                of: folder.path, with: "")
    }

    @Test func partsIndexAsTheWholeFileDoes() throws {
        let whole = (try TemporaryFolder(), try IndexStore.inMemory())
        let parts = (try TemporaryFolder(), try IndexStore.inMemory())
        for (folder, _) in [whole, parts] {
            _ = try folder.write("a.jsonl", Self.firstVersion())
            _ = try folder.write("b.jsonl", Self.line(99))
            for name in ["a.jsonl", "b.jsonl"] {
                try FileManager.default.setAttributes(
                    [.modificationDate: Date(timeIntervalSince1970: 1_000_000)],
                    ofItemAtPath: folder.file(name))
            }
        }
        let first = try run(whole.1, whole.0, partBytes: .max)
        #expect(first.hasPrefix("41 0 0 0 2 41"))
        #expect(try run(parts.1, parts.0, partBytes: Self.partBytes) == first)
        let path = { (folder: TemporaryFolder) in folder.file("a.jsonl") }
        let relative = { (rows: [String], folder: TemporaryFolder) in
            rows.map { $0.replacingOccurrences(of: folder.path, with: "") }
        }
        #expect(relative(try rows(parts.1), parts.0) == relative(try rows(whole.1), whole.0))
        for (folder, _) in [whole, parts] {
            _ = try folder.write("a.jsonl", Self.secondVersion())
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 2_000_000)],
                ofItemAtPath: path(folder))
        }
        let second = try run(whole.1, whole.0, partBytes: .max)
        #expect(second.hasPrefix("10 10 10 21 0 20"))
        #expect(try run(parts.1, parts.0, partBytes: Self.partBytes) == second)
        #expect(relative(try rows(parts.1), parts.0) == relative(try rows(whole.1), whole.0))
        #expect(relative(try files(parts.1), parts.0) == relative(try files(whole.1), whole.0))
        #expect(try run(parts.1, parts.0, partBytes: Self.partBytes).hasPrefix("0 0 0 41 0 0"))
    }

    /// A run stopped after a part leaves the file's row unfinished: the next run reads the
    /// file again, keeps the records written and adds the rest.
    @Test func aRunStoppedBetweenPartsIsFinishedByTheNext() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.jsonl", Self.firstVersion())
        let size = Int64(Self.firstVersion().utf8.count)
        let entry = FileEntry(path: path, size: size, mtime: 5, format: .jsonl)
        let plan = IndexPlan.make(found: [entry], stored: [:], roots: [folder.path])
        let pipeline = BatchPipeline([[entry][...]], plan: plan, partBytes: Self.partBytes)
        let store = try IndexStore.inMemory()
        var batch = IndexBatch()
        var report = IndexReport()
        let firstPart = try #require(pipeline.next())
        try store.database.write { db in try batch.apply(firstPart, db, &report) }
        #expect(try files(store) == ["\(path)|-1|"])
        let written = report.added
        #expect(written > 0 && written < 40)
        let next = Indexer(store: store)
        next.partBytes = Self.partBytes
        let finished = try next.run(roots: [folder.path])
        #expect(
            (finished.added, finished.unchanged, finished.removed) == (40 - written, written, 0))
        #expect(try files(store).first?.hasPrefix("\(path)|\(size)|") == true)
        #expect(try files(store).first?.hasSuffix("|") == false)
    }
}
