import GRDB
import GRDBSQLite
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// `DocumentLengths` reads the field lengths FTS5 stored, whatever order the rows are asked
/// in, and the ranking reads the same evidence in any scan order.
struct DocumentLengthsTests {
    /// 60 documents of varied title and body lengths, all with the word "common".
    static let files: [String: String] = {
        var files: [String: String] = [:]
        for n in 0..<60 {
            let title = Array(repeating: "heading", count: n % 4 + 1).joined(separator: " ")
            let body = Array(repeating: "word", count: n * 7 % 23 + 1).joined(separator: " ")
            files["doc\(n).txt"] = "Title: \(title)\n\ncommon \(body)"
        }
        return files
    }()

    /// Each row's title and body lengths, counted by tokenizing the stored text again.
    static func expected(_ db: Database) throws -> [Int64: [Int]] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT rowid AS id, lbsearch_tokens(documents_fts, title) AS title,
                       lbsearch_tokens(documents_fts, body) AS body
                FROM documents_fts WHERE documents_fts MATCH 'common'
                """)
        return Dictionary(
            uniqueKeysWithValues: rows.map { row in
                let counts = [row["title"] as String, row["body"] as String].map {
                    $0.split(separator: " ").count
                }
                return (row["id"] as Int64, counts)
            })
    }

    @Test func readsTheStoredLengthsInAnyOrder() throws {
        let (store, _) = try indexedStore(Self.files)
        try store.database.read { db in
            let expected = try Self.expected(db)
            // Stored in column order (the body first since "v12"), read in field order.
            let swap = try FieldLayout.read(db).swap
            #expect(swap == 1)
            let ids = expected.keys.sorted()
            #expect(ids.count == 60)
            var generator = SplitMix(seed: SplitMix.testSeed)
            let orders: [[Int64]] = [
                ids, ids.reversed(), ids.enumerated().filter { $0.offset % 3 == 0 }.map(\.element),
                [ids[0], ids[40], ids[41], ids[59], ids[2], ids[2]],
                ids.shuffled(using: &generator),
            ]
            for order in orders {
                let reader = try #require(db.sqliteConnection.flatMap(DocumentLengths.init))
                for id in order {
                    var lengths = [0, 0]
                    #expect(reader.read(id, into: &lengths, swap: swap))
                    #expect(lengths == expected[id], "row \(id)")
                }
            }
            let reader = try #require(db.sqliteConnection.flatMap(DocumentLengths.init))
            var lengths = [0, 0]
            for missing in [Int64(0), -5, (ids.last ?? 0) + 1, (ids.last ?? 0) + 100] {
                #expect(!reader.read(missing, into: &lengths, swap: swap), "row \(missing)")
            }
            #expect(
                reader.read(ids[1], into: &lengths, swap: swap) && lengths == expected[ids[1]])
        }
    }

    /// A scan in descending row id order seeks for every row; its evidence is the ascending
    /// scan's, row for row.
    @Test func evidenceIsTheSameInBothScanOrders() throws {
        let (store, _) = try indexedStore(Self.files)
        try store.database.read { db in
            let spec = RankingSpec().encoded
            func evidence(_ order: String) throws -> [Int64: [Int]] {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT rowid AS id, lbsearch_evidence(documents_fts, ?) AS evidence
                        FROM documents_fts WHERE documents_fts MATCH 'common OR word'
                        ORDER BY rowid \(order)
                        """, arguments: [spec])
                return Dictionary(
                    uniqueKeysWithValues: try rows.map { row in
                        let decoded = try #require(
                            RankingEvidence(encoded: row["evidence"], spec: RankingSpec()))
                        return (row["id"] as Int64, decoded.document.lengths)
                    })
            }
            let ascending = try evidence("ASC")
            #expect(ascending.count == 60)
            #expect(ascending == (try evidence("DESC")))
            #expect(ascending == (try Self.expected(db)))
        }
    }

    @Test func aRecordOfTheWrongShapeIsRefused() {
        var lengths = [0, 0]
        let cases: [([UInt8], Bool, [Int])] = [
            ([3, 0x81, 0x00], true, [3, 128]), ([3], false, []), ([3, 4, 5], false, []),
            ([3, 0x81], false, []),
        ]
        for (bytes, accepted, values) in cases {
            let result = bytes.withUnsafeBytes { DocumentLengths.decode($0, into: &lengths) }
            #expect(result == accepted, "\(bytes)")
            if accepted { #expect(lengths == values) }
        }
    }

    /// With the columns swapped (`FieldLayout.bodyFirst`), column 0's length is the second
    /// field's.
    @Test func aSwappedRecordFillsTheFieldsInFieldOrder() {
        var lengths = [0, 0]
        let bytes: [UInt8] = [0x81, 0x00, 3]
        #expect(bytes.withUnsafeBytes { DocumentLengths.decode($0, into: &lengths, swap: 1) })
        #expect(lengths == [3, 128])
    }
}
