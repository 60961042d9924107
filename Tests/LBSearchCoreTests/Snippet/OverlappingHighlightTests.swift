import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Matches that overlap or touch (CJK bigrams share characters) are one highlighted span,
/// and no text is written twice, in snippets, titles and whole documents (`show`, serve).
struct OverlappingHighlightTests {
    static let markers = HighlightTests.markers

    func hit(_ files: [String: String], _ query: String) throws -> Hit? {
        let (store, _) = try indexedStore(files)
        return try Searcher(store: store).search(query).hits.first
    }

    @Test(arguments: [
        ("仕事をしている人", "てい いる", "仕事をし⟦ている⟧人"),
        ("仕事をしている人", "して いる", "仕事を⟦している⟧人"),
        ("仕事をしている人", "してい ている", "仕事を⟦している⟧人"),
        ("生活が安定しているから", "安定 して", "生活が⟦安定して⟧いるから"),
        ("生活が安定しているから", "安定し して", "生活が⟦安定して⟧いるから"),
        ("黒猫が好き", "黒猫 猫", "⟦黒猫⟧が好き"),
        ("黒猫が好き", "猫 猫が", "黒⟦猫が⟧好き"),
        ("AIアートの話", "AI アート", "⟦AIアート⟧の話"),
        ("AI art news", "AI art", "⟦AI⟧ ⟦art⟧ news"),
    ])
    func overlappingMatchesAreOneSpan(body: String, query: String, expected: String) throws {
        let files = ["doc.txt": "見出し\n\n" + body]
        let hit = try #require(try hit(files, query))
        #expect(hit.snippet.rendered(Self.markers) == expected)
    }

    @Test func aTitleWithOverlappingMatchesIsWrittenOnce() throws {
        let files = ["doc.txt": "描く意味を問われている」生成AIイラスト\n\n本文はここにある。"]
        let hit = try #require(try hit(files, "てい いる"))
        #expect(hit.title.rendered(Self.markers) == "描く意味を問われ⟦ている⟧」生成AIイラスト")
    }

    @Test func aWholeDocumentWithOverlappingMatchesIsWrittenOnce() throws {
        let (store, folder) = try indexedStore(["a.txt": "題名\n\n仕事をしている。\n趣味でもしている。"])
        let lookup = DocumentLookup(store: store, displayBase: folder.path)
        let document = try lookup.document("a.txt", query: "てい いる")
        #expect(
            document.paragraphs.map { $0.rendered(Self.markers) } == [
                "仕事をし⟦ている⟧。", "趣味でもし⟦ている⟧。",
            ])
    }

    /// Documents of the bundled corpus and of `../shared/data/ja`: for queries of two or three
    /// bigrams cut from the text (so that they overlap), every snippet fragment is a stretch
    /// of the document's text and the title is the title, however the matches fall.
    @Test func japaneseNewsIsNeverRepeated() throws {
        var files = try Self.bundledJapanese()
        files.merge(Self.sharedJapanese(limit: 30)) { first, _ in first }
        try #require(!files.isEmpty)
        let (store, _) = try indexedStore(files)
        let searcher = Searcher(store: store)
        var generator = SplitMix(seed: SplitMix.testSeed)
        for (name, contents) in files.sorted(by: { $0.key < $1.key }) {
            let flat = Self.flattened(contents)
            let scalars = Array(flat.unicodeScalars).filter(CJKText.isCJK)
            guard scalars.count > 8 else { continue }
            for _ in 0..<6 {
                let query = Self.overlappingBigrams(scalars, &generator)
                for hit in try searcher.search(query).hits {
                    let whole = Self.flattened(files[Self.name(hit.path)] ?? "")
                    for fragment in hit.snippet.fragments + [hit.title] {
                        let text = Self.flattened(fragment.text)
                        #expect(
                            whole.contains(text),
                            "\(name) seed \(SplitMix.testSeed) query \(query): \(text)")
                    }
                }
            }
        }
    }

    /// Two or three bigrams from one place of `scalars`, each one character after the last.
    static func overlappingBigrams(_ scalars: [Unicode.Scalar], _ generator: inout SplitMix)
        -> String
    {
        let count = Int.random(in: 2...3, using: &generator)
        let start = Int.random(in: 0..<(scalars.count - count - 1), using: &generator)
        return (0..<count).map { offset in
            String(String.UnicodeScalarView(scalars[(start + offset)..<(start + offset + 2)]))
        }.joined(separator: " ")
    }

    /// The letters and digits of `text` (snippets collapse white space; Markdown loses its
    /// marks).
    static func flattened(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter {
                    $0.properties.isAlphabetic || $0.properties.numericType != nil
                }))
    }

    static func name(_ path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.count >= 2 && parts[parts.count - 2] == "ja"
            ? "ja/" + parts[parts.count - 1] : String(parts.last ?? "")
    }

    /// The bundled corpus's files with Japanese text, by name.
    static func bundledJapanese() throws -> [String: String] {
        let corpus = URL(fileURLWithPath: #filePath).appendingPathComponent("../../../../corpus")
            .standardized
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path)
        where name.hasSuffix(".md") || name.hasSuffix(".txt") {
            let text = try String(
                contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
            if text.unicodeScalars.filter(CJKText.isCJK).count > 50 { files[name] = text }
        }
        return files
    }

    /// The first `limit` records of `../shared/data/ja` as text files (title, blank line,
    /// text); none when the data is absent.
    static func sharedJapanese(limit: Int) -> [String: String] {
        let file = URL(fileURLWithPath: #filePath).appendingPathComponent(
            "../../../../../shared/data/ja/corpus-00.jsonl"
        ).standardized
        guard let data = try? Data(contentsOf: file) else {
            print("skipping ../shared/data/ja: not found at \(file.path)")
            return [:]
        }
        var files: [String: String] = [:]
        for line in data.split(separator: 0x0A).prefix(limit) {
            guard
                let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let id = object["_id"] as? String, let title = object["title"] as? String,
                let text = object["text"] as? String
            else { continue }
            files["ja/\(id).txt"] = title + "\n\n" + text
        }
        return files
    }
}
