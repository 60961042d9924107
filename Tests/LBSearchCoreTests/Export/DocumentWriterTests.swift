import Testing

@testable import LBSearchCore

struct DocumentWriterTests {
    static let document = StoredDocument(
        id: "a.jsonl#r1", path: "a.jsonl", record: "r1",
        title: Fragment(text: "Key frames", highlights: [0..<3]), date: "2024-01-02",
        source: "Wire\u{1B}[31m", url: nil, tags: [], body: "Animators draw key frames.\nMore.",
        paragraphs: [
            Fragment(text: "Animators draw key frames.", highlights: [15..<18]),
            Fragment(text: "More."),
        ])

    @Test func textHasTheHeaderThenParagraphs() {
        let text = DocumentWriter(color: false).text(Self.document)
        #expect(
            text == """
                [Key] frames
                date: 2024-01-02
                source: Wire[31m
                path: a.jsonl#r1

                Animators draw [key] frames.

                More.

                """)
        #expect(!text.contains("\u{1B}"))
    }

    @Test func colourWrapsWithoutSplittingAMatch() {
        let text = DocumentWriter(color: true, width: 20).text(Self.document)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("Animators draw \u{1B}[1;31mkey\u{1B}[0m"))
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
    }

    @Test func jsonHasTheStoredFields() {
        let json = DocumentWriter.json(Self.document)
        #expect(
            json.hasPrefix(
                #"{"id":"a.jsonl#r1","title":"Key frames","date":"2024-01-02","source":"Wire\u001b[31m","path":"a.jsonl","url":null,"record":"r1","tags":[],"text":"Animators draw key frames.\nMore.","fragments":[{"text":"Animators draw key frames.","highlights":[[15,18]]}"#
            ))
    }
}
