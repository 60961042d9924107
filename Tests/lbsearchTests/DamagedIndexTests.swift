import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// One path for a damaged index: `doctor` names what is wrong and the one command that fixes
/// it, in one line; `index` refuses with the same line; that command fixes it.
@Suite(.serialized)
struct DamagedIndexTests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        (folder, index) = try CLI.indexedCorpus(300)
    }

    /// Kinds of damage, and the command `doctor` must name for each.
    static let cases: [(damage: String, fix: String)] = [
        ("fts-pages", "doctor --repair"), ("fts-delete", "doctor --repair"),
        ("document-pages", "index --full"),
        ("truncated", "index --full"), ("sql-index-pages", "doctor --repair"),
    ]

    @Test(arguments: cases)
    func doctorNamesTheOneCommandThatFixesIt(damage: String, fix: String) throws {
        try damageIndex(damage)
        let sick = try CLI.run(["doctor", "--index", index], cwd: folder.path)
        #expect(sick.status == 2)
        #expect(sick.stdout.isEmpty)
        #expect(sick.stderr.hasPrefix("lbsearch: error: the index at \(index) is damaged"))
        #expect(sick.stderr.hasSuffix("'lbsearch \(fix)'\n"), "\(sick.stderr)")
        #expect(sick.stderr.split(separator: "\n").count == 1)
        #expect(!sick.stderr.contains("Page ") && !sick.stderr.contains("btree"))
        let refused = try CLI.run(["index", "--index", index], cwd: folder.path)
        #expect(refused.status == 2)
        #expect(refused.stderr.hasSuffix("'lbsearch \(fix)'\n"), "\(refused.stderr)")
        let fixed = try CLI.run(
            fix.split(separator: " ").map(String.init) + ["--index", index], cwd: folder.path)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(try CLI.run(["doctor", "--index", index], cwd: folder.path).status == 0)
        #expect(try IndexChecks.verify(index).count == 300)
        #expect(try CLI.run(["index", "--index", index], cwd: folder.path).status == 0)
    }

    /// `doctor --repair` on damaged stored documents refuses with the same advice.
    @Test func repairRefusesWhatOnlyAFullRebuildFixes() throws {
        try damageIndex("document-pages")
        let run = try CLI.run(["doctor", "--repair", "--index", index], cwd: folder.path)
        #expect(run.status == 2)
        #expect(run.stderr.hasSuffix("fix it with 'lbsearch index --full'\n"))
    }

    func damageIndex(_ damage: String) throws {
        switch damage {
        case "fts-pages": try overwrite(page: try leafPage(of: "documents_fts_data"))
        case "document-pages": try overwrite(page: try leafPage(of: "documents"))
        case "sql-index-pages":
            // SQL indexes are derived from the stored rows: a repair must rebuild them, not copy them.
            // (`files` has no SQL index since "v13": it is keyed by path WITHOUT ROWID.)
            try overwrite(page: try leafPage(of: "sqlite_autoindex_documents_1", offset: 0))
            try overwrite(page: try leafPage(of: "documents_record", offset: 0))
        case "fts-delete":
            // FTS5's 'delete' with values the row was not indexed with (FTS5 documentation, 6.1).
            var config = Configuration()
            config.prepareDatabase { db in
                Tokenizer.register(db)
                StoredText.register(db)
            }
            let queue = try DatabaseQueue(path: index, configuration: config)
            try queue.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', 7, 'wrong', 'values')"
                )
            }
            try queue.close()
        default:
            let data = try Data(contentsOf: URL(fileURLWithPath: index))
            try data.prefix(data.count * 2 / 3).write(to: URL(fileURLWithPath: index))
        }
    }

    /// A leaf page of `table`, from SQLite's `dbstat` table.
    func leafPage(of table: String, offset: Int = 2) throws -> Int {
        let queue = try DatabaseQueue(path: index)
        defer { try? queue.close() }
        return try queue.read { db in
            try Int.fetchOne(
                db,
                sql:
                    "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' LIMIT 1 OFFSET ?",
                arguments: [table, offset]) ?? 0
        }
    }

    func overwrite(page: Int) throws {
        #expect(page > 1)
        let handle = try #require(FileHandle(forUpdatingAtPath: index))
        try handle.seek(toOffset: UInt64(page - 1) * 4096)
        try handle.write(
            contentsOf: Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) }))
        try handle.close()
    }
}
