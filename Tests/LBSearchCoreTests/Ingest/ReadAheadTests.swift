import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Read-ahead opens only regular files, never waits on one put in a file's place, and tells a
/// file the page cache holds.
struct ReadAheadTests {
    static func entry(_ path: String, size: Int64 = 10) -> FileEntry {
        FileEntry(path: path, size: size, mtime: 0, format: .markdown)
    }

    @Test func onlyRegularFilesAreOpened() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a.md", "# A\n\nText.")
        try FileManager.default.createDirectory(
            atPath: folder.file("folder.md"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.file("pipe.md"), 0o600) == 0)
        #expect(ReadAhead.opened(file) { _ in 1 } == 1)
        #expect(ReadAhead.opened(folder.file("folder.md")) { _ in 1 } == nil)
        #expect(ReadAhead.opened(folder.file("pipe.md")) { _ in 1 } == nil)
        #expect(ReadAhead.opened(folder.file("missing.md")) { _ in 1 } == nil)
        #expect(ReadAhead.opened("/dev/null") { _ in 1 } == nil)
    }

    /// A file just written is in the page cache; what cannot be told counts as cached.
    @Test func aFileJustWrittenIsCached() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a.md", String(repeating: "word ", count: 2_000))
        #expect(ReadAhead.isCached(file))
        #expect(ReadAhead.isCached(folder.file("missing.md")))
        #expect(ReadAhead.isCached(folder.path))
    }

    /// A batch with a named pipe, a folder, a missing file and files of other kinds in it is
    /// advised without waiting, and its files read as before.
    @Test func aBatchWithOddEntriesIsAdvisedWithoutWaiting() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("a.md", "# A\n\nText.")
        #expect(mkfifo(folder.file("pipe.md"), 0o600) == 0)
        let entries = [
            Self.entry(folder.file("pipe.md")), Self.entry(file),
            Self.entry(folder.path), Self.entry(folder.file("missing.md")),
            FileEntry(path: file, size: 10, mtime: 0, format: .jsonl),
            Self.entry(file, size: 0), Self.entry(file, size: DocumentReader.maxFileSize + 1),
        ]
        ReadAhead.start(entries[...])
        guard case .success(let loaded) = DocumentReader.read(Self.entry(file)) else {
            Issue.record("a.md unread")
            return
        }
        #expect(String(decoding: loaded.data, as: UTF8.self) == "# A\n\nText.")
    }
}
