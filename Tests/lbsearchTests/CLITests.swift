import Foundation
import LBSearchTestSupport
import Testing

/// The built `lbsearch` binary, run as a user would.
struct CLI {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent("lbsearch")
    }

    static func run(
        _ arguments: [String], cwd: String, environment: [String: String] = [:],
        executable: String? = nil
    ) throws -> Run {
        let process = Process()
        process.executableURL = executable.map(URL.init(fileURLWithPath:)) ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var env = ProcessInfo.processInfo.environment
        env["LBSEARCH_INDEX"] = nil
        env["NO_COLOR"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A new folder holding `files` generated documents in `corpus/`, indexed by the binary
    /// into `idx.db` there; the folder and the index path.
    static func indexedCorpus(_ files: Int) throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        try GeneratedCorpus.write(files, into: folder)
        let index = folder.file("idx.db")
        let run = try run(["index", "corpus", "--index", index], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        return (folder, index)
    }
}

@Suite(.serialized)
struct CLITests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        try folder.write(
            "docs/ai-art.md",
            "---\ntitle: AI art today\ndate: 2024-05-01\nsource: Wire\n---\n\nA studio uses AI art for backgrounds."
        )
        try folder.write(
            "docs/art.txt", "Title: Gallery art\nDate: 2023-01-01\n\nA show of painted art.")
        try folder.write(
            "docs/bad.jsonl", "{\"_id\": \"1\", \"text\": \"record one about chips\"}\n{oops\n")
        index = folder.file("idx.db")
        let run = try CLI.run(["index", "docs", "--index", index], cwd: folder.path)
        #expect(run.status == 0)
    }

    @Test func indexReportsSkipsWithLineNumbersAndOneSummary() throws {
        let run = try CLI.run(["index", "--index", index], cwd: folder.path)
        #expect(run.status == 0)
        #expect(
            run.stdout.hasPrefix(
                "indexed: 0 added, 0 updated, 0 moved, 0 removed, 3 unchanged, 0 skipped"))
        let first = try CLI.run(
            ["index", "docs", "--index", folder.file("fresh.db"), "--json"], cwd: folder.path)
        #expect(first.stderr.contains("bad.jsonl:2: not valid JSON"))
        let json = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        #expect(json?["added"] as? Int == 3)
        #expect(json?["skipped"] as? Int == 1)
    }

    @Test func searchIsTheDefaultCommandAndExitsLikeGrep() throws {
        let found = try CLI.run(["AI", "art", "--index", index], cwd: folder.path)
        #expect(found.status == 0)
        #expect(
            found.stdout.hasPrefix("1. [AI] [art] today\n   2024-05-01 · Wire · docs/ai-art.md\n"))
        #expect(!found.stdout.contains("\u{1B}"))
        let explicit = try CLI.run(["search", "AI art", "--index", index], cwd: folder.path)
        #expect(explicit.stdout == found.stdout)
        let none = try CLI.run(["zebra", "--index", index], cwd: folder.path)
        #expect(none.status == 1)
        #expect(none.stdout.isEmpty)
    }

    @Test(arguments: [
        ["--limit", "0", "art"], ["--format", "xml", "art"], ["--bogus", "art"],
        ["art", "--color", "sometimes"], ["-", "*"],
    ])
    func usageErrorsAreOneLineAndExitTwo(arguments: [String]) throws {
        let run = try CLI.run(arguments + ["--index", index], cwd: folder.path)
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("lbsearch: error: "))
    }

    @Test func indexProblemsAreOneLineErrors() throws {
        try folder.write("garbage.db", String(repeating: "garbage ", count: 1000))
        for path in [folder.file("missing.db"), folder.file("garbage.db")] {
            let run = try CLI.run(["art", "--index", path], cwd: folder.path)
            #expect(run.status == 2)
            #expect(run.stderr.split(separator: "\n").count == 1)
            #expect(!run.stderr.lowercased().contains("sqlite"))
        }
    }

    @Test func csvExportToAFileAndUnwritableOutput() throws {
        let out = folder.file("hits.csv")
        let run = try CLI.run(
            ["art", "--index", index, "--format", "csv", "-o", out], cwd: folder.path)
        #expect(run.status == 0)
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        #expect(csv.hasPrefix("rank,score,id,title,date,source,path,snippet\r\n1,"))
        let bad = try CLI.run(
            ["art", "--index", index, "--format", "csv", "-o", "/no/such/dir/hits.csv"],
            cwd: folder.path)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("lbsearch: error: cannot write /no/such/dir/hits.csv"))
    }

    @Test func colourOnlyWhenAskedOrOnATerminal() throws {
        let always = try CLI.run(["art", "--index", index, "--color", "always"], cwd: folder.path)
        #expect(always.stdout.contains("\u{1B}[1;31m"))
        let noColor = try CLI.run(
            ["art", "--index", index], cwd: folder.path, environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}"))
    }

    @Test func jsonlHasOneObjectPerHit() throws {
        let run = try CLI.run(["art", "--index", index, "--format", "jsonl"], cwd: folder.path)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["snippet"] is String)
        }
    }

    /// A folder that looks like an lbsearch checkout: `Package.swift` naming the package, and
    /// the repository's `corpus/` beside it.
    static func checkout() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(
            "Package.swift",
            "// swift-tools-version:6.1\nlet package = Package(\n    name: \"lbsearch\",\n)\n")
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("corpus"),
            withDestinationPath: repository.appendingPathComponent("corpus").path)
        return folder
    }

    @Test func firstSearchInACheckoutIndexesTheBundledCorpus() throws {
        let checkout = try Self.checkout()
        let run = try CLI.run(["AI art"], cwd: checkout.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("indexing the sample corpus"))
        #expect(run.stdout.hasPrefix("1. "))
        #expect(FileManager.default.fileExists(atPath: checkout.file(".lbsearch/index.db")))
        let again = try CLI.run(["AI art"], cwd: checkout.path)
        #expect(!again.stderr.contains("indexing"))
    }

    /// Anywhere else, a search without an index says so in one line and creates nothing.
    @Test(arguments: [[], ["--format", "json"]])
    func aSearchWithoutAnIndexBuildsNothing(options: [String]) throws {
        let empty = try TemporaryFolder()
        let run = try CLI.run(["AI art"] + options, cwd: empty.path)
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "lbsearch: error: no index at \(empty.file(".lbsearch/index.db")); build one with 'lbsearch index FOLDER'\n"
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.path).isEmpty)
    }

    @Test func firstSearchesStartedTogetherAllFindTheSampleCorpus() async throws {
        let checkout = try Self.checkout()
        let runs = try await withThrowingTaskGroup(of: (Int32, String).self) { group in
            for _ in 0..<5 {
                group.addTask {
                    let run = try CLI.run(["AI art", "--limit", "1"], cwd: checkout.path)
                    return (run.status, run.stderr)
                }
            }
            return try await group.reduce(into: [(Int32, String)]()) { $0.append($1) }
        }
        // A failure names what the failing search said, so a rare race can be told apart.
        #expect(
            runs.map(\.0) == [0, 0, 0, 0, 0], "\(runs.map(\.1).filter { $0.contains("error") })")
    }

    @Test func helpTeachesAndExitsZero() throws {
        let run = try CLI.run(["--help"], cwd: folder.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("lbsearch index"))
        let search = try CLI.run(["search", "--help"], cwd: folder.path)
        #expect(search.stdout.contains("--format"))
    }
}
