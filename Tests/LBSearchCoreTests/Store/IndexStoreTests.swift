import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

struct IndexStoreTests {
    @Test func createsOnDiskWithSchemaAndApplicationID() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("nested/index.db")
        let store = try IndexStore.open(at: path, create: true)
        let (appID, tokenizer) = try store.database.read { db in
            (
                try Int32.fetchOne(db, sql: "PRAGMA application_id"),
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tokenizer'")
            )
        }
        #expect(appID == Schema.applicationID)
        #expect(tokenizer == Schema.tokenizerRecord)
        _ = try IndexStore.open(at: path, create: false)
    }

    /// After a writer closes, its log files stay (the log empty), so readers open `mode=ro` and
    /// take the log's locks: a writer that starts during a read cannot checkpoint under it.
    @Test func aClosedWriterLeavesTheLogFilesForReaders() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("docs/a.txt", "A probe\n\nThe body of a probe.")
        let path = folder.file("index.db")
        _ = try Indexer(store: try IndexStore.openForWriting(at: path)).run(roots: [
            folder.file("docs")
        ])
        let log = try FileManager.default.attributesOfItem(atPath: path + "-wal")
        #expect((log[.size] as? NSNumber)?.intValue == 0)
        #expect(FileManager.default.fileExists(atPath: path + "-shm"))
        #expect(IndexStore.readOnlyURI(path).hasSuffix("?mode=ro&readonly_shm=1"))
        let reader = try IndexStore.openForReading(at: path)
        #expect(try Searcher(store: reader).search("probe").hits.count == 1)
    }

    @Test func missingIndexIsReportedNotCreated() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("none.db")
        #expect(throws: LBSearchError.noIndex(path: path)) {
            try IndexStore.open(at: path, create: false)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func foreignDatabaseIsRefusedAndLeftUntouched() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("other.db")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE notes(x)") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: LBSearchError.notAnIndex(path: path)) {
            try IndexStore.open(at: path, create: true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    /// A file that is not SQLite at all may be anything of the user's: never advise deleting it.
    @Test func garbageFileIsReportedAsForeignAndLeftUntouched() throws {
        let folder = try TemporaryFolder()
        let garbage = Data(String(repeating: "not a database at all ", count: 300).utf8)
        let path = try folder.write("garbage.db", garbage)
        #expect(throws: LBSearchError.notAnIndex(path: path)) {
            try IndexStore.open(at: path, create: false)
        }
        #expect(throws: LBSearchError.notAnIndex(path: path)) {
            try IndexStore.openForWriting(at: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func truncatedIndexIsReportedAsDamagedAndLeftUntouched() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/a.txt", "Alpha\n\n" + String(repeating: "words ", count: 5000))
        let path = folder.file("index.db")
        _ = try Indexer(store: try IndexStore.openForWriting(at: path)).run(roots: [
            folder.file("docs")
        ])
        for cut in [50, 100, 4096 * 3] {
            let data = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(cut)
            let truncated = try folder.write("cut\(cut).db", data)
            #expect(throws: LBSearchError.corruptIndex(path: truncated)) {
                try IndexStore.open(at: truncated, create: false)
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: truncated)) == data)
        }
    }

    @Test func readOnlyIndexIsRefusedForWritingAndLeftUntouched() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        _ = try IndexStore.openForWriting(at: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: LBSearchError.readOnlyIndex(path: path)) {
            try IndexStore.openForWriting(at: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// A creation killed after GRDB made `grdb_migrations` but before the first migration
    /// committed leaves that table alone, empty, and no application id: still a new index.
    @Test func anIndexKilledBeforeItsFirstMigrationOpens() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("killed.db")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        }
        try queue.close()
        let store = try IndexStore.openForWriting(at: path)
        #expect(try store.status().schemaVersion == Schema.migrator.migrations.last)
    }

    @Test func aFolderIsNotAnIndex() throws {
        let folder = try TemporaryFolder()
        let error = LBSearchError.cannotOpenIndex(path: folder.path, reason: .isFolder)
        #expect(
            error.description
                == "cannot open the index at \(folder.path): it is a folder; name a file, e.g. \(folder.path)/index.db"
        )
        #expect(throws: error) {
            try IndexStore.open(at: folder.path, create: false)
        }
        #expect(throws: error) {
            try IndexStore.openForWriting(at: folder.path)
        }
    }

    /// The root folder's suggestion is `/index.db`, not `//index.db`.
    @Test func theRootFolderIsNotAnIndex() {
        let error = LBSearchError.cannotOpenIndex(path: "/", reason: .isFolder)
        #expect(
            error.description
                == "cannot open the index at /: it is a folder; name a file, e.g. /index.db")
    }

    /// A device or named pipe as the index (`--index /dev/null`) is refused in words, before
    /// SQLite reads or writes it, for searching, indexing and checking alike.
    @Test func aDeviceOrPipeIsNotAnIndex() throws {
        let folder = try TemporaryFolder()
        let pipe = folder.file("index.fifo")
        #expect(mkfifo(pipe, 0o600) == 0)
        for (path, kind) in [("/dev/null", LBSearchError.SpecialFile.device), (pipe, .fifo)] {
            let error = LBSearchError.cannotOpenIndex(path: path, reason: .notAFile(kind))
            #expect(throws: error) { try IndexStore.open(at: path, create: false) }
            #expect(throws: error) { try IndexStore.openForReading(at: path) }
            #expect(throws: error) { try IndexStore.openForWriting(at: path) }
            #expect(error.kind == .user)
        }
        #expect(
            LBSearchError.cannotOpenIndex(path: "/dev/null", reason: .notAFile(.device))
                .description
                == "cannot open the index at /dev/null: it is a device, not a file; name a file with --index"
        )
    }
}
