import Foundation
import LBSearchTestSupport
import Testing

/// `lbsearch export` writes a body whole whatever characters it holds: a NUL is escaped as
/// `\u0000` like any control character, and the text after it is not dropped.
@Suite(.serialized)
struct ExportControlCharacterTests {
    @Test func aBodyWithNULIsExportedWhole() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "docs/odd.jsonl",
            #"{"_id": "n1", "title": "Odd text", "text": "before \u0000 after, \u007f and \u0085 end"}"#
                + "\n")
        let index = try CLI.run(["index", "docs", "--index", "idx.db"], cwd: folder.path)
        #expect(index.status == 0, "\(index.stderr)")

        let run = try CLI.run(["export", "--index", "idx.db"], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#"before \u0000 after"#))
        let bodies = try run.stdout.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require((object as? [String: Any])?["body"] as? String)
        }
        #expect(bodies == ["before \u{0} after, \u{7f} and \u{85} end"], "\(bodies)")
    }
}
