import Testing

@testable import LBSearchCore

struct DocumentFormatTests {
    @Test(arguments: [
        ("/a/b.txt", DocumentFormat.text), ("/a/B.TXT", .text), ("notes.text", .text),
        ("/x/y.md", .markdown),
        ("y.Markdown", .markdown), ("p.html", .html), ("p.HTM", .html), ("p.xhtml", .html),
        ("c.jsonl", .jsonl),
        ("c.ndjson", .jsonl),
    ])
    func knownEndings(name: String, format: DocumentFormat) {
        #expect(DocumentFormat(fileName: name) == format)
    }

    @Test(arguments: [
        "/a.txt/readme", "/a/b", "/a/b.", "/a/b.png", "/a/b.txt.gz", "/a/b.t@t", "/a/b.tXtx",
        "/a/é.mdé",
    ])
    func otherNamesAreNotRead(name: String) {
        #expect(DocumentFormat(fileName: name) == nil)
    }
}
