import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The field lengths an index run stores in blocks for ranking scans (`FieldLengths`).
struct FieldLengthsTests {
    /// 1,500 records of 0 to 400 words (lengths of one and two varint bytes), some with long
    /// titles; with `changed`, every third removed (gaps in the row ids, and blocks emptied).
    static func corpus(changed: Bool = false) -> [String: String] {
        var generator = SplitMix(seed: SplitMix.testSeed &+ 3)
        let words = ["anime", "studio", "art", "film", "the", "season", "frame", "voice"]
        let lines = (0..<1_500).map { n -> String in
            let count = [0, 1, 7, 60, 130, 400].randomElement(using: &generator)!
            let text = (0..<count).map { _ in words.randomElement(using: &generator)! }
            let title =
                n % 7 == 0
                ? Array(repeating: "studio", count: 140).joined(separator: " ") : "note \(n)"
            return
                #"{"_id": "r\#(n)", "title": "\#(title)", "text": "\#(text.joined(separator: " "))"}"#
        }
        let kept = changed ? lines.enumerated().filter { $0.offset % 3 != 0 }.map(\.element) : lines
        return ["records.jsonl": kept.joined(separator: "\n") + "\n"]
    }

    /// Blocks kept from the first document.
    static let eager = TermCounts.Policy(minimumDocuments: 1, minimumFrequency: 1_000_000)

    /// Every row's lengths from the docsize table, by row id, in column order.
    static func docsize(_ db: Database) throws -> [Int64: [Int]] {
        var lengths: [Int64: [Int]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, sz FROM documents_fts_docsize") {
            let id: Int64 = row["id"]
            let record: Data = row["sz"]
            lengths[id] = Self.decodeRecord(record)
        }
        return lengths
    }

    /// The varints of a docsize record, one per column; nil when it is not a whole number of
    /// them.
    static func decodeRecord(_ data: Data) -> [Int]? {
        var lengths: [Int] = []
        var (value, shift) = (0, 0)
        for byte in data {
            value = value << 7 | Int(byte & 0x7F)
            shift += 7
            if byte & 0x80 == 0 {
                lengths.append(value)
                (value, shift) = (0, 0)
            }
        }
        return shift == 0 ? lengths : nil
    }

    /// What `FieldLengths.Reader` reads for `rowid`, loading its block.
    static func read(_ reader: FieldLengths.Reader, _ rowid: Int64) -> [Int]? {
        if !reader.holds(rowid) { reader.load(rowid) }
        var lengths = [0, 0]
        return reader.read(rowid, into: &lengths, swap: 0) ? lengths : nil
    }

    @Test func blocksHoldEveryRowsDocsizeLengths() throws {
        let (store, folder) = try TermCountsTests.index(Self.corpus(), policy: Self.eager)
        try folder.write("docs/records.jsonl", Self.corpus(changed: true)["records.jsonl"]!)
        let indexer = Indexer(store: store)
        indexer.termCounts = Self.eager
        _ = try indexer.run(roots: [folder.file("docs")])
        try store.database.read { db in
            let expected = try Self.docsize(db)
            #expect(expected.count == 1_000)
            let reader = try #require(FieldLengths.Reader(db.sqliteConnection!, columns: 2))
            let high = expected.keys.max()! + 300
            var absent = 0
            for rowid in 0...high {
                let read = Self.read(reader, rowid)
                #expect(read == expected[rowid], "row \(rowid)")
                if read == nil { absent += 1 }
            }
            #expect(absent > 500)
            // Some lengths take two varint bytes.
            #expect(expected.values.contains { $0.contains { $0 >= 128 } })
        }
    }

    /// Rows read out of order (backwards within a block, across blocks and back) are those of
    /// the docsize table: the reader walks a block's size bytes again from its start.
    @Test func rowsReadInAnyOrderAreTheDocsizeTables() throws {
        let (store, folder) = try TermCountsTests.index(
            Self.corpus(changed: false), policy: Self.eager)
        _ = folder
        try store.database.read { db in
            let expected = try Self.docsize(db)
            let reader = try #require(FieldLengths.Reader(db.sqliteConnection!, columns: 2))
            var generator = SplitMix(seed: SplitMix.testSeed &+ 5)
            let high = expected.keys.max()!
            var order = Array(0...high)
            order.shuffle(using: &generator)
            for rowid in order + Array((0...high).reversed()) {
                #expect(Self.read(reader, rowid) == expected[rowid], "row \(rowid)")
            }
        }
    }

