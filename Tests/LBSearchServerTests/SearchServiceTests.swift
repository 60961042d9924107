import Foundation
import LBSearchCore
import LBSearchServer
import LBSearchTestSupport
import Testing

/// The API's answers: status codes, JSON shapes, bounds, errors as JSON.
@Suite(.serialized)
struct SearchServiceTests {
    let fixture: ServerFixture

    init() throws {
        fixture = try ServerFixture()
    }

    @Test func searchAnswersTheCommandLinesDocumentPlusFacets() async throws {
        let reply = await fixture.get("/api/search", ["q": "AI art", "limit": "5"])
        #expect(reply.status == 200)
        #expect(reply.contentType.hasPrefix("application/json"))
        let store = try IndexStore.openForReading(at: fixture.index)
        var options = SearchOptions(limit: 5, displayBase: fixture.folder.path)
        options.timeout = APILimits.searchSeconds
        let result = try Searcher(store: store).search("AI art", options: options)
        let cli = JSONWriter.document(
            result.hits, query: "AI art", relaxed: result.relaxed, suggestion: result.suggestion,
            total: result.total, complete: !result.cut)
        var served = try object(reply)
        let facets = served.removeValue(forKey: "facets") as? [String: Any]
        let expected = try JSONSerialization.jsonObject(with: Data(cli.utf8)) as? NSDictionary
        #expect(NSDictionary(dictionary: served) == expected)
        let sources = facets?["source"] as? [[String: Any]] ?? []
        #expect(sources.first?["value"] as? String == "Wire")
        #expect(sources.first?["count"] as? Int == 1)
        #expect((facets?["year"] as? [[String: Any]])?.count == 1)
        let tags = (facets?["tag"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
        #expect(tags == ["ai", "studios"])
    }

    @Test(arguments: [
        ("art", ["Post": 1, "Wire": 1], ["2023": 1, "2024": 1]),
        ("art source:post", ["Post": 1], ["2023": 1]),
        ("art -source:post", ["Wire": 1], ["2024": 1]),
        ("art date:2024", ["Wire": 1], ["2024": 1]), ("art tag:studios", ["Wire": 1], ["2024": 1]),
        ("painted zebra", ["Post": 1], ["2023": 1]), ("zebra", [:], [:]),
    ])
    func facetsCountEveryMatchingDocumentUnderTheQuerysFilters(
        query: String, sources: [String: Int], years: [String: Int]
    ) async throws {
        let facets = try object(await fixture.get("/api/search", ["q": query]))["facets"]
        let counts = { (field: String) -> [String: Int] in
            let rows = (facets as? [String: Any])?[field] as? [[String: Any]] ?? []
            return Dictionary(
                uniqueKeysWithValues: rows.compactMap { row in
                    (row["value"] as? String).map { ($0, row["count"] as? Int ?? 0) }
                })
        }
        #expect(counts("source") == sources)
        #expect(counts("year") == years)
    }

    @Test(arguments: [
        (["q": "art", "limit": "0"], "limit"), (["q": "art", "limit": "101"], "limit"),
        (["q": "art", "limit": "ten"], "limit"), (["q": "art", "offset": "-1"], "offset"),
        (["q": "art", "sort": "size"], "sort"), (["q": "art", "match": "some"], "match"),
        (["q": "art", "since": "yesterday"], "yesterday"),
        (["q": "art", "since": "2025", "until": "2024"], "since 2025 is after until 2024"),
        (["q": "art date:2025..2024"], "date:2025..2024 starts after it ends"),
        (["q": "art", "expand": "maybe"], "expand"),
        (["q": String(repeating: "art ", count: 300)], "longer than"), (["q": ""], "no words"),
        (["q": "-manga"], "only excludes"), (["q": "art", "facets": "all"], "facets"),
    ])
    func badParametersAre400WithOneLine(parameters: [String: String], mention: String) async throws
    {
        let reply = await fixture.get("/api/search", parameters)
        #expect(reply.status == 400)
        let message = try object(reply)["error"] as? String ?? ""
        #expect(message.contains(mention), "\(message)")
        #expect(!message.contains("\n") && !message.lowercased().contains("sqlite"))
    }

    @Test(arguments: ["", "   ", "-", "* : \""])
    func aQueryWithoutWordsSaysSoWithoutTheCommandLinesHint(query: String) async throws {
        let reply = await fixture.get("/api/search", ["q": query])
        #expect(reply.status == 400)
        #expect(try object(reply)["error"] as? String == "the query has no words to search for")
    }

    @Test func titlesOfHitsHaveTheirMatchesMarked() async throws {
        let hits = try object(await fixture.get("/api/search", ["q": "studio art"]))["hits"]
        let first = try #require((hits as? [[String: Any]])?.first)
        #expect(first["title"] as? String == "AI art in the studio")
        #expect(first["title_highlights"] as? [[Int]] == [[3, 6], [14, 20]])
    }

    @Test func facetsZeroLeavesThemOut() async throws {
        let reply = await fixture.get("/api/search", ["q": "art", "facets": "0"])
        #expect(reply.status == 200)
        #expect(try object(reply)["facets"] == nil)
        #expect(try object(reply)["total"] as? Int == 3)
    }

    @Test func aSearchSaysWhereItsTimeWentInServerTiming() async throws {
        let timing = await fixture.get("/api/search", ["q": "art"]).header("Server-Timing") ?? ""
        let pattern = #"^search;dur=\d+\.\d\d, answer;dur=\d+\.\d\d$"#
        #expect(timing.range(of: pattern, options: .regularExpression) != nil, "\(timing)")
    }

    @Test func documentByIdHasItsTextAndEveryMatchMarked() async throws {
        let reply = await fixture.get("/api/document/docs%2Fai-art.md", ["q": "AI art"])
        #expect(reply.status == 200)
        let document = try object(reply)
        #expect(document["title"] as? String == "AI art in the studio")
        #expect(document["source"] as? String == "Wire")
        #expect(document["tags"] as? [String] == ["ai", "studios"])
        let body = document["body"] as? String ?? ""
        let highlights = document["highlights"] as? [[Int]] ?? []
        let marked = highlights.map { range in
            String(String.UnicodeScalarView(Array(body.unicodeScalars)[range[0]..<range[1]]))
        }
        #expect(marked.map { $0.lowercased() } == ["ai", "art", "ai", "art"])
    }

    /// The document view marks every word of the query the text has, as `lbsearch show` does,
    /// even when the document lacks another word of it.
    @Test func aDocumentMarksTheWordsItHasOfALargerQuery() async throws {
        let reply = await fixture.get("/api/document/docs%2Fai-art.md", ["q": "art zebra"])
        #expect(reply.status == 200)
        let document = try object(reply)
        let body = document["body"] as? String ?? ""
        let highlights = document["highlights"] as? [[Int]] ?? []
        let marked = highlights.map { range in
            String(String.UnicodeScalarView(Array(body.unicodeScalars)[range[0]..<range[1]]))
        }
        #expect(marked.map { $0.lowercased() } == ["art", "art"])
    }

    @Test func searchHitIdsOpenTheirDocuments() async throws {
        let search = try object(await fixture.get("/api/search", ["q": "art", "limit": "10"]))
        let ids = (search["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids.count == 3)
        for id in ids {
            let encoded = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id
            let reply = await fixture.get("/api/document/" + encoded)
            #expect(reply.status == 200, "\(id)")
            #expect(try object(reply)["id"] as? String == id)
        }
    }

    @Test func unknownDocumentsAndPathsAre404() async throws {
        let document = await fixture.get("/api/document/docs%2Fnone.md")
        #expect(document.status == 404)
        #expect(try object(document)["error"] as? String == "no document has the id 'docs/none.md'")
        #expect(await fixture.get("/api/nothing").status == 404)
        let post = await fixture.service.respond(
            method: "POST", path: "/api/search", parameters: [:])
        #expect(post.status == 405)
    }

    @Test func aMissingOrForeignIndexIs503() async throws {
        let missing = SearchService(
            archive: ArchiveReader(path: fixture.folder.file("none.db")), displayBase: nil)
        let reply = await missing.respond(
            method: "GET", path: "/api/search", parameters: ["q": "art"])
        #expect(reply.status == 503)
        #expect((try object(reply)["error"] as? String ?? "").contains("none.db"))
        let foreign = try fixture.folder.write("foreign.db", "not a database at all, just text")
        let other = SearchService(archive: ArchiveReader(path: foreign), displayBase: nil)
        let status = await other.respond(method: "GET", path: "/api/status", parameters: [:])
        #expect(status.status == 503)
    }

    @Test func exportIsTheCommandLinesCSV() async throws {
        let reply = await fixture.get("/api/export.csv", ["q": "art"])
        #expect(reply.status == 200)
        #expect(reply.contentType.hasPrefix("text/csv"))
        #expect(reply.header("Content-Disposition")?.hasPrefix("attachment") == true)
        let store = try IndexStore.openForReading(at: fixture.index)
        var options = SearchOptions(limit: 1000, displayBase: fixture.folder.path)
        options.timeout = APILimits.searchSeconds
        let hits = try Searcher(store: store).search("art", options: options).hits
        #expect(reply.text == DelimitedWriter(.csv).render(hits))
    }

    @Test func statusIsTheCommandLinesJSON() async throws {
        let reply = await fixture.get("/api/status")
        #expect(reply.status == 200)
        let expected = try IndexStore.openForReading(at: fixture.index).status().json + "\n"
        #expect(reply.text == expected)
    }

    @Test func everyAnswerForbidsInlineScript() async throws {
        for path in ["/", "/doc/x", "/app.js", "/api/status", "/api/nothing"] {
            let csp = await fixture.get(path).header("Content-Security-Policy") ?? ""
            #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(path)")
        }
        let page = await fixture.get("/").text
        #expect(page.contains("<script src=\"/app.js\""))
        #expect(!page.contains("<script>"))
    }
}
