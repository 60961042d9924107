import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

@Suite struct DocumentReaderTests {
    func entry(_ path: String, _ format: DocumentFormat, size: Int64 = 10) -> FileEntry {
        FileEntry(path: path, size: size, mtime: 1_700_000_000, format: format)
    }

    func documents(_ text: String, path: String, format: DocumentFormat) -> (
        documents: [Document], skips: [Skip]
    ) {
        DocumentReader.documents(
            in: Data(text.utf8), entry: entry(path, format), hash: "feedfacefeedface")
    }

    @Test func declaredTitleWins() {
        let (docs, skips) = documents(
            "---\ntitle: Declared\ndate: 2024-03-09\n---\nFirst line\nSecond", path: "/n/a.md",
            format: .markdown)
        #expect(skips.isEmpty)
        #expect(
            docs == [
                Document(
                    path: "/n/a.md", title: "Declared", body: "First line\nSecond",
                    date: "2024-03-09", size: 10,
                    mtime: 1_700_000_000, contentHash: "feedfacefeedface")
            ])
    }

    @Test func firstLineIsTitleWhenNothingIsDeclared() {
        let (docs, _) = documents(
            "<p>  First   paragraph </p><p>Second</p>", path: "/n/page.html", format: .html)
        #expect(docs.map(\.title) == ["First paragraph"])
        #expect(docs.map(\.body) == ["Second"])
    }

    @Test func markdownWithoutHeadingUsesItsFirstLine() {
        let (docs, _) = documents(
            "Just a note\nwith two lines", path: "/n/note.md", format: .markdown)
        #expect(docs.map(\.title) == ["Just a note"])
        #expect(docs.map(\.body) == ["with two lines"])
    }

    @Test(arguments: [
        ("/notes/2024/report.final.md", "", "report.final"),
        ("/notes/README", "", "README"),
        ("/corpus/news.jsonl", "d42", "d42"),
    ])
    func fileNameOrRecordIsTheLastResort(path: String, record: String, expected: String) {
        let document = DocumentReader.make(
            Extracted(body: ""), path: path, record: record, size: 0, mtime: 0, hash: "")
        #expect(document.title == expected)
        #expect(document.record == record)
    }

    @Test func leadingBodyLineEqualToTitleIsDropped() {
        let (docs, _) = documents(
            "# Storm  Warning\n\nRain expected.", path: "/n/s.md", format: .markdown)
        #expect(docs.map(\.title) == ["Storm Warning"])
        #expect(docs.map(\.body) == ["Rain expected."])
    }

    @Test func htmlHeadingRepeatingTheTitleIsDropped() {
        let (docs, _) = documents(
            "<title>Storm</title><h1>Storm</h1><p>Rain.</p>", path: "/n/s.html", format: .html)
        #expect(docs.map(\.body) == ["Rain."])
    }

    @Test(arguments: [
        ("Title", "Title\nBody", "Body"),
        ("Title", "Title", "Title"),
        ("Title", "Title here\nBody", "Title here\nBody"),
        ("Title", "Other\nTitle", "Other\nTitle"),
        ("A B", "  A \t B \n\n  Body  ", "Body"),
    ])
    func dropLeadingTitle(title: String, body: String, expected: String) {
        #expect(DocumentReader.dropLeadingTitle(body, title: title) == expected)
    }

    @Test func undecodableOrTextlessFilesAreSkipped() {
        let binary = DocumentReader.documents(
            in: Data([0x61, 0x00]), entry: entry("/n/b.txt", .text), hash: "")
        #expect(binary.documents.isEmpty)
        #expect(binary.skips == [Skip(path: "/n/b.txt", reason: .binary)])
        let blank = documents("<script>x()</script>", path: "/n/e.html", format: .html)
        #expect(blank.documents.isEmpty)
        #expect(blank.skips == [Skip(path: "/n/e.html", reason: .noText)])
    }

    @Test func jsonlGivesOneDocumentPerRecord() {
        let text = """
            {"_id": "r1", "title": "Alpha", "text": "Alpha\\nbody one"}
            {"_id": "r2", "text": "First line\\nrest"}
            not json
            """
        let (docs, skips) = documents(text, path: "/c/d.jsonl", format: .jsonl)
        #expect(docs.map(\.record) == ["r1", "r2"])
        #expect(docs.map(\.title) == ["Alpha", "First line"])
        #expect(docs.map(\.body) == ["body one", "rest"])
        #expect(docs.allSatisfy { $0.path == "/c/d.jsonl" && $0.mtime == 1_700_000_000 })
        let lines = text.split(separator: "\n").map { Data($0.utf8) }
        #expect(docs.map(\.contentHash) == [ContentHash.of(lines[0]), ContentHash.of(lines[1])])
        #expect(skips == [Skip(path: "/c/d.jsonl", line: 3, reason: .malformedJSON)])
    }

    @Test func loadReadsTheFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("a.txt", "hello")
        #expect(DocumentReader.load(entry(path, .text, size: 5)) == .success(Data("hello".utf8)))
    }

    @Test func loadReportsEmptyFiles() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("empty.md", "")
        #expect(DocumentReader.load(entry(path, .markdown, size: 0)) == .failure(.empty))
    }

    @Test func loadRefusesTooLargeFilesExceptJSONL() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("big.txt", "small in fact")
        let limit = DocumentReader.maxFileSize
        #expect(
            DocumentReader.load(entry(path, .text, size: limit + 1))
                == .failure(.tooLarge(limit: limit)))
        #expect(
            DocumentReader.load(entry(path, .text, size: limit))
                == .success(Data("small in fact".utf8)))
        #expect(
            DocumentReader.load(entry(path, .jsonl, size: limit + 1))
                == .success(Data("small in fact".utf8)))
    }

    /// A file that grew past the limit after the walk measured it is refused when read, not
    /// taken whole: a log appended to at 80 MB/s was found at 11 MB and read at 1.6 GB (8 GB of
    /// memory, and the run did not end).
    @Test func loadRefusesAFileThatGrewPastTheLimit() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("grown.md", "# Small when found")
        let limit = DocumentReader.maxFileSize
        #expect(truncate(path, off_t(limit + 1)) == 0)
        #expect(
            DocumentReader.load(entry(path, .markdown, size: 17))
                == .failure(.tooLarge(limit: limit)))
        #expect(truncate(path, off_t(limit)) == 0)
        #expect(
            DocumentReader.load(entry(path, .markdown, size: 17)).map(\.count)
                == .success(Int(limit)))
    }

    /// A file the walk found but that is gone when read was deleted during the run: counted
    /// and summarised in one line by the indexer, not reported as unreadable.
    @Test func loadReportsMissingFilesAsVanished() throws {
        let folder = try TemporaryFolder()
        #expect(DocumentReader.load(entry(folder.file("gone.txt"), .text)) == .failure(.vanished))
    }

    /// A named pipe put where the walk found a file is reported, not read: reading would wait
    /// for its writer to finish (here a second, without the check), or forever.
    @Test func loadRefusesANamedPipeInPlaceOfTheFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("pipe.txt")
        #expect(mkfifo(path, 0o600) == 0)
        let writer = open(path, O_RDWR | O_NONBLOCK)
        #expect(writer >= 0)
        #expect(write(writer, "hello", 5) == 5)
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { close(writer) }
        #expect(DocumentReader.load(entry(path, .text, size: 0)) == .failure(.notAFile(.fifo)))
    }

    @Test func loadReportsOtherErrorsWithTheSystemMessage() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(
            atPath: folder.file("dir.txt"), withIntermediateDirectories: true)
        let result = DocumentReader.load(entry(folder.file("dir.txt"), .text))
        guard case .failure(.unreadable(let why)) = result else {
            Issue.record("expected .unreadable, got \(result)")
            return
        }
        #expect(!why.isEmpty && !why.contains("\n"))
    }
}