    /// A block cut short (a damaged page, a hand edit) gives the rows before the cut and none
    /// from it: each is left to the docsize cursor.
    @Test func aBlockCutShortGivesOnlyTheRowsBeforeTheCut() throws {
        let (store, folder) = try TermCountsTests.index(Self.corpus(), policy: Self.eager)
        _ = folder
        let key = FieldLengths.blockKey(1)
        try store.database.write { db in
            try db.execute(
                sql: "UPDATE meta SET value = substr(value, 1, 100) WHERE key = ?", arguments: [key]
            )
        }
        try store.database.read { db in
            let expected = try Self.docsize(db)
            let reader = try #require(FieldLengths.Reader(db.sqliteConnection!, columns: 2))
            let rows = Array(FieldLengths.blockRows..<(2 * FieldLengths.blockRows))
            let read = rows.map { Self.read(reader, $0) }
            let whole = read.prefix { $0 != nil }.count
            #expect(whole > 5 && whole < rows.count)
            #expect(read[whole...].allSatisfy { $0 == nil })
            for (rowid, lengths) in zip(rows, read) where lengths != nil {
                #expect(lengths == expected[rowid])
            }
            // The next block is whole.
            let next = 2 * FieldLengths.blockRows
            #expect(Self.read(reader, next) == expected[next])
        }
    }

    /// `DocumentLengths` reads every row from the blocks, the first row of a scan and rows
    /// hundreds of ids apart included, not only rows near the last one read: blocks that say
    /// every row has one word in each field are what it returns.
    @Test func rowsFarApartAreReadFromTheBlocks() throws {
        let (store, folder) = try TermCountsTests.index(Self.corpus(), policy: Self.eager)
        _ = folder
        try store.database.write { db in
            let fake = Data((0..<Int(FieldLengths.blockRows)).flatMap { _ in [UInt8(2), 1, 1] })
            try db.execute(
                sql: "UPDATE meta SET value = ? WHERE key LIKE 'field_lengths:%'",
                arguments: [fake])
        }
        try store.database.read { db in
            let expected = try Self.docsize(db)
            let reader = try #require(db.sqliteConnection.flatMap(DocumentLengths.init))
            for rowid: Int64 in [10, 400, 1_200, 1_450] {
                #expect(expected[rowid] != nil && expected[rowid] != [1, 1])
                var lengths = [0, 0]
                #expect(reader.read(rowid, into: &lengths))
                #expect(lengths == [1, 1], "row \(rowid)")
            }
        }
    }

    @Test func blockKeysHaveSixDigitsOrMore() {
        #expect(FieldLengths.blockKey(0) == "field_lengths:000000")
        #expect(FieldLengths.blockKey(42) == "field_lengths:000042")
        #expect(FieldLengths.blockKey(123_456) == "field_lengths:123456")
        #expect(FieldLengths.blockKey(12_345_678) == "field_lengths:12345678")
    }

    @Test func blocksOfAnotherStateAreNotRead() throws {
        let (store, folder) = try TermCountsTests.index(Self.corpus(), policy: Self.eager)
        _ = folder
        try store.database.write { db in
            try db.execute(
                sql:
                    "UPDATE documents SET title = 'retitled' WHERE id = (SELECT min(id) FROM documents)"
            )
        }
        try store.database.read { db in
            #expect(FieldLengths.Reader(db.sqliteConnection!, columns: 2) == nil)
        }
        try store.database.write { db in
            let first = try FieldLengths.refresh(db, policy: Self.eager)
            let again = try FieldLengths.refresh(db, policy: Self.eager)
            #expect(first && !again)
        }
        try store.database.read { db in
            #expect(FieldLengths.Reader(db.sqliteConnection!, columns: 2) != nil)
            // The reader's stamp check reads FTS5's records as the writer's does.
            let state = try FTS5State(db)
            #expect(state.averages != nil && state.structure != nil)
            #expect(FTS5State(connection: db.sqliteConnection!) == state)
        }
    }

