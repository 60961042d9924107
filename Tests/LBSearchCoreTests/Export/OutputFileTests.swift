import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

#if canImport(Glibc)
    import Glibc
#endif

/// `-o FILE` writes what the name points at without destroying it.
struct OutputFileTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    func contents(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    func info(_ path: String) -> stat {
        var info = stat()
        _ = lstat(path, &info)
        return info
    }

    /// Files other than `names` in the folder: a temporary file left behind would show here.
    func strayFiles(besides names: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            !names.contains($0)
        }
    }

    @Test func aNewFileGetsTheUsualModeAndNoTemporaryFileRemains() throws {
        let path = folder.file("hits.csv")
        try OutputFile.write(Data("a,b\r\n".utf8), to: path)
        #expect(try contents(path) == "a,b\r\n")
        #expect(info(path).st_mode & 0o777 == 0o666 & ~OutputFile.currentUmask())
        #expect(try strayFiles(besides: ["hits.csv"]).isEmpty)
    }

    @Test func anExistingFileKeepsItsModeAndOwner() throws {
        let path = try folder.write("secret.tsv", "old")
        chmod(path, 0o600)
        let owner: uid_t = geteuid() == 0 ? 65534 : geteuid()
        if geteuid() == 0 { chown(path, owner, 65534) }
        try OutputFile.write(Data("new".utf8), to: path)
        #expect(try contents(path) == "new")
        #expect(info(path).st_mode & 0o7777 == 0o600)
        #expect(info(path).st_uid == owner)
    }

    @Test func aSymbolicLinkIsFollowedAndKept() throws {
        let target = try folder.write("real.txt", "old")
        symlink("real.txt", folder.file("link.txt"))
        symlink("link.txt", folder.file("link2.txt"))
        try OutputFile.write(Data("new".utf8), to: folder.file("link2.txt"))
        #expect(info(folder.file("link.txt")).st_mode & S_IFMT == S_IFLNK)
        #expect(info(folder.file("link2.txt")).st_mode & S_IFMT == S_IFLNK)
        #expect(try contents(target) == "new")
        symlink("made-through-link.txt", folder.file("dangling"))
        try OutputFile.write(Data("fresh".utf8), to: folder.file("dangling"))
        #expect(try contents(folder.file("made-through-link.txt")) == "fresh")
    }

    @Test func aHardLinkedFileIsWrittenInPlace() throws {
        let path = try folder.write("a.txt", "old")
        link(path, folder.file("b.txt"))
        try OutputFile.write(Data("new".utf8), to: path)
        #expect(try contents(folder.file("b.txt")) == "new")
    }

    /// A FIFO is written through, as a shell's `>` does, and stays a FIFO.
    @Test func aFIFOIsWrittenThrough() throws {
        let path = folder.file("pipe")
        try #require(mkfifo(path, 0o600) == 0)
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        try OutputFile.write(Data("through the pipe".utf8), to: path)
        var buffer = [UInt8](repeating: 0, count: 100)
        let count = read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self) == "through the pipe")
        #expect(info(path).st_mode & S_IFMT == S_IFIFO)
    }

    /// `/dev/fd/N` (and `/dev/stdout`) write to the open descriptor, not to a new file.
    @Test func anOpenDescriptorIsWrittenAsItIs() throws {
        let pipe = Pipe()
        try OutputFile.write(
            Data("to the descriptor".utf8),
            to: "/dev/fd/\(pipe.fileHandleForWriting.fileDescriptor)")
        try pipe.fileHandleForWriting.close()
        #expect(
            String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                == "to the descriptor")
        #expect(OutputFile.inheritedDescriptor("/dev/stdout") == 1)
        #expect(OutputFile.inheritedDescriptor("/proc/self/fd/2") == 2)
        #expect(OutputFile.inheritedDescriptor("/dev/fdx") == nil)
    }

    @Test func devNullStaysACharacterDevice() throws {
        try OutputFile.write(Data("gone".utf8), to: "/dev/null")
        #expect(info("/dev/null").st_mode & S_IFMT == S_IFCHR)
    }

    @Test func theIndexItsCompanionsAndAnySQLiteDatabaseAreRefused() throws {
        let header = Data("SQLite format 3\u{0}".utf8) + Data(repeating: 1, count: 84)
        let index = try folder.write("idx.db", header)
        let wal = try folder.write("idx.db-wal", "wal frames")
        let other = try folder.write("notes.sqlite", header)
        symlink("idx.db", folder.file("alias"))
        let cases: [(String, LBSearchError.OutputProblem)] = [
            (index, .theIndex), (wal, .theIndex), (folder.file("alias"), .theIndex),
            (other, .database),
        ]
        for (path, reason) in cases {
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(throws: LBSearchError.cannotWriteOutput(path: path, reason: reason)) {
                try OutputFile.write(Data("hits".utf8), to: path, index: index)
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test func aFolderOrAMissingFolderIsAnError() throws {
        #expect(
            throws: LBSearchError.cannotWriteOutput(path: folder.path, reason: .folder)
        ) {
            try OutputFile.write(Data(), to: folder.path)
        }
        let missing = folder.file("no/such/hits.csv")
        #expect(
            throws: LBSearchError.cannotWriteOutput(
                path: missing, reason: .system(ENOENT))
        ) {
            try OutputFile.write(Data(), to: missing)
        }
    }
}
