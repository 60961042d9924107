import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

struct DocumentLookupTests {
    static let files = [
        "notes/art.md":
            "---\ntitle: Painted backgrounds\ndate: 2024-01-02\nsource: Wire\ntags: [art, studio]\n---\n\nStudios paint backgrounds by hand.\n\nThe painters prefer painting at night.",
        "a.jsonl":
            #"{"_id": "r1", "title": "Key frames", "text": "Animators draw key frames first."}"#
            + "\n"
            + #"{"_id": "shared", "title": "Cel art", "text": "Cel art is painted on acetate."}"#
            + "\n",
        "b.jsonl": #"{"_id": "shared", "title": "Other shared", "text": "Another record."}"# + "\n",
        "cjk.txt": "猫の本\n\n黒猫が好きです。猫が三匹いる。",
    ]

    func lookup() throws -> (DocumentLookup, TemporaryFolder) {
        let (store, folder) = try indexedStore(Self.files)
        return (DocumentLookup(store: store, displayBase: folder.path), folder)
    }

    @Test func findsAFileByPathRelativeOrAsStored() throws {
        let (lookup, folder) = try lookup()
        let relative = try lookup.document("notes/art.md")
        #expect(relative.title.text == "Painted backgrounds")
        #expect(relative.path == "notes/art.md" && relative.id == "notes/art.md")
        #expect(
            relative.record == nil && relative.date == "2024-01-02" && relative.source == "Wire")
        #expect(relative.tags == ["art", "studio"])
        #expect(try lookup.document(folder.file("notes/art.md")) == relative)
    }

    @Test func keepsParagraphs() throws {
        let (lookup, _) = try lookup()
        let document = try lookup.document("notes/art.md")
        #expect(
            document.paragraphs.map(\.text) == [
                "Studios paint backgrounds by hand.", "The painters prefer painting at night.",
            ])
    }

    @Test func findsAJSONLRecordByQualifiedOrUniqueID() throws {
        let (lookup, folder) = try lookup()
        let byID = try lookup.document("r1")
        #expect(byID.title.text == "Key frames" && byID.record == "r1")
        #expect(byID.location == "a.jsonl#r1")
        #expect(try lookup.document("a.jsonl#r1") == byID)
        #expect(try lookup.document(folder.file("a.jsonl") + "#r1") == byID)
        #expect(try lookup.document("b.jsonl#shared").title.text == "Other shared")
        #expect(try lookup.document("b.jsonl").title.text == "Other shared")
    }

    @Test func sharedIDsAndManyRecordFilesAreAmbiguous() throws {
        let (lookup, _) = try lookup()
        #expect(
            throws: LBSearchError.ambiguousDocument(
                "shared", candidates: ["a.jsonl#shared", "b.jsonl#shared"])
        ) {
            try lookup.document("shared")
        }
        #expect(
            throws: LBSearchError.ambiguousDocument(
                "a.jsonl", candidates: ["a.jsonl#r1", "a.jsonl#shared"])
        ) {
            try lookup.document("a.jsonl")
        }
    }

    @Test(arguments: ["missing.md", "a.jsonl#nope", "", "#", "r1#"])
    func unknownReferencesAreAnError(reference: String) throws {
        let (lookup, _) = try lookup()
        #expect(throws: LBSearchError.noSuchDocument(reference)) {
            try lookup.document(reference)
        }
    }

    /// Highlights follow search: stems (`painting` for `paint`), every positive word even when
    /// the document lacks another one, never an excluded word.
    @Test func highlightsEveryMatchOfTheQuery() throws {
        let (lookup, _) = try lookup()
        let document = try lookup.document("notes/art.md", query: "paint zebra -night")
        let marked = document.paragraphs.map { $0.rendered(.markers(open: "⟦", close: "⟧")) }
        #expect(
            marked == [
                "Studios ⟦paint⟧ backgrounds by hand.",
                "The painters prefer ⟦painting⟧ at night.",
            ])
    }

    @Test func highlightsPhrasesAsOneSpanAndTitles() throws {
        let (lookup, _) = try lookup()
        let document = try lookup.document("a.jsonl#shared", query: "\"cel art\"")
        #expect(document.title.rendered(.plain) == "[Cel art]")
        #expect(
            document.paragraphs.map { $0.rendered(.plain) } == ["[Cel art] is painted on acetate."])
    }

    @Test func highlightsOneCJKCharacterInsideBigrams() throws {
        let (lookup, _) = try lookup()
        let document = try lookup.document("cjk.txt", query: "猫")
        #expect(document.paragraphs.map { $0.rendered(.plain) } == ["黒[猫]が好きです。[猫]が三匹いる。"])
    }

    @Test func aMatchAcrossALineBreakIsClosedAndReopened() {
        let open = String(Character(HighlightMarker.open))
        let close = String(Character(HighlightMarker.close))
        let lines = DocumentLookup.paragraphs("a \(open)key\nframes\(close) b\nc")
        #expect(lines == ["a \(open)key\(close)", "\(open)frames\(close) b", "c"])
    }
}
