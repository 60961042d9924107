import GRDB
import GRDBSQLite
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// `FTS5Row.forEachColumnCount` reads each phrase's matches per column from the bytes of its
/// position list: the counts must be those of its positions read one by one
/// (`forEachPosition`), for words, phrases, prefixes and alternatives, in any column, with
/// offsets and gaps that need varints of several bytes.
struct ColumnCountTests {
    /// "phrase:column:count" for every run of matches, from the position list's bytes.
    static func fromBytes(_ row: FTS5Row) -> String {
        var parts: [String] = []
        for phrase in 0..<row.phraseCount {
            row.forEachColumnCount(of: phrase) { column, count in
                parts.append("\(phrase):\(column):\(count)")
            }
        }
        return parts.joined(separator: " ")
    }

    /// The same runs, counted one position at a time.
    static func fromPositions(_ row: FTS5Row) -> String {
        var runs: [(phrase: Int, column: Int, count: Int)] = []
        for phrase in 0..<row.phraseCount {
            row.forEachPosition(of: phrase) { column, _ in
                if let last = runs.last, last.phrase == phrase, last.column == column {
                    runs[runs.count - 1].count += 1
                } else {
                    runs.append((phrase, column, 1))
                }
            }
        }
        return runs.map { "\($0.phrase):\($0.column):\($0.count)" }.joined(separator: " ")
    }

    /// "phrase:column:offset" for every match, decoded from the position list's bytes
    /// (`forEachPositionInBytes`) or, with `stepped`, read one by one (`forEachPosition`).
    static func offsets(_ row: FTS5Row, stepped: Bool) -> String {
        var parts: [String] = []
        for phrase in 0..<row.phraseCount {
            let add = { (column: Int, offset: Int) in parts.append("\(phrase):\(column):\(offset)")
            }
            if stepped {
                row.forEachPosition(of: phrase, add)
            } else {
                row.forEachPositionInBytes(of: phrase, add)
            }
        }
        return parts.joined(separator: " ")
    }

    /// Registers `test_read(t, way)` on `db`: the row's matches as `way` reads them,
    /// "bytes" (`fromBytes`), "counted" (`fromPositions`), "decoded" or "stepped" (`offsets`).
    static func register(_ db: Database) {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        _ = api.pointee.xCreateFunction?(
            api, "test_read", nil,
            { api, context, result, count, values in
                guard let api, let context, let result, count == 1,
                    let way = values?[0].flatMap(sqlite3_value_text)
                else { return }
                let row = FTS5Row(api: api, context: context)
                let text: String
                switch String(cString: way) {
                case "bytes": text = ColumnCountTests.fromBytes(row)
                case "counted": text = ColumnCountTests.fromPositions(row)
                case "decoded": text = ColumnCountTests.offsets(row, stepped: false)
                default: text = ColumnCountTests.offsets(row, stepped: true)
                }
                sqlite3_result_text(result, text, -1, RankingFunctions.transient)
            }, nil)
    }

    /// 400 rows of three columns: short and long texts (up to 3,000 words, so offsets and
    /// gaps of several varint bytes: "alpha" 2 words in 1,000 in some), with "alpha" and
    /// "beta" from never to very often.
    static func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        var generator = SplitMix(seed: SplitMix.testSeed)
        try queue.write { db in
            register(db)
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(a, b, c)")
            for _ in 0..<400 {
                let columns = (0..<3).map { _ -> String in
                    let length = [0, 3, 40, 400, 3_000].randomElement(using: &generator)!
                    let alphaShare = [0, 2, 50, 300].randomElement(using: &generator)!
                    return (0..<length).map { _ -> String in
                        let roll = Int.random(in: 0..<1_000, using: &generator)
                        if roll < alphaShare { return "alpha" }
                        if roll < alphaShare + 20 { return "beta" }
                        return roll % 2 == 0 ? "filler" : "alphabet"
                    }.joined(separator: " ")
                }
                try db.execute(
                    sql: "INSERT INTO t(a, b, c) VALUES (?, ?, ?)",
                    arguments: StatementArguments(columns))
            }
        }
        return queue
    }

    @Test(arguments: [
        "alpha", "beta", "alph*", "\"alpha beta\"", "alpha OR beta", "alpha beta",
        "NEAR(alpha beta, 3)", "b : alpha", "{a c} : beta", "alpha NOT beta", "\"alpha alpha\"",
    ])
    func countsFromBytesAreThoseOfThePositions(expression: String) throws {
        let queue = try Self.database()
        let rows = try queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT test_read(t, 'bytes') AS bytes, test_read(t, 'counted') AS positions,
                           test_read(t, 'decoded') AS decoded, test_read(t, 'stepped') AS stepped
                    FROM t WHERE t MATCH ?
                    """,
                arguments: [expression])
        }
        #expect(rows.count > 10)
        for row in rows {
            let bytes: String = row["bytes"]
            let positions: String = row["positions"]
            #expect(bytes == positions, "\(expression)")
            let decoded: String = row["decoded"]
            let stepped: String = row["stepped"]
            #expect(decoded == stepped, "\(expression)")
        }
        // Some rows match in several columns (one column only under a column filter).
        let several = rows.contains { ($0["positions"] as String).contains(" ") }
        #expect(several == !expression.contains(":") || expression.contains("{"))
    }
}
