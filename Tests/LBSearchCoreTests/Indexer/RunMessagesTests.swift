import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

#if canImport(Glibc)
    import Glibc
#endif

/// What an index run says about odd files: names that are not UTF-8, files deleted under it.
struct RunMessagesTests {
    /// Creates a file whose name is raw bytes (not necessarily UTF-8) in `folder`.
    static func createFile(named bytes: [UInt8], in folder: String, contents: String) throws {
        let path = (Array(folder.utf8) + [UInt8(ascii: "/")] + bytes + [0]).map {
            CChar(bitPattern: $0)
        }
        let descriptor = open(path, O_WRONLY | O_CREAT, 0o644)
        try #require(descriptor >= 0)
        _ = contents.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
    }

    /// Files deleted after the walk found them are one count, not one message each.
    ///
    /// The walk reports the name that is not UTF-8 before any file is read, which is when the
    /// test deletes twelve of the others.
    @Test func vanishedFilesAreCountedAndInvalidNamesAreEscaped() throws {
        let folder = try TemporaryFolder()
        for n in 0..<20 { try folder.write("docs/a\(n).txt", "file number \(n)") }
        try Self.createFile(
            named: Array("bad".utf8) + [0xFF, 0x1B] + Array(".txt".utf8), in: folder.file("docs"),
            contents: "x")
        let store = try IndexStore.inMemory()
        var reported: [Skip] = []
        let report = try Indexer(store: store).run(roots: [folder.file("docs")]) { skip in
            if reported.isEmpty {
                for n in 0..<12 {
                    try? FileManager.default.removeItem(atPath: folder.file("docs/a\(n).txt"))
                }
            }
            reported.append(skip)
        }
        #expect(report.added == 8)
        #expect(report.vanished == 12)
        #expect(report.skipped == 13)
        #expect(report.vanishedNote == "12 files vanished during the run")
        #expect(
            reported.map(\.description) == [
                "skipped \(folder.file("docs"))/bad\\xff\\x1b.txt: the file name is not valid UTF-8"
            ])
    }

    @Test(
        arguments: [
            ([0x61, 0xFF, 0x62], "a\\xffb"),
            (Array("café".utf8), "café"),
            ([0x63, 0x61, 0x66, 0xC3], "caf\\xc3"),
            ([0xE2, 0x82], "\\xe2\\x82"),
            ([0x61, 0x5C, 0x62, 0x1B, 0x0A], "a\\b\\x1b\\x0a"),
            ([0xF0, 0x9F, 0x98, 0x80], "😀"),
        ] as [([UInt8], String)])
    func fileNamesPrintWithEscapes(bytes: [UInt8], shown: String) {
        #expect(FileName.escaped(bytes) == shown)
        #expect(FileName.escaped(Array(shown.utf8)) == shown)
    }

    @Test func skippedPathsShowControlCharactersAsEscapes() {
        #expect(
            Skip(path: "a\u{1B}[2Jb.txt", reason: .binary).description
                == "skipped a\\x1b[2Jb.txt: binary file")
    }
}
