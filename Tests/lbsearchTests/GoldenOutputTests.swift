import Foundation
import LBSearchTestSupport
import Testing

/// What a user sees on the bundled corpus, as golden files in Snapshots/ (RECORD_SNAPSHOTS=1
/// re-records them; review the diff like code).
@Suite(.serialized)
struct GoldenOutputTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        index = folder.file("corpus.db")
        let run = try CLI.run(["index", "corpus", "--index", index], cwd: Self.repository)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test(arguments: [
        ("ai-art.txt", ["AI art"]),
        ("anime-or-manga.txt", ["anime OR manga", "--limit", "3"]),
        ("key-frames.txt", ["\"key frames\"", "--fragments", "1"]),
        ("title-art-by-date.txt", ["title:art", "--sort", "date", "--limit", "4"]),
        ("ai-art.csv", ["AI art", "--format", "csv", "--limit", "3"]),
        ("explain.txt", ["(anime OR manga) -AI date:2020..2024", "--explain", "--limit", "2"]),
        ("anime-ja.txt", ["アニメ", "--limit", "3"]),
    ])
    func output(name: String, arguments: [String]) throws {
        let run = try CLI.run(
            arguments + ["--index", index, "--color", "never"], cwd: Self.repository)
        #expect(run.status == 0, "\(run.stderr)")
        if let mismatch = goldenMismatch(run.stdout, named: name) {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    @Test func helpText() throws {
        let run = try CLI.run(
            ["search", "--help"], cwd: Self.repository, environment: ["COLUMNS": "100"])
        if let mismatch = goldenMismatch(run.stdout, named: "search-help.txt") {
            Issue.record(Comment(rawValue: mismatch))
        }
    }
}
