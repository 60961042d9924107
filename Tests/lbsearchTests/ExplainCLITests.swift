import Foundation
import LBSearchTestSupport
import Testing

/// `--explain` prints the query that ran, as the search returned it: after the fallback to
/// some of the words, `--match any` and `--expand`.
@Suite(.serialized)
struct ExplainCLITests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        try folder.write(
            "corpus.jsonl",
            """
            {"_id": "d1", "title": "Heat transfer", "text": "Heat flows by conduction in the boundary layer."}
            {"_id": "d2", "title": "Wings", "text": "Swept wings reduce drag at high speed."}
            """)
        index = folder.file("idx.db")
        #expect(
            try CLI.run(["index", "corpus.jsonl", "--index", index], cwd: folder.path).status == 0)
    }

    func explain(_ arguments: [String]) throws -> String {
        let run = try CLI.run(
            arguments + ["--index", index, "--explain", "--color", "never"], cwd: folder.path)
        #expect(run.status == 0)
        return run.stdout
    }

    @Test func theFallbackIsExplainedAsItRan() throws {
        let text = try explain(["heat", "zebra"])
        #expect(text.hasPrefix("query:\n  ANY of\n    word \"heat\"\n    word \"zebra\"\n"))
        #expect(text.contains("\nmatch: (\"heat\" OR \"zebra\")\n"))
    }

    @Test func matchAnyIsExplainedAsItRan() throws {
        let text = try explain(["The heat", "--match", "any"])
        #expect(text.hasPrefix("query:\n  word \"heat\"\nmatch: \"heat\"\n"))
    }

    /// Two documents: every word of the one about wings is in half the index, too common to
    /// add, and `--explain` says so.
    @Test func expansionIsExplainedAsItRan() throws {
        let text = try explain(["wings", "--expand"])
        #expect(
            text.contains("\nexpansion: none: the best documents have no rare enough word"),
            "\(text)")
    }
}
