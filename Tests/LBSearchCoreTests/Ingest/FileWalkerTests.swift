import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct FileWalkerTests {
    /// Walks `roots` and returns the found paths relative to `folder`.
    func walk(_ roots: [String], in folder: TemporaryFolder) -> (files: [String], skips: [Skip]) {
        var walker = FileWalker()
        walker.walk(roots)
        let prefix = folder.path + "/"
        return (
            walker.files.map {
                $0.path.hasPrefix(prefix) ? String($0.path.dropFirst(prefix.count)) : $0.path
            }, walker.skips
        )
    }

    @Test func filesAreListedInNameOrderWithTheirFormat() throws {
        let folder = try TemporaryFolder()
        try folder.write("b.md", "# B")
        try folder.write("a.txt", "A")
        try folder.write("sub/c.html", "<p>C</p>")
        try folder.write("sub/d.jsonl", "{}")
        var walker = FileWalker()
        walker.walk([folder.path])
        #expect(
            walker.files.map(\.path)
                == ["a.txt", "b.md", "sub/c.html", "sub/d.jsonl"].map(folder.file))
        #expect(walker.files.map(\.format) == [.text, .markdown, .html, .jsonl])
        #expect(walker.skips.isEmpty)
    }

    @Test func entryCarriesSizeAndModificationTime() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("note.txt", "twelve bytes")
        let date = Date(timeIntervalSince1970: 1_700_000_000.5)
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
        var walker = FileWalker()
        walker.walk([path])
        let entry = try #require(walker.files.first)
        #expect(entry == FileEntry(path: path, size: 12, mtime: entry.mtime, format: .text))
        #expect(abs(entry.mtime - 1_700_000_000.5) < 0.01)
    }

    @Test func hiddenFilesAndFoldersAreSkipped() throws {
        let folder = try TemporaryFolder()
        for name in [
            ".hidden.txt", ".git/config.txt", "visible.txt", "sub/.secret.md", "sub/shown.md",
        ] {
            try folder.write(name, "x")
        }
        let (files, skips) = walk([folder.path], in: folder)
        #expect(files == ["sub/shown.md", "visible.txt"])
        #expect(skips.isEmpty)
    }

    @Test func unsupportedFilesAreIgnoredInFoldersButReportedWhenGiven() throws {
        let folder = try TemporaryFolder()
        for name in ["photo.png", "README", "notes.txt", "page.HTM", "data.ndjson"] {
            try folder.write(name, "x")
        }
        let (files, skips) = walk([folder.path], in: folder)
        #expect(files == ["data.ndjson", "notes.txt", "page.HTM"])
        #expect(skips.isEmpty)
        let explicit = walk([folder.file("photo.png"), folder.file("notes.txt")], in: folder)
        #expect(explicit.files == ["notes.txt"])
        #expect(explicit.skips == [Skip(path: folder.file("photo.png"), reason: .unsupportedType)])
    }

    @Test func explicitHiddenFileIsRead() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(".draft.md", "x")
        #expect(walk([path], in: folder).files == [".draft.md"])
    }

    @Test func symlinkLoopTerminatesAndListsEachFileOnce() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "a")
        try folder.write("sub/b.txt", "b")
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("sub/up"), withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("sub/self"), withDestinationPath: folder.file("sub"))
        let (files, skips) = walk([folder.path], in: folder)
        #expect(files == ["a.txt", "sub/b.txt"])
        #expect(skips.isEmpty)
    }

    @Test func sameRootTwiceIsWalkedOnce() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "a")
        #expect(walk([folder.path, folder.path + "/"], in: folder).files == ["a.txt"])
    }

    @Test func rootWithTrailingSlashGivesCleanPaths() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "a")
        var walker = FileWalker()
        walker.walk([folder.path + "/"])
        #expect(walker.files.map(\.path) == [folder.file("a.txt")])
    }

    /// A file reached twice (symbolic or hard link) is listed once, under the first path found.
    @Test(arguments: ["symbolic", "hard"])
    func aLinkedFileIsListedOnce(link: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("real/a.md", "a")
        if link == "symbolic" {
            try FileManager.default.createSymbolicLink(
                atPath: folder.file("link.md"), withDestinationPath: folder.file("real/a.md"))
        } else {
            try FileManager.default.linkItem(
                atPath: folder.file("real/a.md"), toPath: folder.file("link.md"))
        }
        let (files, skips) = walk([folder.path], in: folder)
        #expect(files == ["link.md"])
        #expect(
            skips == [Skip(path: folder.file("real/a.md"), reason: .sameAs(folder.file("link.md")))]
        )
    }

    /// A root that is another name of a folder already walked (or already indexed) is not
    /// walked again, and is reported.
    @Test func aRootReachedUnderAnotherNameIsWalkedOnce() throws {
        let folder = try TemporaryFolder()
        try folder.write("data/a.txt", "a")
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("alias"), withDestinationPath: folder.file("data"))
        var walker = FileWalker()
        walker.walk([folder.file("data"), folder.file("alias")])
        #expect(walker.files.map(\.path) == [folder.file("data/a.txt")])
        #expect(walker.aliasRoots == [folder.file("alias")])
        #expect(
            walker.skips == [Skip(path: folder.file("alias"), reason: .sameAs(folder.file("data")))]
        )
        var later = FileWalker()
        later.alreadyIndexed([folder.file("data")])
        later.walk([folder.file("alias")])
        #expect(later.files.isEmpty)
    }

    @Test func danglingSymlinkIsReported() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("gone.txt"), withDestinationPath: folder.file("nowhere.txt"))
        let (files, skips) = walk([folder.path], in: folder)
        #expect(files.isEmpty)
        #expect(
            skips == [
                Skip(
                    path: folder.file("gone.txt"), reason: .unreadable("No such file or directory"))
            ])
    }

    @Test func missingRootIsReported() throws {
        let folder = try TemporaryFolder()
        let missing = folder.file("missing")
        #expect(
            walk([missing], in: folder).skips == [
                Skip(path: missing, reason: .unreadable("No such file or directory"))
            ])
    }

    /// A named pipe, socket or device with a name lbsearch reads is reported inside a folder
    /// too (never opened, so a pipe nobody writes to cannot stop the walk); one with another
    /// name is passed over as a regular file with that name is.
    @Test func specialFilesAreReportedWhenGivenOrNamedAsDocuments() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "a")
        #expect(mkfifo(folder.file("pipe.txt"), 0o600) == 0)
        #expect(mkfifo(folder.file("pipe"), 0o600) == 0)
        let socket = try #require(UnixSocket(path: folder.file("feed.xml")))
        defer { socket.shut() }
        let inFolder = walk([folder.path], in: folder)
        #expect(inFolder.files == ["a.txt"])
        #expect(
            inFolder.skips == [
                Skip(path: folder.file("feed.xml"), reason: .notAFile(.socket)),
                Skip(path: folder.file("pipe.txt"), reason: .notAFile(.fifo)),
            ])
        let explicit = walk([folder.file("pipe.txt")], in: folder)
        #expect(explicit.files.isEmpty)
        #expect(explicit.skips == [Skip(path: folder.file("pipe.txt"), reason: .notAFile(.fifo))])
        #expect(
            walk(["/dev/null"], in: folder).skips == [
                Skip(path: "/dev/null", reason: .notAFile(.device))
            ])
        #expect(
            Skip(path: "/dev/null", reason: .notAFile(.device)).description
                == "skipped /dev/null: a device, not a file")
    }

    @Test func ignoreFileAppliesToItsFolderAndBelow() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            ".lbsearchignore", "# drafts are private\ndrafts\n  *.tmp.txt  \n\n#keep.txt\n")
        for name in [
            "a.txt", "#keep.txt", "e.md", "b.tmp.txt", "drafts/d.txt", "sub/c.tmp.txt", "sub/e.md",
            "other/e.md",
        ] {
            try folder.write(name, "x")
        }
        try folder.write("sub/.lbsearchignore", "e.md\n")
        let (files, skips) = walk([folder.path], in: folder)
        #expect(files == ["#keep.txt", "a.txt", "e.md", "other/e.md"])
        #expect(skips.isEmpty)
    }

    @Test func ignoreFileInsideRootIsNotReadAboveIt() throws {
        let folder = try TemporaryFolder()
        try folder.write(".lbsearchignore", "*.txt\n")
        try folder.write("sub/a.txt", "x")
        #expect(walk([folder.file("sub")], in: folder).files == ["sub/a.txt"])
    }

    @Test func ignorePatternsSkipCommentsAndBlankLines() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(
            "ignore", "# comment\n\n  build  \r\n*.log\n   # indented comment\n")
        #expect(FileWalker.patterns(in: file) == ["build", "*.log"])
        #expect(FileWalker.patterns(in: folder.file("absent")) == [])
    }

    @Test(.enabled(if: getuid() != 0, "root reads any folder, so permissions cannot fail"))
    func unreadableFolderIsReportedAndTheWalkGoesOn() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "a")
        try folder.write("locked/b.txt", "b")
        #expect(chmod(folder.file("locked"), 0) == 0)
        defer { _ = chmod(folder.file("locked"), 0o755) }
        let (files, skips) = walk([folder.path], in: folder)
        #expect(files == ["a.txt"])
        #expect(
            skips == [Skip(path: folder.file("locked"), reason: .unreadable("Permission denied"))])
    }

    @Test(
        arguments: [
            ("a.txt", DocumentFormat.text), ("a.TEXT", .text), ("a.md", .markdown),
            ("a.Markdown", .markdown),
            ("a.html", .html), ("a.htm", .html), ("a.xhtml", .html), ("a.jsonl", .jsonl),
            ("a.NDJSON", .jsonl),
            ("a.pdf", nil), ("README", nil), ("a.txt.bak", nil), ("archive.tar.gz", nil),
        ] as [(String, DocumentFormat?)])
    func formatByFileName(name: String, format: DocumentFormat?) {
        #expect(DocumentFormat(fileName: name) == format)
    }
}

/// A Unix domain socket bound at a path, as a server leaves one in a folder.
struct UnixSocket {
    let descriptor: Int32

    /// Binds a new socket at `path`; nil when the system refuses.
    init?(path: String) {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { return nil }
    }

    /// Closes the socket (its file stays until the folder is removed).
    func shut() {
        close(descriptor)
    }
}
