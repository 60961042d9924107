import Foundation
import LBSearchTestSupport
import Testing

/// Ids are unique per index: a JSONL `_id` shared by two files, or naming a file document,
/// is qualified with its file (`PATH#_id`); unique ones stay as they are.
@Suite(.serialized)
struct DocumentIDTests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        try folder.write(
            "docs/a.jsonl",
            """
            {"_id": "1", "title": "One", "text": "zebra one"}
            {"_id": "u", "title": "Unique", "text": "zebra unique"}
            {"_id": "docs/n.txt", "title": "Clash", "text": "zebra path"}

            """)
        try folder.write(
            "docs/b.jsonl",
            "{\"_id\": \"1\", \"title\": \"Other one\", \"text\": \"zebra other\"}\n")
        try folder.write("docs/n.txt", "Note\n\nzebra note")
        index = folder.file("idx.db")
        #expect(try CLI.run(["index", "docs", "--index", index], cwd: folder.path).status == 0)
    }

    @Test func sharedIdsAreQualifiedWithTheirFile() throws {
        let run = try CLI.run(["zebra", "--index", index, "--format", "tsv"], cwd: folder.path)
        let ids = run.stdout.split(separator: "\n").dropFirst().map {
            String($0.split(separator: "\t")[2])
        }
        #expect(
            ids.sorted() == [
                "docs/a.jsonl#1", "docs/a.jsonl#docs/n.txt", "docs/b.jsonl#1", "docs/n.txt", "u",
            ])
    }

    @Test func aTRECRunHasEachIdOnce() throws {
        let queries = try folder.write("q.jsonl", "{\"_id\": \"q1\", \"text\": \"zebra\"}\n")
        let run = try CLI.run(["batch", "--index", index, "--queries", queries], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let ids = run.stdout.split(separator: "\n").map { $0.split(separator: " ")[2] }
        #expect(ids.count == 5)
        #expect(Set(ids).count == 5)
        #expect(ids.contains("u"))
    }
}
