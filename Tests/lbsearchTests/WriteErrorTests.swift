import Foundation
import LBSearchTestSupport
import Testing

/// Standard output or error on a full device, a closed pipe or past the file size limit:
/// one line and exit 2, or a quiet end as grep's, never a crash.
@Suite(.serialized)
struct WriteErrorTests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        (folder, index) = try CLI.indexedCorpus(300)
        try folder.write(
            "queries.jsonl",
            "{\"_id\": \"1\", \"text\": \"alpha river\"}\n{\"_id\": \"2\", \"text\": \"winter\"}\n")
    }

    /// Every command, with what it prints on standard output.
    static let commands = [
        ["alpha"], ["alpha", "--format", "csv"], ["status"], ["doctor"], ["index"], ["--help"],
        ["index", "--help"],
        ["batch", "--queries", "queries.jsonl"],
    ]

    @Test(arguments: commands)
    func aFullStandardOutputIsOneLineAndExitTwo(command: [String]) throws {
        let run = try Self.run(command + ["--index", index], cwd: folder.path, stdout: "/dev/full")
        #expect(run.reason == .exit)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(
            run.stderr == "lbsearch: error: could not write the output: No space left on device\n")
    }

    static let errorCases: [([String], Int32)] = [
        (["zzzz"], 2), (["alpha"], 0), (["index"], 0), (["--bogus"], 2),
    ]

    @Test(arguments: errorCases)
    func aFullStandardErrorIsExitTwoWhenSomethingWasToBeSaid(command: [String], status: Int32)
        throws
    {
        let run = try Self.run(command + ["--index", index], cwd: folder.path, stderr: "/dev/full")
        #expect(run.reason == .exit)
        #expect(run.status == status)
    }

    /// The reader is gone before the first byte: the program ends as grep does, by SIGPIPE,
    /// with nothing on standard error.
    @Test(arguments: [
        ["alpha", "--limit", "300", "--timeout", "0"], ["alpha", "--format", "jsonl"], ["status"],
        ["index"], ["batch", "--queries", "queries.jsonl"],
    ])
    func aClosedPipeEndsQuietlyLikeGrep(command: [String]) throws {
        let run = try Self.run(command + ["--index", index], cwd: folder.path, closeStdout: true)
        #expect(run.reason == .uncaughtSignal)
        #expect(run.status == SIGPIPE)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    /// `lbsearch … | head -c 100`: the reader goes away while lbsearch is writing.
    ///
    /// The output is far larger than a pipe holds. The shell sees 141, as for grep, and stderr
    /// is empty.
    @Test func aReaderThatLeavesMidWriteEndsItQuietly() throws {
        let binary = CLI.binary.path
        let errors = folder.file("err.txt")
        let arguments =
            "alpha --limit 300 --timeout 0 --snippet-words 200 --fragments 3 --index '\(index)'"
        let command =
            "'\(binary)' \(arguments) 2>'\(errors)' | head -c 100 >/dev/null; echo ${PIPESTATUS[0]}"
        let run = try CLI.run(["-c", command], cwd: folder.path, executable: "/bin/bash")
        #expect(run.stdout == "141\n")
        #expect(try String(contentsOfFile: errors, encoding: .utf8) == "")
    }

    /// `ulimit -f` without the signal trapped: the program itself must not die of SIGXFSZ.
    /// (100 blocks leave room for SQLite's 32 kB shared-memory file; the output is larger.)
    @Test func theFileSizeLimitIsAWriteErrorNotASignal() throws {
        let binary = CLI.binary.path
        let arguments =
            "alpha --limit 300 --timeout 0 --snippet-words 200 --fragments 3 --index '\(index)'"
        let command = "ulimit -f 100; exec '\(binary)' \(arguments) > '\(folder.file("out.txt"))'"
        let run = try CLI.run(["-c", command], cwd: folder.path, executable: "/bin/sh")
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr == "lbsearch: error: could not write the output: File too large\n")
    }

    /// `-o` naming the index is refused and the index still answers; a failed `-o` write
    /// (here the file size limit) leaves the old file as it was and no temporary file.
    @Test func outputNeverDestroysTheIndexOrLeavesATemporaryFile() throws {
        let refused = try CLI.run(["alpha", "--index", index, "-o", index], cwd: folder.path)
        #expect(refused.status == 2)
        #expect(
            refused.stderr
                == "lbsearch: error: cannot write \(index): it is the index this command uses; choose another path with --output\n"
        )
        #expect(try CLI.run(["uniq7", "--index", index], cwd: folder.path).status == 0)
        let out = try folder.write("out/hits.csv", "old hits")
        let binary = CLI.binary.path
        let command =
            "ulimit -f 100; exec '\(binary)' alpha --limit 300 --timeout 0 --snippet-words 200 --fragments 3 --format csv --index '\(index)' -o '\(out)'"
        let run = try CLI.run(["-c", command], cwd: folder.path, executable: "/bin/sh")
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "lbsearch: error: cannot write \(out): File too large; choose another path with --output\n"
        )
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old hits")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.file("out")) == ["hits.csv"])
    }

    /// A file size limit below SQLite's 32 kB shared-memory file: a reader never writes that
    /// file, so a search still opens the index, answers when its output fits, and names
    /// the output as what failed when it does not.
    @Test(arguments: [1, 8, 63])
    func aSmallFileSizeLimitStillLetsASearchRead(blocks: Int) throws {
        let binary = CLI.binary.path
        let small =
            "ulimit -f \(blocks); exec '\(binary)' uniq7 --index '\(index)' > '\(folder.file("small.txt"))'"
        let answered = try CLI.run(["-c", small], cwd: folder.path, executable: "/bin/sh")
        #expect(answered.status == 0, "\(answered.stderr)")
        let out = folder.file("limited.csv")
        let large =
            "ulimit -f \(blocks); exec '\(binary)' alpha --limit 300 --snippet-words 200 --timeout 0 --index '\(index)' -o '\(out)'"
        let refused = try CLI.run(["-c", large], cwd: folder.path, executable: "/bin/sh")
        #expect(refused.status == 2)
        #expect(
            refused.stderr
                == "lbsearch: error: cannot write \(out): File too large; choose another path with --output\n"
        )
    }

    /// A new index under a file size limit below SQLite's 32 kB shared-memory file: the
    /// message names the limit (not "cannot open … input/output error"), and nothing is left.
    @Test(arguments: [1, 8, 63])
    func aNewIndexPastTheFileSizeLimitSaysSo(blocks: Int) throws {
        let binary = CLI.binary.path
        let index = folder.file("new/limited.db")
        let command = "ulimit -f \(blocks); exec '\(binary)' index corpus --index '\(index)'"
        let run = try CLI.run(["-c", command], cwd: folder.path, executable: "/bin/sh")
        #expect(run.status == 2)
        #expect(
            run.stderr.hasPrefix(
                "lbsearch: error: could not write the index at \(index): the disk is full or the file size limit was reached"
            ), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("new")))
    }

    struct Outcome {
        var status: Int32
        var reason: Process.TerminationReason
        var stderr: String
    }

    /// Runs the binary with standard output or error sent to `stdout`/`stderr` paths, or with
    /// standard output a pipe whose reading end is closed before the program starts.
    static func run(
        _ arguments: [String], cwd: String, stdout: String? = nil, stderr: String? = nil,
        closeStdout: Bool = false
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        process.standardInput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = try stderr.map(Self.handle) ?? errors
        if closeStdout {
            let pipe = Pipe()
            try pipe.fileHandleForReading.close()
            process.standardOutput = pipe.fileHandleForWriting
        } else {
            process.standardOutput = try stdout.map(Self.handle) ?? FileHandle.nullDevice
        }
        try process.run()
        if stderr != nil { try errors.fileHandleForWriting.close() }
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, reason: process.terminationReason,
            stderr: String(decoding: text, as: UTF8.self))
    }

    static func handle(_ path: String) throws -> FileHandle {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return handle
    }
}
