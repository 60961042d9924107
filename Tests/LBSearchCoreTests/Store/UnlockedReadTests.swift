import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A reader that opens an index `immutable=1` (no log files beside it) while a first build
/// creates that very file: `IndexStore.readingUnlocked` reads again once the files changed.
struct UnlockedReadTests {
    /// Opens `uri` as a search does and checks the schema; `during` runs between the two, as a
    /// writer in another process would.
    static func openAndCheck(_ uri: String, _ path: String, during: () throws -> Void) throws
        -> DatabaseQueue
    {
        let queue = try DatabaseQueue(path: uri, configuration: IndexStore.readOnlyConfiguration())
        try during()
        try StorageFault.translating(path: path) { try IndexStore.checkSchema(queue, path: path) }
        return queue
    }

    /// A first build: the schema and a document, committed and checkpointed.
    static func build(_ folder: TemporaryFolder, _ path: String) throws {
        _ = try folder.write("docs/a.txt", "A probe\n\nThe body of a probe.")
        _ = try Indexer(store: try IndexStore.openForWriting(at: path)).run(roots: [
            folder.file("docs")
        ])
    }

    /// The race five first searches started together ran into: the reader saw the empty file
    /// SQLite creates first, and the build wrote the index before the reader read its schema.
    @Test func aReaderThatSawTheEmptyFileOfAFirstBuildReadsAgain() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(IndexStore.readOnlyURI(path).hasSuffix("?immutable=1"))
        var attempts = 0
        let queue = try IndexStore.readingUnlocked(path) { uri in
            attempts += 1
            return try Self.openAndCheck(uri, path) {
                if attempts == 1 { try Self.build(folder, path) }
            }
        } discard: {
            try? $0.close()
        }
        #expect(attempts == 2)
        let count = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM documents") }
        #expect(count == 1)
    }

    /// Without reading again, the same sequence fails or finds no index: the reader trusts the
    /// empty file it opened.
    @Test func readOnceTheSameSequenceMissesTheIndex() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let uri = IndexStore.readOnlyURI(path)
        #expect(throws: LBSearchError.self) {
            try Self.openAndCheck(uri, path) { try Self.build(folder, path) }
        }
    }

    /// A rewrite of the first page in place keeps the size, and may keep the modification
    /// time; the header's change counter tells it.
    @Test func aRewrittenHeaderIsAChange() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        try Self.build(folder, path)
        let before = FileStamps(index: path)
        var info = stat()
        #expect(stat(path, &info) == 0)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.seek(toOffset: 27)
        let counter = try handle.read(upToCount: 1) ?? Data([0])
        try handle.seek(toOffset: 27)
        try handle.write(contentsOf: Data([counter[0] &+ 1]))
        try handle.close()
        // The same modification time to the nanosecond, as a write within one clock tick.
        let times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, path, times, 0) == 0)
        #expect(FileStamps(index: path).file == before.file)
        #expect(FileStamps(index: path) != before)
    }

    @Test func anUnchangedFileIsReadOnce() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        try Self.build(folder, path)
        try FileManager.default.removeItem(atPath: path + "-wal")
        try FileManager.default.removeItem(atPath: path + "-shm")
        #expect(IndexStore.readOnlyURI(path).hasSuffix("?immutable=1"))
        var attempts = 0
        let store = try IndexStore.readingUnlocked(path) { _ in
            attempts += 1
            return try IndexStore.openForReading(at: path)
        }
        #expect(attempts == 1)
        #expect(try Searcher(store: store).search("probe").hits.count == 1)
    }

    /// A reader that shares the log's locks (`mode=ro`) is never read again.
    @Test func aReaderUnderTheLogsLocksIsReadOnce() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        try Self.build(folder, path)
        var attempts = 0
        _ = try IndexStore.readingUnlocked(path) { _ in
            attempts += 1
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: Double(attempts))],
                ofItemAtPath: path)
            return attempts
        }
        #expect(attempts == 1)
    }

    /// A reader under the log's locks that failed while the log changed (a first build
    /// committing its schema) reads again; one that failed on files that did not change does not.
    @Test func aFailedReadUnderTheLogsLocksIsReadAgainWhenTheLogChanged() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        try Self.build(folder, path)
        #expect(IndexStore.readOnlyURI(path).hasSuffix("?mode=ro&readonly_shm=1"))
        var attempts = 0
        let value = try IndexStore.readingUnlocked(path) { _ in
            attempts += 1
            if attempts == 1 {
                try Data("frame".utf8).write(to: URL(fileURLWithPath: path + "-wal"))
                throw LBSearchError.noIndex(path: path)
            }
            return attempts
        }
        #expect(value == 2)
        var unchanged = 0
        #expect(throws: LBSearchError.noIndex(path: path)) {
            try IndexStore.readingUnlocked(path) { _ -> Int in
                unchanged += 1
                throw LBSearchError.noIndex(path: path)
            }
        }
        #expect(unchanged == 1)
    }

    /// A failed read whose files a writer changes just after (between two migrations of a
    /// first build) is read again; on files that stay the same it stands, after one look.
    @Test func aFailedReadLooksOnceMoreForAWriter() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        try Self.build(folder, path)
        var attempts = 0
        var settles = 0
        let value = try IndexStore.readingUnlocked(path) { _ in
            attempts += 1
            if attempts == 1 { throw LBSearchError.outdatedIndex(path: path) }
            return attempts
        } settle: {
            settles += 1
            try? Data("frame".utf8).write(to: URL(fileURLWithPath: path + "-wal"))
        }
        #expect(value == 2)
        #expect(settles == 1)
        settles = 0
        #expect(throws: LBSearchError.outdatedIndex(path: path)) {
            try IndexStore.readingUnlocked(path) { _ -> Int in
                throw LBSearchError.outdatedIndex(path: path)
            } settle: {
                settles += 1
            }
        }
        #expect(settles == 1)
    }

    /// Files that keep changing are read again a bounded number of times, and the last result
    /// stands.
    @Test func filesThatKeepChangingAreReadABoundedNumberOfTimes() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        var attempts = 0
        let last = try IndexStore.readingUnlocked(path) { _ in
            attempts += 1
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.write(contentsOf: Data([0]))
            try handle.close()
            return attempts
        }
        #expect(attempts == IndexStore.maxRereads + 1)
        #expect(last == attempts)
    }
}
