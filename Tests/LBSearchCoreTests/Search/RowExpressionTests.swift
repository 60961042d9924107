import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A prefix expression written out for one row matches that row where the prefix does: the
/// row's highlights are the same, read without merging the prefix's document lists.
struct RowExpressionTests {
    static let files: [String: String] = [
        "a.txt": "Title: Wicklow notes\n\nA wicklo0 and a wickllo1 met nadia by the road.",
        "b.txt": "Title: Plain\n\nNadia walked alone with no such word at all.",
        "c.txt": "Title: Stems\n\nA defiwicksal deficit was defiwicks enough, said wicklo0.",
        "d.txt": "Title: 猫の話\n\n猫が好きな人と猫です。",
    ]

    /// The rows `expression` matches, with the id of each.
    static func rows(_ expression: String, _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(
            db, sql: "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid",
            arguments: [expression])
    }

    /// Checks, for every row `expression` matches, that its written-out expression has no
    /// prefix left and highlights the row as the prefix does; returns them by row.
    @discardableResult
    static func writtenMatchesPrefix(_ expression: String, _ db: Database) throws -> [Int64:
        String]
    {
        let layout = try FieldLayout.read(db)
        let ids = try rows(expression, db)
        #expect(!ids.isEmpty, "\(expression)")
        var prefixes = try #require(try RowExpression(expression, row: ids[0], db))
        var written: [Int64: String] = [:]
        for id in ids {
            let own = try #require(try prefixes.expression(for: id, db), "\(expression) \(id)")
            #expect(!own.contains("*") || own.contains("\" *"), "\(own)")
            let mine = try #require(try HitRow.highlighted(id, own, layout, db), "\(own)")
            let theirs = try #require(try HitRow.highlighted([id], expression, layout, db)[id])
            #expect(mine.title == theirs.title, "\(own)")
            #expect(mine.body == theirs.body, "\(own)")
            #expect(
                (mine.title + mine.body).unicodeScalars.contains(HighlightMarker.open), "\(own)")
            written[id] = own
        }
        return written
    }

    @Test func phrasesAreFoundOutsideStrings() throws {
        let expression = #"("wick" * AND "na""d" *) NOT ("x *" AND "y:z")"#
        let found = try #require(RowExpression.phrases(expression))
        #expect(found.map(\.1) == ["wick", #"na"d"#, "x *", "y:z"])
        #expect(found.map(\.prefix) == [true, true, false, false])
        #expect(
            found.map { String(expression[$0.0]) }
                == [#""wick" *"#, #""na""d" *"#, #""x *""#, #""y:z""#])
        #expect(RowExpression.phrases(#""unterminated *"#)?.isEmpty == true)
        // A column filter: FTS5 checks positions.
        #expect(RowExpression.phrases(#"title : "wick" *"#) == nil)
    }

    /// Each prefix is written as the row's own terms it stands for, in the expression's place.
    @Test func aRowListsItsOwnTerms() throws {
        let (store, _) = try indexedStore(Self.files)
        try store.database.read { db in
            let written = try Self.writtenMatchesPrefix(#"("wick" * AND "nadia")"#, db)
            #expect(
                Set(written.values) == [#"(("wickllo1" OR "wicklo0" OR "wicklow") AND "nadia")"#])
        }
    }

    /// A prefix the row has no term of (an alternative, an exclusion) is its own term.
    @Test func anAbsentPrefixIsItsOwnTerm() throws {
        let (store, _) = try indexedStore(Self.files)
        try store.database.read { db in
            let either = try Self.writtenMatchesPrefix(#"("nadia" OR "wickllo" *)"#, db)
            #expect(either.values.contains(#"("nadia" OR "wickllo")"#))
            #expect(either.values.contains(#"("nadia" OR "wickllo1")"#))
            let without = try Self.writtenMatchesPrefix(#""nadia" NOT ("wickll" *)"#, db)
            #expect(Set(without.values) == [#""nadia" NOT ("wickll")"#])
        }
    }

    /// "defiwicksal" is indexed as "defiwicks", which FTS5 would read as "defiwick": it is
    /// written as a prefix of itself, and the row is highlighted as `defi*` highlights it.
    @Test func aStemThatStemsAgainIsAPrefixOfItself() throws {
        let (store, _) = try indexedStore(Self.files)
        try store.database.read { db in
            let written = try Self.writtenMatchesPrefix(#""defi" *"#, db)
            #expect(written.count == 1)
            let own = try #require(written.values.first)
            #expect(own.contains(#""defiwicks" *"#), "\(own)")
            #expect(own.contains(#""deficit""#), "\(own)")
            // Under the prefix "defiwicks" itself (`defiwicksal*`), what it reads back as
            // ("defiwick") is shorter than the prefix: that row is left to the prefixes.
            let both = #"("defi" * AND "defiwicksal" *)"#
            let row = try #require(written.keys.first)
            var prefixes = try #require(try RowExpression(both, row: row, db))
            #expect(prefixes.prefixes == ["defi", "defiwicks"])
            #expect(try prefixes.expression(for: row, db) == nil)
        }
    }

    /// A row with too many terms, a CJK bigram (read back with its last character too), a
    /// prefix of several words and expressions FTS5 checks positions for are left to the
    /// prefix.
    @Test func whatCannotBeWrittenIsLeftToThePrefix() throws {
        let many = (0..<(RowExpression.maxTerms + 1)).map { "wick\($0)x" }.joined(separator: " ")
        var files = Self.files
        files["e.txt"] = "Title: Many\n\n" + many
        let (store, _) = try indexedStore(files)
        try store.database.read { db in
            let ids = try Self.rows(#""wick" *"#, db)
            var prefixes = try #require(try RowExpression(#""wick" *"#, row: ids[0], db))
            let written = try ids.map { try prefixes.expression(for: $0, db) }
            #expect(written.filter { $0 == nil }.count == 1)
            let cat = try Self.rows(#""猫" *"#, db)
            #expect(cat.count == 1)
            var bigrams = try #require(try RowExpression(#""猫" *"#, row: cat[0], db))
            #expect(try bigrams.expression(for: cat[0], db) == nil)
            #expect(try RowExpression(#""nadia walk" *"#, row: ids[0], db) == nil)
            // A phrase of several words, or a column filter, beside the prefix: FTS5 checks
            // positions, and drops those of some terms of an `OR` it reads with them.
            #expect(
                try RowExpression(#"("wick" * AND "met nadia") OR "road""#, row: ids[0], db) == nil)
            #expect(try RowExpression(#""wick" * AND title : "notes""#, row: ids[0], db) == nil)
            #expect(try RowExpression(#""wick" * AND "nadia""#, row: ids[0], db) != nil)
            #expect(try RowExpression(#""nadia""#, row: ids[0], db) == nil)
        }
    }
}
