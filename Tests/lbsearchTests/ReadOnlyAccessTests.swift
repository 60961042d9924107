import Foundation
import LBSearchTestSupport
import Testing

/// Commands that only read work on an index the user may only read, and never create or
/// change a file; a command that fails leaves no new file behind.
@Suite(.serialized)
struct ReadOnlyAccessTests {
    let folder: TemporaryFolder
    let shelf: String
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("docs/a.txt", "Alpha\n\nart on the shelf")
        try folder.write("docs/b.md", "# Beta\n\nmore art")
        shelf = folder.file("shelf")
        index = folder.file("shelf/index.db")
        #expect(try CLI.run(["index", "docs", "--index", index], cwd: folder.path).status == 0)
    }

    static let runuser = "/usr/sbin/runuser"

    /// Root with `runuser`, and a binary that `nobody` may run: else the test is skipped.
    static var canRunAsNobody: Bool {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: runuser) else {
            return false
        }
        let probe = try? CLI.run(
            ["-u", "nobody", "--", "test", "-x", CLI.binary.path], cwd: "/", executable: runuser)
        return probe?.status == 0
    }

    static let readers = [
        ["art"], ["status"], ["status", "--json"], ["doctor"], ["art", "--format", "json"],
    ]

    /// What is in the index's folder, with sizes and modification times.
    ///
    /// The `-shm` file is SQLite's shared memory for the log: a reader that may write it records
    /// its read lock there (SQLite documentation, "Write-Ahead Logging", section 8), so only its
    /// size counts.
    func snapshot() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: shelf).sorted().map { name in
            let attributes = try FileManager.default.attributesOfItem(
                atPath: (shelf as NSString).appendingPathComponent(name))
            let modified = name.hasSuffix("-shm") ? "" : " \(attributes[.modificationDate] ?? 0)"
            return "\(name) \(attributes[.size] ?? 0)" + modified
        }
    }

    /// Root ignores permission bits, so this checks the other half: nothing is created beside
    /// the index (no `-wal`, `-shm` or lock), even where the system would allow it.
    @Test func readersWriteNothingBesideAReadOnlyIndex() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: index)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: shelf)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shelf)
        }
        let before = try snapshot()
        for command in Self.readers {
            let run = try CLI.run(command + ["--index", index], cwd: folder.path)
            #expect(run.status == 0, "\(command): \(run.stderr)")
        }
        #expect(try snapshot() == before)
    }

    @Test(.enabled(if: canRunAsNobody, "needs root, runuser, and a binary that nobody may run"))
    func anotherAccountCanSearchCheckAndReadStatus() throws {
        let before = try snapshot()
        for command in Self.readers {
            let run = try CLI.run(
                ["-u", "nobody", "--", CLI.binary.path] + command + ["--index", index], cwd: "/",
                executable: Self.runuser)
            #expect(run.status == 0, "\(command): \(run.stderr)")
        }
        let repair = try CLI.run(
            ["-u", "nobody", "--", CLI.binary.path, "doctor", "--repair", "--index", index],
            cwd: "/", executable: Self.runuser)
        #expect(repair.status == 2)
        #expect(
            repair.stderr
                == "lbsearch: error: the index at \(index) is read-only; check its permissions or choose another file with --index\n"
        )
        #expect(try snapshot() == before)
    }

    /// An empty file is no index: reading it says so and leaves it empty.
    @Test(arguments: [["art"], ["status"], ["doctor"]])
    func aReadNeverWritesASchemaIntoAnEmptyFile(command: [String]) throws {
        let empty = try folder.write("shelf/empty.db", Data())
        let before = try snapshot()
        let run = try CLI.run(command + ["--index", empty], cwd: folder.path)
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "lbsearch: error: no index at \(empty); build one with 'lbsearch index FOLDER'\n"
        )
        #expect(try snapshot() == before)
    }

    @Test(arguments: [
        ["index", "--index", "new/y.db"], ["index", "--index", "new/deeper/y.db", "missing"],
        ["index", "--index", "y.db", "missing"],
        ["doctor", "--repair", "--index", "y.db"],
        ["index", "--forget", "docs", "--index", "new/y.db"], ["status", "--index", "y.db"],
    ])
    func aFailedCommandLeavesNoNewFile(command: [String]) throws {
        let place = try TemporaryFolder()
        let run = try CLI.run(command, cwd: place.path)
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: place.path).isEmpty)
    }
}
