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
        "letter-h.txt": "Harbour letter\n\nThe harbour's sign shows an h.",
        "letter-n.txt": "Harbour mark\n\nThe harbour's flag shows an n.",
        "q.txt": "Harbour code\n\nThe harbour's code is q.",
        "year.txt": "Harbour year\n\nThe harbour in 2024.",
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

    /// Every word that is not one of the search's options is query text, `-h` included when
    /// the search has a query word; the short options that remain are `-l` and `-o`.
    @Test(arguments: [
        ("-oil", "oil.txt"), ("-lion", "lion.txt"), ("-hash", "hash.txt"), ("-h", "letter-h.txt"),
        ("-n", "letter-n.txt"), ("-q", "q.txt"), ("-2024", "year.txt"),
    ])
    func aTypedExclusionExcludes(word: String, excluded: String) throws {
        let (folder, index) = try indexed()
        let lines = Self.documents.count  // the header and every document but one
        for arguments in [["harbour", word], [word, "harbour"], ["search", "harbour", word]] {
            let run = try CLI.run(
                arguments + ["--index", index, "--format", "tsv"], cwd: folder.path)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(run.stdout.split(separator: "\n").count == lines, "\(arguments): \(run.stdout)")
            #expect(!run.stdout.contains("docs/" + excluded), "\(arguments)")
        }
        let terminated = try CLI.run(
            ["--format", "tsv", "harbour", "--", word], cwd: folder.path,
            environment: ["LBSEARCH_INDEX": index])
        #expect(terminated.status == 0, "\(terminated.stderr)")
        #expect(terminated.stdout.split(separator: "\n").count == lines)
        #expect(!terminated.stdout.contains("docs/" + excluded))
    }

    /// `-h` is help only when no query word is present; `--help` always is.
    @Test(arguments: [
        ["-h"], ["search", "-h"], ["index", "-h"], ["status", "-h"], ["--limit", "3", "-h"],
        ["-h", "--index", "x.db"], ["harbour", "--help"], ["--help"], ["index", "docs", "-h"],
    ])
    func helpWithoutQueryWords(arguments: [String]) throws {
        let folder = try TemporaryFolder()
        let run = try CLI.run(arguments, cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("USAGE:"), "\(arguments)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// A query of exclusions only (`-h` beside another exclusion, or after `--`) is the usual
    /// one-line error, and a short option without its value says so.
    @Test(arguments: [
        (["-h", "-n"], "the query only excludes"), (["--", "-h"], "the query only excludes"),
        (["harbour", "-l"], "Missing value for '-l <limit>'"),
        (["harbour", "-o"], "Missing value for '-o <file>'"),
    ])
    func notHelpAndNotAQuery(arguments: [String], message: String) throws {
        let (folder, index) = try indexed()
        let run = try CLI.run(arguments, cwd: folder.path, environment: ["LBSEARCH_INDEX": index])
        #expect(run.status == 2, "\(arguments): \(run.stdout)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("lbsearch: error: \(message)"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
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
        #expect(file.split(separator: "\n").count == Self.documents.count)
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

/// The README names exactly the short flags the commands define, so the list cannot go stale.
struct ShortFlagListTests {
    /// Every `-x` in the `--help` of the root command and of each subcommand.
    static func definedShortFlags(cwd: String) throws -> Set<String> {
        var flags = Set<String>()
        for command in try [[]] + ExampleCommandTests.subcommands(cwd: cwd).map({ [$0] }) {
            let help = try CLI.run(command + ["--help"], cwd: cwd).stdout
            let options = help.components(separatedBy: "\nOPTIONS:\n").last ?? ""
            for line in options.split(separator: "\n") {
                guard line.hasPrefix("  -"), !line.hasPrefix("  --") else { continue }
                flags.insert(String(line.dropFirst(2).prefix(2)))
            }
        }
        return flags
    }

    /// The flags in backquotes in the README's sentence that starts "Short flags:".
    static func documentedShortFlags(readme: String) -> Set<String> {
        let text = readme.replacingOccurrences(of: "\n", with: " ")
        guard let start = text.range(of: "Short flags:") else { return [] }
        let sentence = text[start.upperBound...].prefix(while: { $0 != ";" })
        let quoted = sentence.split(separator: "`", omittingEmptySubsequences: false)
            .enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        return Set(
            quoted.filter { $0.hasPrefix("-") && !$0.hasPrefix("--") }.map { String($0.prefix(2)) })
    }

    @Test func theReadmeListsExactlyTheShortFlags() throws {
        let repository = GoldenOutputTests.repository
        let readme = try String(contentsOfFile: repository + "/README.md", encoding: .utf8)
        let documented = Self.documentedShortFlags(readme: readme)
        let defined = try Self.definedShortFlags(cwd: repository)
        #expect(defined.contains("-l") && defined.contains("-h"), "\(defined)")
        #expect(
            documented == defined, "README: \(documented.sorted()), commands: \(defined.sorted())")
    }
}
