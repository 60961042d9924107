import Foundation
import LBSearchTestSupport
import Testing

/// `scripts/nightly-reindex.sh --export-to DIR` under cron's bare environment: each run's
/// changes as `DIR/changes-RUN.ndjson`, through a checkpoint kept in DIR.
@Suite(.serialized)
struct NightlyExportTests {
    func cron(_ arguments: [String]) throws -> CLI.Run {
        try CLI.run(
            [
                "-i", "PATH=/usr/bin:/bin", "LBSEARCH_BIN=\(CLI.binary.path)",
                NightlyScriptTests.script,
            ]
                + arguments, cwd: "/", executable: "/usr/bin/env")
    }

    @Test func eachRunWritesItsChangesBesideTheLog() throws {
        let folder = try TemporaryFolder()
        try folder.write("news/a.txt", "Alpha\n\nwords")
        try folder.write("sync/.keep", "")
        let index = folder.file("news/.lbsearch/index.db")
        let arguments = ["--index", index, "--export-to", folder.file("sync"), folder.file("news")]
        let first = try cron(arguments)
        #expect(first.status == 0 && first.stderr.isEmpty, "\(first.stderr)")
        let full = try String(
            contentsOfFile: folder.file("sync/changes-00000001.ndjson"), encoding: .utf8)
        #expect(full.hasPrefix(#"{"id":"a.txt","title":"Alpha""#))
        try FileManager.default.removeItem(atPath: folder.file("news/a.txt"))
        try folder.write("news/b.txt", "Beta\n\nmore")
        #expect(try cron(arguments).status == 0)
        let changes = try String(
            contentsOfFile: folder.file("sync/changes-00000002.ndjson"), encoding: .utf8)
        #expect(changes.hasPrefix(#"{"id":"a.txt","deleted":true}"# + "\n{\"id\":\"b.txt\""))
        #expect(
            try String(contentsOfFile: folder.file("sync/export.checkpoint"), encoding: .utf8)
                == "2\n")
        let log = try String(contentsOfFile: index + ".log", encoding: .utf8)
        #expect(
            log.contains(
                "export index=\(index) file=\(folder.file("sync/changes-00000002.ndjson")) lines=2")
        )
    }

    /// After `--full` the export fails and says what to do; the checkpoint stays.
    @Test func anExportThatCannotBeExactFails() throws {
        let folder = try TemporaryFolder()
        try folder.write("news/a.txt", "Alpha\n\nwords")
        try folder.write("sync/.keep", "")
        let index = folder.file("idx.db")
        let sync = ["--export-to", folder.file("sync")]
        #expect(try cron(["--index", index] + sync + [folder.file("news")]).status == 0)
        let run = try cron(["--index", index, "--full"] + sync)
        #expect(run.status == 2)
        #expect(run.stderr.contains("FAILED export index=\(index) status=2"))
        #expect(run.stderr.contains("do a full export"))
        #expect(
            try String(contentsOfFile: folder.file("sync/export.checkpoint"), encoding: .utf8)
                == "1\n")
        let bad = try cron(["--index", index, "--export-to", folder.file("none")])
        #expect(bad.status == 2 && bad.stderr.contains("is not a folder"))
    }
}
