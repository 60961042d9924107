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
}
