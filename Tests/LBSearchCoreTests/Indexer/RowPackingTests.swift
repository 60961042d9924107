import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// New documents are inserted in the order that fills the pages of `documents` (`RowPacking`):
/// the sizes it reckons are SQLite's, its order is a permutation that needs no more pages than
/// the order given, and an index of documents of mixed sizes leaves little of its pages unused.
struct RowPackingTests {
    /// Sizes from 60 bytes to 6 KB, mostly small, the same on every run.
    static func sizes(_ count: Int, seed: UInt64 = 7) -> [Int] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let draw = Int(state >> 33) % 1000
            return 60 + draw * draw * 6 / 1000
        }
    }

    /// Pages used when rows of `sizes` are appended in `order` to pages of `capacity` bytes.
    static func pages(_ sizes: [Int], _ order: [Int], capacity: Int) -> Int {
        var (pages, free) = (0, 0)
        for index in order {
            if sizes[index] > free { (pages, free) = (pages + 1, capacity) }
            free -= sizes[index]
        }
        return pages
    }

    @Test(arguments: [1, 2, 10, 1024])
    func theOrderIsAPermutationThatNeedsNoMorePages(count: Int) {
        let sizes = Self.sizes(count).map {
            RowPacking.cellSize(payload: $0, id: 9, pageSize: 4096)
        }
        let order = RowPacking.order(sizes, capacity: 4088)
        #expect(order.sorted() == Array(sizes.indices))
        let packed = Self.pages(sizes, order, capacity: 4088)
        #expect(packed <= Self.pages(sizes, Array(sizes.indices), capacity: 4088))
        // Within one page of the bound where every byte is used.
        #expect(packed <= (sizes.reduce(0, +) + 4087) / 4088 + 1)
    }

    /// On a page that holds one row, what SQLite leaves unused is the page less its header and
    /// that row's cell: the reckoned size, for records that fit and ones that overflow.
    @Test(arguments: [1, 200, 4000, 4061, 4062, 4500, 4580, 4581, 7000, 9000, 20000])
    func cellSizesAreSQLites(bodyLength: Int) throws {
        let queue = try DatabaseQueue()
        let (unused, record) = try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, body BLOB)")
            try db.execute(sql: "CREATE TABLE pad (x)")
            try db.execute(
                sql: "INSERT INTO t(id, name, body) VALUES (300, 'a name', zeroblob(?))",
                arguments: [bodyLength])
            let unused =
                try Int.fetchOne(
                    db,
                    sql: "SELECT unused FROM dbstat WHERE name = 't' AND pagetype = 'leaf'") ?? -1
            return (unused, RowPacking.payload([.null, .text(6), .blob(bodyLength)]))
        }
        let cell = RowPacking.cellSize(payload: record, id: 300, pageSize: 4096)
        #expect(4096 - 8 - unused == cell)
    }

    /// Documents of mixed sizes: the table's leaf pages are nearly full.
    @Test func anIndexOfMixedSizesFillsItsPages() throws {
        let folder = try TemporaryFolder()
        var state: UInt64 = 11
        var records: [String] = []
        for (index, size) in Self.sizes(600).enumerated() {
            // Words that compress about as prose does: about a third of the text.
            let words = (0..<(size / 2)).map { _ -> String in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return "w\(Int(state >> 40) % 4000)"
            }
            let text = words.joined(separator: " ")
            records.append(#"{"_id": "d\#(index)", "title": "T\#(index)", "text": "\#(text)"}"#)
        }
        try folder.write("docs/all.jsonl", records.joined(separator: "\n") + "\n")
        let path = folder.file("index.db")
        _ = try Indexer.index(at: path, roots: [folder.file("docs")])
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let (unused, total) = try queue.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT sum(unused) AS unused, sum(pgsize) AS total FROM dbstat
                    WHERE name = 'documents' AND pagetype = 'leaf'
                    """)
            return (row?["unused"] as Int? ?? 0, row?["total"] as Int? ?? 1)
        }
        // Appended in the order read, 24 % of these pages was unused.
        #expect(Double(unused) / Double(total) < 0.04, "\(unused) of \(total)")
        let store = try IndexStore.openForReading(at: path)
        #expect(try Searcher(store: store).search("T599").hits.map(\.id) == ["d599"])
    }
}
