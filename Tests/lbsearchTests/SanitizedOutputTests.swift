import Foundation
import LBSearchTestSupport
import Testing

/// A document whose front matter and file name hold escape sequences: no human-facing format
/// lets them through; JSON escapes them.
struct SanitizedOutputTests {
    @Test(arguments: ["text", "csv", "tsv", "json"])
    func escapesInFieldsNeverReachOutput(format: String) throws {
        let folder = try TemporaryFolder()
        let markdown = """
            ---
            title: "Harbour \\e[31mstrike\\e[0m"
            date: 2024-05-01
            source: "\\e]8;;http://evil.example\\aThe Wire\\e]8;;\\a \\u202Eesrever"
            tags: ["\\e[2Jtag"]
            ---

            The harbour strike went on.
            """
        try folder.write("docs/evil\u{1B}[2J.md", markdown)
        let index = folder.file("idx.db")
        #expect(try CLI.run(["index", "docs", "--index", index], cwd: folder.path).status == 0)
        let run = try CLI.run(["harbour", "--index", index, "--format", format], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("The Wire"))
        // JSON escapes control characters and leaves other text to the program that reads it.
        let unsafe = run.stdout.unicodeScalars.filter { scalar in
            scalar.value == 0x1B || scalar.value == 0x07
                || (format != "json" && scalar.value == 0x202E)
        }
        #expect(unsafe.isEmpty, "\(run.stdout.debugDescription)")
        if format == "json" { #expect(run.stdout.contains("\\u001b")) }
    }

    @Test func statusShowsRootsWithoutTheirEscapes() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs\u{1B}]0;pwned\u{7}/a.txt", "some words")
        let index = folder.file("idx.db")
        #expect(
            try CLI.run(["index", "docs\u{1B}]0;pwned\u{7}", "--index", index], cwd: folder.path)
                .status == 0)
        let run = try CLI.run(["status", "--index", index], cwd: folder.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("docs]0;pwned"))
        #expect(!run.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
}
