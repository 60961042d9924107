import Foundation
import LBSearchTestSupport
import Testing

/// Checks `scripts/gen-corpus`, the synthetic corpus of `scripts/bench`.
///
/// Deterministic from its seed, laid out as documented, and indexable. Counts and bytes only;
/// benchmarks do the timing.
struct GenCorpusScriptTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/gen-corpus").path

    /// Whether `python3` is on the PATH (the script needs it; without it the tests skip).
    static var hasPython: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/python3")
        }
    }

    /// Runs the generator into `out` with `arguments`; its exit status must be 0.
    func generate(_ out: String, _ arguments: [String]) throws {
        let run = try CLI.run(
            ["--out", out] + arguments, cwd: "/", executable: Self.script)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("documents"), "it prints its throughput")
    }

    /// Every file under `root` by relative path, with its bytes.
    func contents(of root: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let paths = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
        for path in paths {
            var isFolder: ObjCBool = false
            let full = "\(root)/\(path)"
            if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder),
                !isFolder.boolValue
            {
                result[path] = try Data(contentsOf: URL(fileURLWithPath: full))
            }
        }
        return result
    }

    @Test func theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws {
        guard Self.hasPython else {
            print("skipped: scripts/gen-corpus needs python3")
            return
        }
        let folder = try TemporaryFolder()
        let options = ["--docs", "60", "--per-folder", "25", "--per-jsonl", "40", "--ja", "0.2"]
        try generate(folder.file("a"), options + ["--seed", "5"])
        try generate(folder.file("b"), options + ["--seed", "5"])
        try generate(folder.file("c"), options + ["--seed", "6"])
        let (a, b, c) = try (
            contents(of: folder.file("a")), contents(of: folder.file("b")),
            contents(of: folder.file("c"))
        )
        #expect(a.count == 60 + 2)
        #expect(a == b)
        #expect(Set(a.keys) == Set(c.keys))
        #expect(a.filter { c[$0.key] == $0.value }.isEmpty)
    }

    @Test func filesAndJSONLHoldTheSameDocumentsAndLbsearchIndexesBoth() throws {
        guard Self.hasPython else {
            print("skipped: scripts/gen-corpus needs python3")
            return
        }
        let folder = try TemporaryFolder()
        try generate(
            folder.file("gen"), ["--docs", "30", "--per-folder", "10", "--per-jsonl", "20"])
        let files = try contents(of: folder.file("gen/files"))
        #expect(files.keys.sorted().first == "0000/0000000.md")
        #expect(Set(files.keys.map { $0.prefix(4) }) == ["0000", "0001", "0002"])
        let jsonl = try contents(of: folder.file("gen/jsonl"))
        #expect(jsonl.keys.sorted() == ["part-0000.jsonl", "part-0001.jsonl"])
        let lines = jsonl.values.map { String(decoding: $0, as: UTF8.self) }
            .flatMap { $0.split(separator: "\n") }
        #expect(lines.count == 30)
        for variant in ["files", "jsonl"] {
            let index = folder.file("\(variant).db")
            let run = try CLI.run(
                ["index", folder.file("gen/\(variant)"), "--index", index, "--json", "--quiet"],
                cwd: folder.path)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains(#""added":30"#), "\(run.stdout)")
        }
    }
}
