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
            (try Int32.fetchOne(db, sql: "PRAGMA application_id"),
             try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tokenizer'"))
        }
        #expect(appID == Schema.applicationID)
        #expect(tokenizer == Schema.tokenizer)
        _ = try IndexStore.open(at: path, create: false)
    }

    @Test func missingIndexIsReportedNotCreated() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("none.db")
        #expect(throws: LBSearchError.noIndex(path: path)) { try IndexStore.open(at: path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func foreignDatabaseIsRefusedAndLeftUntouched() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("other.db")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE notes(x)") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: LBSearchError.notAnIndex(path: path)) { try IndexStore.open(at: path, create: true) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func garbageFileIsReportedAsDamagedAndLeftUntouched() throws {
        let folder = try TemporaryFolder()
        let garbage = Data(String(repeating: "not a database at all ", count: 300).utf8)
        let path = try folder.write("garbage.db", garbage)
        #expect(throws: LBSearchError.corruptIndex(path: path)) { try IndexStore.open(at: path, create: false) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }
}
