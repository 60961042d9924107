import Foundation
import LBSearchTestSupport
import Testing

/// The live progress line of `index`, `batch` and long searches: on a terminal only, erased
/// before the summary or the results.
@Suite(.serialized)
struct ProgressLineTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        try GeneratedCorpus.write(40, into: folder)
    }

    @Test func indexShowsALineOnATerminalAndErasesIt() throws {
        let run = try PseudoTerminal.run(
            ["index", "corpus", "--index", "idx.db"], cwd: folder.path, stdoutToo: true)
        #expect(run.status == 0)
        #expect(run.terminal.contains("\rwalking: ") || run.terminal.contains("\rindexing: "))
        #expect(run.terminal.contains("\r\u{1B}[K"))
        let screen = PseudoTerminal.screen(run.terminal)
        #expect(screen.count == 1, "\(screen)")
        #expect(screen.last?.hasPrefix("indexed: 40 added") == true, "\(screen)")
    }

    @Test(arguments: [["--quiet"], ["-q"]])
    func quietIndexShowsNoLine(quiet: [String]) throws {
        let run = try PseudoTerminal.run(
            ["index", "corpus", "--index", "idx.db"] + quiet, cwd: folder.path)
        #expect(run.status == 0)
        #expect(run.terminal.isEmpty, "\(run.terminal.debugDescription)")
    }

    @Test func aDumbTerminalShowsNoLine() throws {
        let run = try PseudoTerminal.run(
            ["index", "corpus", "--index", "idx.db"], cwd: folder.path,
            environment: ["TERM": "dumb"])
        #expect(run.status == 0 && run.terminal.isEmpty)
    }

    @Test func pipedStandardErrorGetsNoProgress() throws {
        let run = try CLI.run(["index", "corpus", "--index", "idx.db"], cwd: folder.path)
        #expect(run.status == 0)
        #expect(!run.stderr.contains("\r") && !run.stderr.contains("\u{1B}"))
        #expect(run.stdout.hasPrefix("indexed: 40 added"))
    }

    /// Skipped files are reported above the line, each on a line of its own.
    @Test func warningsPrintAboveTheLine() throws {
        try folder.write("corpus/empty.txt", "")
        let run = try PseudoTerminal.run(
            ["index", "corpus", "--index", "idx.db"], cwd: folder.path, stdoutToo: true)
        let screen = PseudoTerminal.screen(run.terminal)
        #expect(screen.count == 2, "\(screen)")
        #expect(
            screen.first?.hasPrefix("lbsearch: ") == true
                && screen.first?.contains("empty.txt") == true)
        #expect(screen.last?.hasPrefix("indexed: 40 added") == true)
    }

    @Test func batchCountsQueriesAndErasesTheLine() throws {
        _ = try CLI.run(["index", "corpus", "--index", "idx.db"], cwd: folder.path)
        try folder.write(
            "queries.jsonl",
            (1...3).map { #"{"_id": "q\#($0)", "text": "river stone"}"# }.joined(separator: "\n"))
        let run = try PseudoTerminal.run(
            ["batch", "--queries", "queries.jsonl", "--index", "idx.db", "--limit", "1"],
            cwd: folder.path)
        #expect(run.status == 0)
        #expect(run.terminal.contains("\rbatch: 0/3 queries"))
        #expect(PseudoTerminal.screen(run.terminal).isEmpty)
        #expect(run.stdout.split(separator: "\n").count == 3)
    }

    @Test func aLongSearchSaysSoAndErasesItBeforeTheHits() throws {
        _ = try CLI.run(["index", "corpus", "--index", "idx.db"], cwd: folder.path)
        let run = try PseudoTerminal.run(
            ["river", "--index", "idx.db", "--limit", "1"], cwd: folder.path,
            environment: ["LBSEARCH_TEST_STATUS_DELAY": "0"], stdoutToo: true)
        #expect(run.terminal.contains("\rsearching… 0s"))
        let screen = PseudoTerminal.screen(run.terminal)
        #expect(screen.first?.hasPrefix("1. ") == true, "\(screen)")
        #expect(!screen.contains { $0.contains("searching") })
    }

    /// Starts the binary with no signal blocked (the test process blocks some, and a child
    /// inherits that), as a shell starts it: through python3, nil without it.
    static let unblockingLauncher: [String]? = {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        return [
            python, "-c",
            "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
        ]
    }()

    /// A run ended by a signal (Ctrl-C, `kill`) erases its line before it dies.
    @Test func aSignalErasesTheLine() throws {
        guard let launcher = Self.unblockingLauncher else {
            print("skipped: needs /usr/bin/python3 to start lbsearch with no signal blocked")
            return
        }
        let input = Pipe()
        let run = try PseudoTerminal.run(
            ["index", "corpus", "--index", "idx.db"], cwd: folder.path,
            environment: ["LBSEARCH_TEST_PAUSE_AT": "batch-committed"], input: input,
            launcher: launcher
        ) { process, reader in
            #expect(reader.wait(for: "paused at batch-committed"))
            kill(process.processIdentifier, SIGTERM)
            // Were the signal lost, the run goes on when its input ends.
            try? input.fileHandleForWriting.close()
        }
        #expect(run.status == SIGTERM)
        #expect(run.terminal.hasSuffix("\r\u{1B}[K"), "\(run.terminal.debugDescription)")
    }
}
