import Foundation
import LBSearchTestSupport
import Testing

/// Odd inputs a new user (or a script with an unset variable) gives: one line on stderr, exit
/// status 2, nothing written and the index left as it was.
@Suite(.serialized)
struct HostileInputTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("docs/a.txt", "Alpha\n\nfirst text about art")
        #expect(try lbsearch(["index", "docs"]).status == 0)
    }

    func lbsearch(_ arguments: [String]) throws -> CLI.Run {
        try CLI.run(arguments + ["--index", "idx.db"], cwd: folder.path)
    }

    /// An empty path (`lbsearch index "$DIR"` with DIR unset) is refused, never read as the
    /// current folder: that would index everything under it.
    @Test(arguments: [
        (["index", ""], "a folder or file to index is an empty path"),
        (["index", "--forget", ""], "--forget is an empty path"),
        (["art", "-o", ""], "--output is an empty path"),
        (["art", "--format", "csv", "--output", ""], "--output is an empty path"),
        (["export", "-o", ""], "--output is an empty path"),
        (["export", "--checkpoint", ""], "--checkpoint is an empty path"),
        (["batch", "--queries", ""], "--queries is an empty path"),
    ])
    func anEmptyPathIsRefused(arguments: [String], message: String) throws {
        try folder.write("stray.txt", "Stray\n\na file in the working folder about art")
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.file("idx.db")))
        let run = try lbsearch(arguments)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("lbsearch: error: \(message) (an unset shell variable?)"))
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        let after = try Data(contentsOf: URL(fileURLWithPath: folder.file("idx.db")))
        #expect(before == after)
    }

    /// `--index ""` is refused for every command, never read as the default index.
    @Test(arguments: [["art"], ["status"], ["index", "docs"], ["doctor"], ["export"]])
    func anEmptyIndexPathIsRefused(arguments: [String]) throws {
        let run = try CLI.run(arguments + ["--index", ""], cwd: folder.path)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.hasPrefix(
                "lbsearch: error: --index is an empty path (an unset shell variable?)"))
        #expect(!FileManager.default.fileExists(atPath: folder.file(".lbsearch")))
    }

    /// A device or named pipe as the index is named for what it is, for every command.
    @Test(arguments: [["art"], ["status"], ["index", "docs"], ["doctor"], ["export"]])
    func aDeviceIsNotAnIndex(arguments: [String]) throws {
        let run = try CLI.run(arguments + ["--index", "/dev/null"], cwd: folder.path)
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "lbsearch: error: cannot open the index at /dev/null: it is a device, not a file; name a file with --index\n"
        )
    }

    /// A date range that starts after it ends would find nothing: it is an error naming the
    /// filter as typed, in a search and in every query of a batch.
    @Test(arguments: [
        ("art date:2024..2023", "date:2024..2023 starts after it ends"),
        ("art date:2024-03-02..2024-03-01", "date:2024-03-02..2024-03-01 starts after it ends"),
        ("art date:2024-04..2024-03", "put the earlier date first: date:2024-03..2024-04"),
    ])
    func aReversedDateRangeIsOneLine(query: String, message: String) throws {
        let run = try lbsearch([query])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("lbsearch: error: "))
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }

    /// A named pipe among the files is reported and counted, and never opened: nobody writes
    /// to it, so opening it would stop the run for good.
    @Test(arguments: [["index", "pipes"], ["index", "pipes/pipe.txt"]])
    func aNamedPipeIsASkippedFile(arguments: [String]) throws {
        try folder.write("pipes/b.txt", "Beta\n\nsecond text about art")
        #expect(mkfifo(folder.file("pipes/pipe.txt"), 0o600) == 0)
        let run = try lbsearch(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "lbsearch: skipped \(folder.file("pipes/pipe.txt")): a named pipe, not a file"),
            "\(run.stderr)")
        #expect(run.stdout.contains(" 1 skipped"), "\(run.stdout)")
    }

    /// An output or checkpoint file named by one character is written like any other (it
    /// stopped the program with an illegal instruction), through a link named so too.
    @Test(arguments: [
        (["art", "-o", "a"], "a"), (["art", "--format", "csv", "-o", "b"], "b"),
        (["export", "-o", "c"], "c"), (["export", "--checkpoint", "k"], "k"),
        (["art", "-o", "l"], "linked.txt"),
    ])
    func aOneCharacterOutputNameIsAFile(arguments: [String], written: String) throws {
        #expect(symlink("linked.txt", folder.file("l")) == 0)
        let run = try lbsearch(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: folder.file(written), encoding: .utf8)
        #expect(!text.isEmpty)
    }

    /// `-o -` is standard output for an export as for a search, never a file named `-`.
    @Test(arguments: [
        ["art", "-o", "-"], ["export", "-o", "-"], ["export", "--format", "bulk", "-o", "-"],
    ])
    func aDashOutputIsStandardOutput(arguments: [String]) throws {
        let run = try lbsearch(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("art"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("-")))
    }
}

/// A process allowed very few open files (`ulimit -n`): a command raises its soft limit to the
/// hard one, and refuses to start with one line when even that is too low, instead of failing
/// part-way or being stopped by the thread pool (signal 4, no message).
@Suite(.serialized)
struct OpenFileLimitTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("docs/a.txt", "Alpha\n\nfirst text about art")
        try folder.write("docs/b.txt", "Beta\n\nsecond text about art")
    }

    /// Runs lbsearch under `sh -c 'ulimit LIMIT && exec lbsearch ...'`.
    func lbsearch(limit: String, _ arguments: [String]) throws -> CLI.Run {
        try CLI.run(
            ["-c", "ulimit \(limit) && exec \"$0\" \"$@\"", CLI.binary.path]
                + arguments + ["--index", "idx.db"],
            cwd: folder.path, executable: "/bin/sh")
    }

    @Test(arguments: [["index", "docs"], ["art"], ["status"], ["doctor"], ["export"]])
    func aHardLimitTooLowIsOneLine(arguments: [String]) throws {
        #expect(try lbsearch(limit: "-n 1024", ["index", "docs"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.file("idx.db")))
        let run = try lbsearch(limit: "-n 10", arguments)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr
                == "lbsearch: error: only 10 open files are allowed (ulimit -n); lbsearch needs "
                + "at least 32: raise the limit, e.g. ulimit -n 1024\n")
        let after = try Data(contentsOf: URL(fileURLWithPath: folder.file("idx.db")))
        #expect(before == after)
    }

    @Test func aLowSoftLimitIsRaised() throws {
        let index = try lbsearch(limit: "-S -n 10", ["index", "docs"])
        #expect(index.status == 0, "\(index.stderr)")
        let search = try lbsearch(limit: "-S -n 10", ["art", "--format", "jsonl"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.split(separator: "\n").count == 2)
    }
}
