import Foundation
import LBSearchTestSupport
import Testing

/// `lbsearch batch` and `lbsearch --explain`, run as a user would.
@Suite(.serialized)
struct BatchCLITests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        try folder.write(
            "corpus.jsonl",
            """
            {"_id": "d1", "title": "Heat transfer", "text": "Heat flows by conduction in the boundary layer."}
            {"_id": "d2", "title": "Wings", "text": "Swept wings reduce drag at high speed."}
            {"_id": "d3", "title": "Boundary layer", "text": "Heat in the boundary layer of a plate."}
            """)
        try folder.write(
            "queries.jsonl",
            """
            {"_id": "q1", "text": "What is the heat transfer in a boundary-layer?"}
            {"_id": "q2", "text": "((( - * )))"}
            {"_id": "q3", "text": "drag of swept wings"}
            """)
        index = folder.file("idx.db")
        #expect(
            try CLI.run(["index", "corpus.jsonl", "--index", index], cwd: folder.path).status == 0)
    }

    @Test func printsATRECRunThroughTheNormalParser() throws {
        let run = try CLI.run(
            [
                "batch", "--index", index, "--queries", "queries.jsonl", "--limit", "2", "--tag",
                "t1",
            ], cwd: folder.path)
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map {
            $0.split(separator: " ").map(String.init)
        }
        #expect(lines.map { $0[0] } == ["q1", "q1", "q3"])
        #expect(
            lines.allSatisfy {
                $0.count == 6 && $0[1] == "Q0" && $0[5] == "t1" && Double($0[4]) != nil
            })
        #expect(lines.map { $0[3] } == ["1", "2", "1"])
        #expect(lines[2][2] == "d2")
    }

    @Test func explainPrintsATreeUnderEachHit() throws {
        let run = try CLI.run(
            ["heat", "boundary", "--index", index, "--explain", "--color", "never"],
            cwd: folder.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("  score"))
        #expect(run.stdout.contains("bm25f"))
        #expect(run.stdout.contains("\"heat\"  (idf"))
        #expect(run.stdout.contains("proximity"))
    }

    /// The queries can come from a pipe: `/dev/stdin` or a process substitution, whose size
    /// is unknown until they end.
    @Test func queriesAreReadFromAPipe() throws {
        let binary = CLI.binary.path
        let file = try CLI.run(
            ["batch", "--index", index, "--queries", "queries.jsonl"], cwd: folder.path)
        for command in [
            "cat queries.jsonl | '\(binary)' batch --index '\(index)' --queries /dev/stdin",
            "'\(binary)' batch --index '\(index)' --queries <(cat queries.jsonl)",
        ] {
            let run = try CLI.run(["-c", command], cwd: folder.path, executable: "/bin/bash")
            #expect(run.status == 0 && run.stderr == file.stderr, "\(command): \(run.stderr)")
            #expect(run.stdout == file.stdout && !run.stdout.isEmpty, "\(command)")
        }
    }

    /// A folder or a missing file says why it cannot be read, in one line with exit 2.
    @Test(arguments: [(".", "Is a directory"), ("missing.jsonl", "No such file or directory")])
    func anUnreadableQueriesFileSaysWhy(path: String, reason: String) throws {
        let run = try CLI.run(
            ["batch", "--index", index, "--queries", path], cwd: folder.path)
        #expect(run.status == 2 && run.stdout.isEmpty)
        #expect(run.stderr == "lbsearch: error: cannot read \(path): \(reason)\n")
    }
}
