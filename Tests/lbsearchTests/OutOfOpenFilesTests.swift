import Foundation
import GRDB
import LBSearchTestSupport
import Testing

/// A process that runs out of open files part-way (its limit is above the 32 it starts with,
/// but files it inherited hold most of them) says so in one line, naming the limit; it never
/// says "permission denied", never reports a folder or file as unreadable, and never removes a
/// document because a file could not be opened.
///
/// Each test runs a command with `ulimit -n 40` and more and more inherited open files, until
/// it fails: the first failure must be the line for running out, at the step that needs the
/// most files, and every run before it must have kept every document.
@Suite(.serialized)
struct OutOfOpenFilesTests {
    let folder: TemporaryFolder
    static let limit = 40

    init() throws {
        folder = try TemporaryFolder()
    }

    /// Runs lbsearch with `ulimit -n 40` and `held` more files open (inherited, as from a
    /// program that leaks them), and no other: the files this test process has open at the
    /// moment, which a child may inherit, are closed first.
    func lbsearch(holding held: Int, _ arguments: [String]) throws -> CLI.Run {
        let script =
            "for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; "
            + "done; ulimit -n \(Self.limit) && for ((i = 3; i < \(3 + held); i++)); do "
            + "eval \"exec $i</dev/null\"; done; exec \"$0\" \"$@\""
        return try CLI.run(
            ["-c", script, CLI.binary.path] + arguments + ["--index", "idx.db"],
            cwd: folder.path, executable: "/bin/bash")
    }

    /// The documents the index holds.
    func documents() throws -> Int {
        let queue = try DatabaseQueue(path: folder.file("idx.db"))
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") }
            ?? 0
    }

    /// Appends to every file of `files`, so that the next run reads each again.
    func change(_ files: [String]) throws {
        for file in files {
            let handle = try #require(FileHandle(forWritingAtPath: folder.file(file)))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(" more".utf8))
            try handle.close()
        }
    }

    /// Runs `arguments` holding more and more files until a run fails; returns the path its
    /// message names.
    ///
    /// Every run before it must succeed, and every run must keep `documents` documents. Then
    /// `repeats` runs holding one file more must each fail with the line for running out: a
    /// thread pool that started late raced the command for its last files, and stopped it with
    /// a signal now and then.
    func firstFailure(
        _ arguments: [String], changing files: [String] = [], documents: Int, repeats: Int = 4
    ) throws -> String? {
        for held in 8..<Self.limit {
            try change(files)
            let run = try lbsearch(holding: held, arguments)
            #expect(try self.documents() == documents, "holding \(held): \(run.stderr)")
            if run.status == 0, !run.stderr.contains("Too many") { continue }
            #expect(run.status == 2, "holding \(held): \(run.stderr)")
            for _ in 0..<repeats {
                let again = try lbsearch(holding: held + 1, arguments)
                #expect(again.status == 2, "holding \(held + 1): \(again.stderr)")
                _ = Self.path(inMessage: again.stderr)
            }
            return Self.path(inMessage: run.stderr)
        }
        Issue.record("no run ran out of open files")
        return nil
    }

    /// The path named by the one line of running out of open files, nil for any other text.
    static func path(inMessage text: String) -> String? {
        let head = "lbsearch: error: cannot open "
        let tail =
            ": too many open files (ulimit -n is \(limit)); raise the limit, e.g. ulimit -n 1024\n"
        guard text.hasPrefix(head), text.hasSuffix(tail) else {
            Issue.record("not the line for running out of open files: \(text)")
            return nil
        }
        return String(text.dropFirst(head.count).dropLast(tail.count))
    }

    /// `doctor`, which needs more files than `status` or a search: those run out at start
    /// (`aCommandStartedWithNoFileFreeSaysSo`).
    @Test func openingTheIndexSaysSo() throws {
        try folder.write("docs/a.txt", "Alpha\n\nfirst text about art")
        #expect(try CLI.run(["index", "docs", "--index", "idx.db"], cwd: folder.path).status == 0)
        let path = try firstFailure(["doctor"], documents: 1)
        #expect(path == folder.file("idx.db"))
    }

    @Test func aFolderTheWalkCannotOpenStopsTheRun() throws {
        var files: [String] = []
        var folderPath = "docs"
        for level in 1...12 {
            folderPath += "/l\(level)"
            files.append("\(folderPath)/f.txt")
            try folder.write(files[files.count - 1], "Level \(level)\n\ntext about art")
        }
        #expect(try CLI.run(["index", "docs", "--index", "idx.db"], cwd: folder.path).status == 0)
        let path = try #require(try firstFailure(["index"], changing: files, documents: 12))
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isFolder))
        #expect(isFolder.boolValue && path.hasPrefix(folder.file("docs")), "\(path)")
    }

    @Test func aFileThatCannotBeOpenedKeepsItsDocuments() throws {
        let files = ["docs/a.txt", "docs/b.txt"]
        for file in files { try folder.write(file, "Title of \(file)\n\ntext about art") }
        let index = try CLI.run(["index"] + files + ["--index", "idx.db"], cwd: folder.path)
        #expect(index.status == 0, "\(index.stderr)")
        // File roots: the walk opens nothing, so reading a file is the first open to fail.
        let path = try firstFailure(["index"], changing: files, documents: 2)
        #expect(path.map { $0.hasSuffix(".txt") } == true, "\(path ?? "")")
    }

    /// One file free at start: the thread pool could not start its own (signal 4, no message).
    @Test(arguments: [["status"], ["art"], ["doctor"], ["index", "docs"]])
    func aCommandStartedWithNoFileFreeSaysSo(arguments: [String]) throws {
        try folder.write("docs/a.txt", "Alpha\n\nfirst text about art")
        #expect(try CLI.run(["index", "docs", "--index", "idx.db"], cwd: folder.path).status == 0)
        for _ in 0..<3 {
            let run = try lbsearch(holding: Self.limit - 4, arguments)
            #expect(run.status == 2)
            #expect(
                run.stderr
                    == "lbsearch: error: almost all of the 40 open files allowed (ulimit -n) are "
                    + "taken by files lbsearch inherited; close them in the program that starts "
                    + "it, or raise the limit, e.g. ulimit -n 1024\n")
        }
        #expect(try documents() == 1)
    }
}