@Suite struct TitleFinderTests {
    @Test(
        arguments: [
            ("Declared", "Body", "/a/file.txt", "Declared"),
            ("  Spaced \n out  ", "Body", "/a/file.txt", "Spaced out"),
            ("   ", "\n\n  First  line \nSecond", "/a/file.txt", "First line"),
            (nil, "", "/a/file.txt", "file"),
            (nil, " \n \t ", "/a/archive.tar.gz", "archive.tar"),
            (nil, "", "/a/noextension", "noextension"),
        ] as [(String?, String, String, String)])
    func title(declared: String?, body: String, path: String, expected: String) {
        #expect(TitleFinder.title(declared: declared, body: body, path: path) == expected)
    }

    @Test func longFirstLineIsClippedAtAWordBoundary() {
        let line = String(repeating: "abcd ", count: 50)  // 250 characters
        let title = TitleFinder.title(declared: nil, body: line, path: "/x.txt")
        #expect(title == String(repeating: "abcd ", count: 40).dropLast() + "…")
    }

    @Test func clipWithoutSpacesCutsAtTheLimit() {
        #expect(
            TitleFinder.clip(String(repeating: "x", count: 250)) == String(
                repeating: "x", count: 200) + "…")
        #expect(
            TitleFinder.clip(String(repeating: "x", count: 200))
                == String(repeating: "x", count: 200))
    }
}
