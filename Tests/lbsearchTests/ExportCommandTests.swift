import Foundation
import LBSearchTestSupport
import Testing

/// `lbsearch export`: every document whole, as NDJSON, for another search engine.
@Suite(.serialized)
struct ExportCommandTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        try folder.write(
            "docs/ai-art.md",
            "---\ntitle: AI art today\ndate: 2024-05-01\nsource: Wire\nurl: https://example.org/a\ntags: [ai, art]\n---\n\nA studio uses AI art.\n\nPainters paint key frames."
        )
        try folder.write("docs/notes.txt", "Plain notes\nAbout cel animation.")
        try folder.write(
            "docs/records.jsonl",
            #"{"_id": "k1", "title": "Key frames", "text": "Animators draw key frames."}"#
                + "\n"
                + #"{"_id": "k2", "title": "Bell\u0007 and \"quotes\"", "text": "Tab\there, line\u2028sep, NUL-free \u001b[31mred."}"#
                + "\n")
        try folder.write(
            "docs/more.jsonl", #"{"_id": "k1", "title": "Shared id", "text": "Another k1."}"# + "\n"
        )
        let run = try CLI.run(["index", "docs", "--index", "idx.db"], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
    }

    func export(_ arguments: [String]) throws -> CLI.Run {
        try CLI.run(["export"] + arguments + ["--index", "idx.db"], cwd: folder.path)
    }

    /// The lines of `text`, each parsed as a JSON object.
    static func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func everyDocumentIsOneLineWithItsFieldsInOrder() throws {
        let run = try export([])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("\n"))
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        for line in lines {
            let keys = ["id", "title", "body", "date", "source", "url", "tags", "path", "hash"]
            let positions = keys.compactMap { line.range(of: "\"\($0)\":")?.lowerBound }
            #expect(positions.count == keys.count && positions == positions.sorted(), "\(line)")
        }
        let objects = try Self.objects(run.stdout)
        let ids = objects.compactMap { $0["id"] as? String }.sorted()
        #expect(
            ids == [
                "docs/ai-art.md", "docs/more.jsonl#k1", "docs/notes.txt", "docs/records.jsonl#k1",
                "k2",
            ])
        let art = try #require(objects.first { $0["id"] as? String == "docs/ai-art.md" })
        #expect(art["date"] as? String == "2024-05-01" && art["source"] as? String == "Wire")
        #expect(art["tags"] as? [String] == ["ai", "art"])
        let notes = try #require(objects.first { $0["id"] as? String == "docs/notes.txt" })
        #expect(notes["date"] is NSNull && notes["tags"] as? [String] == [])
    }

    /// Control characters are escaped, never dropped: the text reads back exactly.
    @Test func controlCharactersAreEscaped() throws {
        let run = try export([])
        #expect(run.stdout.contains(#""title":"Bell\u0007 and \"quotes\"""#))
        #expect(run.stdout.contains(#"line\u2028sep"#))
        let k2 = try #require(try Self.objects(run.stdout).first { $0["id"] as? String == "k2" })
        #expect(k2["body"] as? String == "Tab\there, line\u{2028}sep, NUL-free \u{1B}[31mred.")
    }

    /// Each exported document is what `show --format json` reads for its id.
    @Test func fieldsAreWhatShowReads() throws {
        for object in try Self.objects(try export([]).stdout) {
            let id = try #require(object["id"] as? String)
            let show = try CLI.run(
                ["show", id, "--format", "json", "--index", "idx.db"], cwd: folder.path)
            let shown = try #require(try Self.objects(show.stdout).first)
            #expect(shown["id"] as? String == id)
            #expect(shown["text"] as? String == object["body"] as? String)
            for key in ["path", "date", "source", "url", "tags"] {
                #expect(
                    (shown[key] as? NSObject) == (object[key] as? NSObject), "\(id) \(key)")
            }
        }
    }

    @Test func outputFileAndCheckpoint() throws {
        let run = try export(["-o", "all.ndjson", "--checkpoint", "sync.run"])
        #expect(run.status == 0 && run.stdout.isEmpty, "\(run.stderr)")
        let written = try String(contentsOfFile: folder.file("all.ndjson"), encoding: .utf8)
        #expect(written == (try export([])).stdout)
        let checkpoint = try String(contentsOfFile: folder.file("sync.run"), encoding: .utf8)
        #expect(checkpoint == "1\n")
    }
}
