import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

struct IndexDoctorTests {
    @Test func aHealthyIndexHasNoProblems() throws {
        let (store, _) = try indexedStore(["a.txt": "Alpha\n\nwords"])
        #expect(try IndexDoctor(store: store).check() == HealthReport(problems: []))
    }

    @Test func aDocumentMissingFromTheFullTextIndexIsFoundAndRepaired() throws {
        let (store, _) = try indexedStore([
            "a.txt": "Alpha\n\nwords", "b.txt": "Beta\n\nmore words",
        ])
        try store.database.write { db in
            try db.execute(sql: "DROP TRIGGER documents_fts_insert")
            try db.execute(
                sql:
                    "INSERT INTO documents(path, title, body_z, size, mtime, hash) VALUES ('/x', 'Ghost', lbsearch_deflate('unindexed'), 1, 1, 'h')"
            )
        }
        let doctor = IndexDoctor(store: store)
        #expect(try doctor.check().problems == [.fullTextIndex])
        #expect(try doctor.repair().isHealthy)
        #expect(try Searcher(store: store).search("unindexed").hits.map(\.title.text) == ["Ghost"])
    }

    @Test func aForeignTokenizerIsReported() throws {
        let (store, _) = try indexedStore(["a.txt": "Alpha\n\nwords"])
        try store.database.write { db in
            try db.execute(sql: "UPDATE meta SET value = 'trigram' WHERE key = 'tokenizer'")
        }
        #expect(
            try IndexDoctor(store: store).check().problems == [
                .tokenizer(found: "trigram", expected: Schema.tokenizerRecord)
            ])
    }
}
