import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Japanese search as a user runs it: the bundled corpus, an index from an older release, and
/// the sqlite3 shell reading the index through the loadable extension.
@Suite(.serialized)
struct CJKCommandTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("docs/a.txt", "新作アニメ\n\n新作アニメの放送が始まる。声優の発表もあった。")
        try folder.write("docs/b.txt", "English news\n\nAn anime studio opens.")
    }

    /// The bundled corpus's Japanese articles answer `lbsearch アニメ` with highlighted hits.
    @Test func bundledCorpusFindsAnime() throws {
        let index = folder.file("corpus.db")
        #expect(
            try CLI.run(["index", "corpus", "--index", index], cwd: GoldenOutputTests.repository)
                .status == 0)
        let run = try CLI.run(
            ["アニメ", "--index", index, "--color", "never"], cwd: GoldenOutputTests.repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("1. "))
        #expect(run.stdout.contains("[アニメ]"))
        #expect(!run.stdout.contains("[アニメー"))
    }

    /// An index of the previous release: a search says to run `lbsearch index` and changes
    /// nothing; `lbsearch index` says it rebuilds, and then Japanese is found.
    @Test func anOldIndexIsRebuiltByIndexNotBySearch() throws {
        let index = folder.file("old.db")
        let queue = try DatabaseQueue(path: index)
        try Schema.migrator.migrate(queue, upTo: "v3: runs history")
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: index))
        let search = try CLI.run(["アニメ", "--index", index], cwd: folder.path)
        #expect(search.status == 2)
        #expect(
            search.stderr
                == "lbsearch: error: the index at \(index) was written by an older lbsearch; update it with 'lbsearch index'\n"
        )
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == before)
        let rebuild = try CLI.run(["index", "docs", "--index", index], cwd: folder.path)
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        #expect(rebuild.stderr.contains("rebuilding it for the new tokenizer"))
        let found = try CLI.run(["声優", "--index", index, "--color", "never"], cwd: folder.path)
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("[声優]"))
    }

    /// `scripts/build-extension` makes the tokenizer and `lbsearch_inflate` loadable into the
    /// sqlite3 shell.
    ///
    /// The shell can then query `documents_fts`, over an index whose bodies use a dictionary
    /// trained from its text (1,100 records are enough). Skipped without sqlite3 or a C compiler.
    @Test func sqlite3ShellQueriesTheIndexWithTheExtension() throws {
        guard let sqlite3 = Self.which("sqlite3"), Self.which("cc") != nil else {
            print("skipped: needs the sqlite3 command and a C compiler")
            return
        }
        let records = (0..<1100).map { n in
            #"{"_id": "r\#(n)", "title": "Story \#(n)", "text": "\#(SyndicatedCorpus.body(UInt64(n)))"}"#
        }
        try folder.write("docs/records.jsonl", records.joined(separator: "\n"))
        let index = folder.file("shell.db")
        #expect(try CLI.run(["index", "docs", "--index", index], cwd: folder.path).status == 0)
        let library = folder.file("lbsearch_tokenizer.so")
        let build = try CLI.run(
            ["scripts/build-extension", library], cwd: GoldenOutputTests.repository,
            executable: "/bin/bash")
        #expect(build.status == 0, "\(build.stderr)")
        // The body (column 0 since "v12") comes through the view that decompresses it
        // (lbsearch_inflate).
        let sql =
            "SELECT title, highlight(documents_fts, 0, '[', ']') FROM documents_fts WHERE documents_fts MATCH '声優';"
        let without = try CLI.run([index, sql], cwd: folder.path, executable: sqlite3)
        #expect(without.stderr.contains("no such tokenizer"))
        let with = try CLI.run(
            ["-cmd", ".load " + String(library.dropLast(3)), index, sql], cwd: folder.path,
            executable: sqlite3)
        #expect(with.status == 0, "\(with.stderr)")
        #expect(with.stdout == "新作アニメ|新作アニメの放送が始まる。[声優]の発表もあった。\n")
        let trained = try CLI.run(
            [
                "-cmd", ".load " + String(library.dropLast(3)), index,
                "SELECT count(*) FROM dictionaries; SELECT lbsearch_inflate(body_z) = '"
                    + SyndicatedCorpus.body(7) + "' FROM documents WHERE record = 'r7';",
            ], cwd: folder.path, executable: sqlite3)
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout == "1\n1\n")
    }

    static func which(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(
            separator: ":")
        return paths.map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }
}
