import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// `--expand` learns only from documents the query's filters let through, and `--recent`
/// orders ties by path like every other ordering.
struct FeedbackAndTieOrderTests {
    /// Forty fillers; wings documents from two sources, the `Other` ones full of "zeppelin";
    /// and a `Kept` document about zeppelins only, reachable only through that term.
    static let wings: [String: String] = {
        var files: [String: String] = [:]
        for index in 0..<40 {
            files["filler\(index).txt"] =
                "Filler \(index)\n\nNothing on the topic, number \(index)."
        }
        files["a.md"] = doc("Kept", "Supersonic wings", "Swept wings reduce wave drag at speed.")
        files["b.md"] = doc("Kept", "Wing design", "Thin wings and wave drag near Mach one.")
        files["x.md"] = doc(
            "Other", "Supersonic wings", "Supersonic wings of the zeppelin, zeppelin, zeppelin.")
        files["y.md"] = doc("Other", "Wings", "Zeppelin wings: zeppelin supersonic zeppelin.")
        files["c.md"] = doc("Kept", "Airships", "A zeppelin over the harbour.")
        return files
    }()

    static func doc(_ source: String, _ title: String, _ body: String) -> String {
        "---\ntitle: \(title)\nsource: \(source)\n---\n\n\(body)"
    }

    @Test(arguments: ["supersonic wings source:Kept", "supersonic wings -source:Other"])
    func feedbackDocumentsAreTheFilteredTopDocuments(query: String) throws {
        let (store, folder) = try indexedStore(Self.wings)
        var options = SearchOptions(match: .any)
        options.displayBase = folder.path
        options.expand = true
        let result = try Searcher(store: store).search(query, options: options)
        #expect(!result.hits.map(\.id).contains("c.md"), "reached through a filtered-out term")
        let phrases = result.executed?.phrases ?? []
        #expect(phrases.contains("+drag"))
        #expect(!phrases.contains("+zeppelin"))
        #expect(result.hits.map(\.id).contains("a.md"))
    }

    @Test func expansionStillLearnsWithoutFilters() throws {
        let (store, _) = try indexedStore(Self.wings)
        var options = SearchOptions(match: .any)
        options.expand = true
        let result = try Searcher(store: store).search("supersonic wings", options: options)
        let phrases = result.executed?.phrases ?? []
        #expect(phrases.contains("+zeppelin"))
    }

    /// Two identical documents tie on relevance and recency; the one added first (`b.md`,
    /// the lower row id) must still come second.
    @Test func recencyTiesAreInPathOrder() throws {
        let folder = try TemporaryFolder()
        let text = "---\ntitle: Harbour news\ndate: 2024-03-30\n---\n\nThe harbour reopened."
        let store = try IndexStore.inMemory()
        try folder.write("b.md", text)
        _ = try Indexer(store: store).run(roots: [folder.path])
        try folder.write("a.md", text)
        _ = try Indexer(store: store).run(roots: [folder.path])
        var options = SearchOptions()
        options.displayBase = folder.path
        options.collapse = false
        let plain = try Searcher(store: store).search("harbour", options: options).hits
        options.recency = RecencyBlend(today: "2024-03-31")
        let recent = try Searcher(store: store).search("harbour", options: options).hits
        #expect(plain.map(\.id) == ["a.md", "b.md"])
        #expect(recent.map(\.id) == ["a.md", "b.md"])
        #expect(recent.map(\.score) == [recent[0].score, recent[0].score])
    }
}
