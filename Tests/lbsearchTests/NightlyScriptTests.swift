import Foundation
import LBSearchTestSupport
import Testing

/// `scripts/nightly-reindex.sh` as cron runs it: `env -i`, a minimal PATH, no HOME, no TTY.
@Suite(.serialized)
struct NightlyScriptTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/nightly-reindex.sh").path

    /// Runs `script arguments` under `env -i PATH=/usr/bin:/bin` plus `environment`, from `/`.
    func cron(_ script: String, _ arguments: [String], _ environment: [String] = []) throws
        -> CLI.Run
    {
        try CLI.run(
            ["-i", "PATH=/usr/bin:/bin"] + environment + [script] + arguments, cwd: "/",
            executable: "/usr/bin/env")
    }

    static let line = #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} "#

    @Test func logsOneLinePerRunAndIsSilentWhenAllIsWell() throws {
        let folder = try TemporaryFolder()
        try folder.write("news/a.txt", "Alpha\n\nwords")
        try folder.write("news/b.md", "# Beta\n\nmore words")
        let (index, log) = (folder.file("idx/index.db"), folder.file("nightly.log"))
        let bin = "LBSEARCH_BIN=\(CLI.binary.path)"
        let first = try cron(
            Self.script, ["--index", index, "--log", log, folder.file("news")], [bin])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty && first.stderr.isEmpty)
        let second = try cron(
            Self.script, [], [bin, "LBSEARCH_INDEX=\(index)", "LBSEARCH_LOG=\(log)"])
        #expect(second.status == 0, "\(second.stderr)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(
            String.init)
        #expect(lines.count == 2)
        let okLine = try Regex(Self.line + "ok index=\(index) ")
        #expect(lines.allSatisfy { $0.contains(okLine) }, "\(lines)")
        #expect(
            lines[0].contains(
                " added=2 updated=0 moved=0 removed=0 unchanged=0 skipped=0 tokenized=2 seconds="))
        #expect(
            lines[1].contains(
                " added=0 updated=0 moved=0 removed=0 unchanged=2 skipped=0 tokenized=0 seconds="))
    }

    @Test func aFailureIsLoggedPrintedAndNonZero() throws {
        let folder = try TemporaryFolder()
        let (index, log) = (folder.file("index.db"), folder.file("nightly.log"))
        let run = try cron(
            Self.script, ["--index", index, "--log", log, folder.file("missing")],
            ["LBSEARCH_BIN=\(CLI.binary.path)"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("lbsearch: error: \(folder.file("missing")) does not exist"))
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix("FAILED index=\(index) status=2"))
        #expect(lines[1].contains("lbsearch: error: "))
        let noIndex = try cron(
            Self.script, [folder.file("news")], ["LBSEARCH_BIN=\(CLI.binary.path)"])
        #expect(noIndex.status == 2)
        #expect(noIndex.stderr.contains("no index given"))
    }

    /// Without LBSEARCH_BIN the script finds the binary in the repository's build folder.
    @Test func findsTheBinaryInTheBuildFolder() throws {
        let repo = try TemporaryFolder()
        try FileManager.default.createDirectory(
            atPath: repo.file("scripts"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: repo.file(".build/debug"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Self.script, toPath: repo.file("scripts/nightly-reindex.sh"))
        try FileManager.default.createSymbolicLink(
            atPath: repo.file(".build/debug/lbsearch"), withDestinationPath: CLI.binary.path)
        try repo.write("news/a.txt", "Alpha\n\nwords")
        let run = try cron(
            repo.file("scripts/nightly-reindex.sh"),
            ["--index", repo.file("index.db"), repo.file("news")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            try String(contentsOfFile: repo.file("index.db.log"), encoding: .utf8).contains(
                " ok index="))
    }
}

extension NightlyScriptTests {
    /// A root that vanished: the other roots are updated, the log says PARTIAL with the
    /// warning, cron gets mail (stderr, exit 3).
    @Test func aVanishedRootIsLoggedAsPartialAndNonZero() throws {
        let folder = try TemporaryFolder()
        try folder.write("news/a.txt", "Alpha\n\nwords")
        try folder.write("share/b.txt", "Beta\n\nwords")
        let (index, log) = (folder.file("index.db"), folder.file("nightly.log"))
        let bin = "LBSEARCH_BIN=\(CLI.binary.path)"
        #expect(
            try cron(
                Self.script,
                ["--index", index, "--log", log, folder.file("news"), folder.file("share")], [bin]
            ).status == 0)
        try FileManager.default.removeItem(atPath: folder.file("share"))
        let run = try cron(Self.script, ["--index", index, "--log", log], [bin])
        #expect(run.status == 3)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(
            String.init)
        #expect(lines.count == 3, "\(lines)")
        #expect(
            lines[1].contains(try Regex(Self.line + "PARTIAL index=\(index) added=0 updated=0 ")))
        #expect(lines[1].contains(" tokenized=0 seconds=") && !lines[1].contains("unavailable"))
        #expect(lines[2].contains("lbsearch: warning: root \(folder.file("share")) is missing"))
        #expect(run.stderr.contains("PARTIAL index="))
    }
}
