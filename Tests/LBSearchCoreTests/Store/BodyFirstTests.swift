import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// "v12" puts the body before the title in `documents_fts` (`FieldLayout`): a new index has
/// it, an index of "v11" is searched as it is with the same results, and `lbsearch index`
/// rebuilds it once, after which every search answers exactly as before.
struct BodyFirstTests {
    /// The database the v11 dump describes (the release before "v12"), written into `folder`.
    static func v11Index(_ folder: TemporaryFolder) throws -> String {
        try schemaFixture("v11", in: folder)
    }

    /// Queries that reach titles and bodies, phrases, column filters, CJK bigrams, exclusions,
    /// prefixes, expansion and a misspelling (a suggestion).
    static let queries: [(String, SearchOptions)] = {
        var explained = SearchOptions()
        explained.explain = true
        var expanded = explained
        expanded.expand = true
        return [
            ("harbor", explained), ("studio glass", explained), ("\"harbor lights\"", explained),
            ("title:market", explained), ("アニメ", explained), ("glass -garden", explained),
            ("ferr*", explained), ("glass harbor", expanded), ("gardne", explained),
        ]
    }()

    /// Everything a search shows, as JSON and as text, with every explanation.
    static func results(_ store: IndexStore) throws -> [String] {
        try queries.map { query, options in
            let result = try Searcher(store: store).search(query, options: options)
            let text = TextWriter(color: false).render(result.hits)
            let explanations = result.hits.map { String(describing: $0.explanation) }
            return [
                query, JSONWriter.lines(result.hits), text, "\(explanations)",
                "\(result.suggestion ?? "")", "\(result.total)",
                "\(String(describing: result.executed))",
            ].joined(separator: "\n")
        }
    }

    /// The column names of `documents_fts` on `store`.
    static func columns(_ store: IndexStore) throws -> [String] {
        try store.database.read { db in try String.fetchAll(db, sql: FieldLayout.columnsSQL) }
    }

    @Test func aNewIndexHasTheBodyFirst() throws {
        let store = try IndexStore.inMemory()
        #expect(try Self.columns(store) == ["body", "title"])
        #expect(try store.database.read(FieldLayout.read) == .bodyFirst)
    }

    @Test(arguments: [
        (["title", "body"], FieldLayout.titleFirst), (["body", "title"], .bodyFirst),
        (["Body", "Title"], .bodyFirst), ([], .titleFirst), (["body"], .titleFirst),
    ])
    func theLayoutIsReadFromTheColumnNames(names: [String], layout: FieldLayout) {
        #expect(FieldLayout.named(names) == layout)
    }

    @Test func fieldsAndColumnsMapBothWays() {
        #expect(FieldLayout.bodyFirst.column(ofField: 0) == 1)
        #expect(FieldLayout.bodyFirst.field(ofColumn: 0) == 1)
        #expect(FieldLayout.bodyFirst.field(ofColumn: 1) == 0)
        #expect(FieldLayout.titleFirst.field(ofColumn: 0) == 0)
        #expect(FieldLayout.titleFirst.column(ofField: 1) == 1)
    }

    @Test func theFixtureIsAV11IndexWithTheTitleFirst() throws {
        let folder = try TemporaryFolder()
        let queue = try DatabaseQueue(path: try Self.v11Index(folder))
        defer { try? queue.close() }
        let last = try queue.read { db in
            try Schema.lastMigration(db)
        }
        #expect(last == Schema.trainedDictionaryMigration)
        let declared = try queue.read { db in
            try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'documents_fts'")
        }
        #expect(declared?.contains("fts5(\n    title, body,") == true)
    }

