import Foundation
import LBSearchTestSupport
import Testing

/// `-word` on the command line is an exclusion even when ArgumentParser would read it as
/// short options (`-oil` as `-o il`, `-lion` as `-l ion`, `-hash` as help).
struct ExclusionArgumentTests {
    static let documents = [
        "oil.txt": "Harbour oil\n\nThe harbour ships oil.",
        "lion.txt": "Harbour lion\n\nA lion statue at the harbour.",
        "hash.txt": "Harbour hash\n\nA hash of the harbour records.",
        "plain.txt": "Harbour plain\n\nThe harbour at dawn.",
    ]

    func indexed() throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        for (name, text) in Self.documents { _ = try folder.write("docs/\(name)", text) }
        let index = folder.file("index.db")
        let run = try CLI.run(["index", "docs", "--index", index], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        return (folder, index)
    }

    @Test(arguments: [("-oil", "oil.txt"), ("-lion", "lion.txt"), ("-hash", "hash.txt")])
    func aTypedExclusionExcludes(word: String, excluded: String) throws {
        let (folder, index) = try indexed()
        for arguments in [["harbour", word], [word, "harbour"]] {
            let run = try CLI.run(
                arguments + ["--index", index, "--format", "tsv"], cwd: folder.path)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(run.stdout.split(separator: "\n").count == 4, "\(arguments): \(run.stdout)")
            #expect(!run.stdout.contains(excluded), "\(arguments)")
        }
    }

    @Test func optionsAndTheirValuesStillWork() throws {
        let (folder, index) = try indexed()
        let limited = try CLI.run(
            ["harbour", "-l", "1", "--index", index, "--format", "tsv"], cwd: folder.path)
        #expect(limited.stdout.split(separator: "\n").count == 2)
        let written = try CLI.run(
            ["harbour", "-oil", "-o", "hits.tsv", "--index", index, "--format", "tsv"],
            cwd: folder.path)
        #expect(written.status == 0, "\(written.stderr)")
        let file = try String(contentsOfFile: folder.file("hits.tsv"), encoding: .utf8)
        #expect(file.split(separator: "\n").count == 4)
        let help = try CLI.run(["harbour", "-h"], cwd: folder.path)
        #expect(help.status == 0 && help.stdout.contains("Query syntax"))
        let index2 = try CLI.run(["index", "-dash.txt", "--index", index], cwd: folder.path)
        #expect(index2.status == 2)
    }
}

/// A negative number for a numeric option is refused by that option's own check, not with
/// ArgumentParser's "Missing value" (it reads `-1` as an option).
struct NegativeNumberArgumentTests {
    static let cases: [([String], String)] = [
        (["art", "--limit", "-1"], "--limit must be between 1 and 10000"),
        (["art", "-l", "-5"], "--limit must be between 1 and 10000"),
        (["art", "--offset", "-5"], "--offset must be 0 or more"),
        (["art", "--timeout", "-1"], "--timeout must be 0 (no limit) or more seconds"),
        (["art", "--timeout", "-inf"], "--timeout must be 0 (no limit) or more seconds"),
        (["art", "--fragments", "-2"], "--fragments must be between 1 and 10"),
        (["index", "--wait", "-1"], "--wait must be 0 or more seconds"),
        (["doctor", "--repair", "--wait", "-1"], "--wait must be 0 or more seconds"),
        (["doctor", "--wait=-1"], "--wait must be 0 or more seconds"),
    ]

    @Test(arguments: cases)
    func aNegativeNumberIsCheckedByItsOption(arguments: [String], message: String) throws {
        let folder = try TemporaryFolder()
        let run = try CLI.run(arguments + ["--index", folder.file("none.db")], cwd: folder.path)
        #expect(run.status == 2)
        #expect(run.stderr == "lbsearch: error: \(message) (see 'lbsearch --help')\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