    /// Blocks left without their stamp are replaced, not added to.
    @Test func blocksWithoutTheirStampAreReplaced() throws {
        let (store, folder) = try TermCountsTests.index(Self.corpus(), policy: Self.eager)
        _ = folder
        try store.database.write { db in
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [FieldLengths.key])
            let wrote = try FieldLengths.refresh(db, policy: Self.eager)
            #expect(wrote)
        }
        try store.database.read { db in
            let reader = try #require(FieldLengths.Reader(db.sqliteConnection!, columns: 2))
            for (rowid, lengths) in try Self.docsize(db) {
                #expect(Self.read(reader, rowid) == lengths)
            }
        }
    }

    @Test func aSmallIndexKeepsNoBlocks() throws {
        let (store, folder) = try TermCountsTests.index(Self.corpus(), policy: Self.eager)
        _ = folder
        let keys = { () throws -> Int in
            try store.database.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM meta WHERE key LIKE 'field_lengths%'") ?? 0
            }
        }
        #expect(try keys() > 5)
        // The next run that changes the full-text index, below the size, removes them.
        try store.database.write { db in
            try db.execute(
                sql:
                    "UPDATE documents SET title = 'retitled' WHERE id = (SELECT min(id) FROM documents)"
            )
            let wrote = try FieldLengths.refresh(db, policy: TermCounts.Policy())
            #expect(wrote)
        }
        #expect(try keys() == 0)
        try store.database.read { db in
            #expect(FieldLengths.Reader(db.sqliteConnection!, columns: 2) == nil)
        }
    }

    /// `lbsearch doctor` finds blocks that differ from FTS5's lengths under a valid stamp, and
    /// `--repair` leaves them unread (FTS5's rebuild changes the stamp) until the next run
    /// writes them again.
    @Test func theDoctorFindsAndRepairsDamagedBlocks() throws {
        let (store, folder) = try TermCountsTests.index(Self.corpus(), policy: Self.eager)
        let doctor = IndexDoctor(store: store)
        #expect(try doctor.check().problems == [])
        #expect(try store.database.read(FieldLengths.areSound))
        try store.database.write { db in
            let key = try #require(
                try String.fetchOne(
                    db, sql: "SELECT min(key) FROM meta WHERE key LIKE 'field_lengths:%'"))
            var bytes = try #require(
                try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
            )
            // The first row's title length, one more.
            bytes[bytes.startIndex + 1] &+= 1
            try db.execute(
                sql: "UPDATE meta SET value = ? WHERE key = ?", arguments: [bytes, key])
        }
        #expect(try !store.database.read(FieldLengths.areSound))
        #expect(try doctor.check().problems == [.fullTextIndex])
        #expect(try doctor.repair().problems == [])
        try store.database.read { db in
            #expect(FieldLengths.Reader(db.sqliteConnection!, columns: 2) == nil)
        }
        let indexer = Indexer(store: store)
        indexer.termCounts = Self.eager
        _ = try indexer.run(roots: [folder.file("docs")])
        #expect(try store.database.read(FieldLengths.areSound))
        try store.database.read { db in
            #expect(FieldLengths.Reader(db.sqliteConnection!, columns: 2) != nil)
        }
    }

    /// Ranking reads the blocks, and scores every row as it does from the docsize table.
    @Test func scoresAreThoseOfTheDocsizeTable() throws {
        let (store, folder) = try TermCountsTests.index(Self.corpus(), policy: Self.eager)
        _ = folder
        let spec = RankingSpec().encoded
        let scores = {
            try store.database.read { db in
                try ScanFloorTests.sortedPairs(
                    ScanFloorTests.allScores(#""studio" "art""#, spec: spec, db)
                        + ScanFloorTests.allScores(#""the""#, spec: spec, db))
            }
        }
        let withBlocks = try scores()
        try store.database.write { db in try FieldLengths.clear(db) }
        let withoutBlocks = try scores()
        #expect(withBlocks.count > 1_000)
        #expect(withBlocks == withoutBlocks)
        // The blocks are what the scan read: blocks that say every row has one word in each
        // field, under a valid stamp, change the scores. The first block stays true, as the
        // scan's first row with a match checks the blocks against `xColumnSize`.
        try store.database.write { db in
            let wrote = try FieldLengths.refresh(db, policy: Self.eager)
            #expect(wrote)
            let blocks = try String.fetchAll(
                db, sql: "SELECT key FROM meta WHERE key LIKE 'field_lengths:%' AND key <> ?",
                arguments: [FieldLengths.blockKey(0)])
            #expect(blocks.count >= 4)
            let fake = Data((0..<Int(FieldLengths.blockRows)).flatMap { _ in [UInt8(2), 1, 1] })
            for key in blocks {
                try db.execute(
                    sql: "UPDATE meta SET value = ? WHERE key = ?", arguments: [fake, key])
            }
        }
        #expect(try scores() != withBlocks)
    }
}
