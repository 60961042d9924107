import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The records of FTS5's index that name its state, and what they say of it.
struct FTS5StateTests {
    /// Segments FTS5's own index table lists: each segment has at least its first term there.
    static func listed(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM documents_fts_idx") ?? 0
    }

    @Test func theStructureRecordCountsTheSegments() throws {
        let store = try IndexStore.inMemory()
        try store.database.write { db in try IndexStore.setMerging(bulk: true, db) }
        for n in 0..<11 {
            try store.database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO documents(path, title, body_z, size, mtime, hash)
                        VALUES (?, 'Note', lbsearch_deflate(?), 1, 1, 'h')
                        """, arguments: ["/d/\(n).md", "word\(n) common text"])
            }
            let (segments, listed) = try store.database.read { db in
                (try FTS5State(db).segments, try Self.listed(db))
            }
            #expect(segments == n + 1)
            #expect(segments == listed)
        }
        try store.database.write { db in
            try db.execute(sql: "INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
        }
        #expect(try store.database.read { try FTS5State($0).segments } == 1)
    }

    /// Records of the newer format (a marker after the cookie) and damaged ones.
    @Test func segmentsAreReadFromEitherFormat() {
        let cookie: [UInt8] = [0, 0, 0, 7]
        let old = FTS5State(structure: Data(cookie + [3, 0x81, 0x05, 9]))
        #expect(old.segments == 133)
        let new = FTS5State(structure: Data(cookie + [0xFF, 0, 0, 1, 2, 12, 40]))
        #expect(new.segments == 12)
        #expect(FTS5State(structure: Data(cookie + [2])).segments == nil)
        #expect(FTS5State(structure: nil).segments == nil)
        #expect(FTS5State(structure: Data([1, 2])).segments == nil)
    }
}