    /// A search reads the v11 index as it is and writes nothing; `lbsearch index` (opening it
    /// for writing) says it rebuilds the full-text index, puts the body first, and every search
    /// then shows exactly what it showed before: hits, scores, snippets, explanations.
    @Test func aV11IndexIsSearchedAsItIsAndAnswersTheSameOnceRebuilt() throws {
        let folder = try TemporaryFolder()
        let path = try Self.v11Index(folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(IndexStore.upgradeNotice(at: path) == IndexStore.bodyFirstUpgradeNotice)
        let reader = try IndexStore.openForReading(at: path)
        #expect(try Self.columns(reader) == ["title", "body"])
        let old = try Self.results(reader)
        #expect(old[0].contains("[harbor] lights"))
        #expect(old[3].contains("Market day"))
        #expect(try IndexDoctor(store: reader).check().isHealthy)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        let writer = try IndexStore.openForWriting(at: path)
        #expect(try writer.status().schemaVersion == Schema.migrator.migrations.last)
        #expect(IndexStore.upgradeNotice(at: path) == nil)
        #expect(try Self.columns(writer) == ["body", "title"])
        #expect(try IndexDoctor(store: writer).check().isHealthy)
        let new = try Self.results(writer)
        for (was, now) in zip(old, new) { #expect(was == now) }
        #expect(new.count == old.count)
    }

    /// A document's fields are its own after the rebuild: the title is not read as the body.
    @Test func showReadsTheTitleAndBodyInTheirColumns() throws {
        let folder = try TemporaryFolder()
        let path = try Self.v11Index(folder)
        let old = try DocumentLookup(store: IndexStore.openForReading(at: path))
            .document("/tmp/lbsearch-v11/docs/harbor.txt", query: "harbor lights")
        let writer = try IndexStore.openForWriting(at: path)
        let new = try DocumentLookup(store: writer)
            .document("/tmp/lbsearch-v11/docs/harbor.txt", query: "harbor lights")
        #expect(new == old)
        #expect(new.title.text == "Harbor lights")
    }

    /// Queries over the bundled corpus: one word, several (proximity between phrases met in
    /// both fields), a phrase, a column filter, more phrases than the instance list serves,
    /// alternatives, expansion, `--match any`, a prefix and a misspelling (a suggestion).
    static let corpusQueries: [(String, SearchOptions)] = {
        var explained = SearchOptions()
        explained.explain = true
        var expanded = explained
        expanded.expand = true
        var any = explained
        any.match = .any
        var deep = explained
        deep.limit = 40
        return [
            ("ai art", explained), ("ai art", deep), ("studio anime production", explained),
            ("\"concept artists\"", explained), ("title:manga policy", explained),
            ("copyright office guidance human authorship registration", explained),
            ("ai OR studio -manga", deep), ("ai art", expanded), ("anime studio", expanded),
            ("art school students teachers tools debate", any), ("anim*", explained),
            ("artsit", explained),
        ]
    }()

    /// The bundled corpus indexed twice, as today (body first) and as before "v12".
    ///
    /// The second has `documents_fts` recreated over (title, body) (the triggers name the
    /// columns, so either order is written alike). Every search shows exactly the same in both, scores and
    /// explanations included, and a search on the title-first one reads it as it is.
    @Test func anIndexOfEitherColumnOrderAnswersTheSame() throws {
        let folder = try TemporaryFolder()
        var outputs: [[String]] = []
        for titleFirst in [false, true] {
            let path = folder.file(titleFirst ? "title.db" : "body.db")
            let store = try IndexStore.openForWriting(at: path)
            _ = try Indexer(store: store).run(roots: [HandoffTests.corpus])
            if titleFirst {
                try store.database.write { db in
                    try db.execute(
                        sql: """
                            DROP TABLE documents_vocab;
                            DROP TABLE documents_fts;
                            CREATE VIRTUAL TABLE documents_fts USING fts5(
                                title, body, content = 'documents_text', content_rowid = 'id',
                                tokenize = '\(Schema.tokenizer)');
                            INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
                            CREATE VIRTUAL TABLE documents_vocab USING fts5vocab(documents_fts, row);
                            """)
                }
            }
            let reader = try IndexStore.openForReading(at: path)
            #expect(
                try Self.columns(reader) == (titleFirst ? ["title", "body"] : ["body", "title"]))
            outputs.append(
                try Self.corpusQueries.map { query, options in
                    let result = try Searcher(store: reader).search(query, options: options)
                    // A misspelling finds nothing and suggests.
                    #expect(result.hits.isEmpty == (query == "artsit"), "\(query)")
                    return [
                        query, JSONWriter.lines(result.hits),
                        TextWriter(color: false).render(result.hits),
                        "\(result.hits.map { String(describing: $0.explanation) })",
                        "\(result.suggestion ?? "")", "\(result.total)",
                    ].joined(separator: "\n")
                })
        }
        #expect(outputs[0].count == Self.corpusQueries.count)
        for (bodyFirst, titleFirst) in zip(outputs[0], outputs[1]) {
            #expect(bodyFirst == titleFirst)
        }
    }
}
