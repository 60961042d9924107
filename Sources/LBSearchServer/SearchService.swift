import Foundation
import LBSearchCore

/// The API and the page, independent of any HTTP server: a method, a path and its parameters
/// in, a `Reply` out.
///
/// - `GET /api/search?q=…&limit=&offset=&sort=&match=&since=&until=&expand=&recent=`: the
///   object of `lbsearch search --format json`, plus `facets`.
/// - `GET /api/document/{id}?q=…`: one document, every match of `q` marked.
/// - `GET /api/export.csv?q=…`: the CSV of `lbsearch search --format csv`.
/// - `GET /api/status`: the object of `lbsearch status --json`.
/// - `GET /`, `GET /doc/{id}`: the search page; `/app.js`, `/app.css`: its script and style.
public struct SearchService: Sendable {
    /// The index, read through a few shared connections.
    public let archive: ArchiveReader
    /// The folder paths are shown relative to, as the command line shows them from its own.
    public let displayBase: String?

    /// A service over `archive`; paths shown relative to `displayBase`.
    public init(archive: ArchiveReader, displayBase: String?) {
        self.archive = archive
        self.displayBase = displayBase
    }

    /// The answer to `method` on `path` (percent-encoded, as sent) with `parameters`.
    public func respond(method: String, path: String, parameters: [String: String]) async
        -> Reply
    {
        guard method == "GET" || method == "HEAD" else {
            return .error(.methodNotAllowed(method))
        }
        do {
            return try await route(path, parameters)
        } catch let error as APIError {
            return .error(error)
        } catch let error as LBSearchError {
            return .error(.search(error))
        } catch {
            return .error(.search(.cannotOpenIndex(path: archive.path, reason: .inputOutput)))
        }
    }

    /// Dispatches on the path.
    func route(_ path: String, _ parameters: [String: String]) async throws -> Reply {
        let documentPrefix = "/api/document/"
        switch path {
        case "/api/search": return try await search(parameters)
        case "/api/export.csv": return try await export(parameters)
        case "/api/status": return try await status()
        case "/", "/index.html": return Page.html
        case "/app.js": return Page.script
        case "/app.css": return Page.style
        case _ where path.hasPrefix(documentPrefix):
            let id = String(path.dropFirst(documentPrefix.count))
            return try await document(id.removingPercentEncoding ?? id, parameters["q"])
        case _ where path.hasPrefix("/doc/"): return Page.html
        default: throw APIError.noSuchPath(path.removingPercentEncoding ?? path)
        }
    }

    /// `/api/search`: what `lbsearch search --format json --facets source,tag,year` prints
    /// (without facets for `facets=0`).
    func search(_ parameters: [String: String]) async throws -> Reply {
        var given = try SearchRequest(parameters)
        given.options.displayBase = displayBase
        given.options.facets = given.facets ? FacetField.allCases : []
        let request = given
        let started = ContinuousClock.now
        let result = try await archive.read { store in
            try Searcher(store: store).search(request.text, options: request.options)
        }
        var reply = Reply.json(
            JSONWriter.document(
                result.hits, query: request.text, relaxed: result.relaxed,
                suggestion: result.suggestion, total: result.total, complete: !result.cut,
                facets: result.facets))
        reply.headers = [
            Reply.serverTiming(search: result.seconds, total: ContinuousClock.now - started)
        ]
        return reply
    }

    /// `/api/export.csv`: the command line's CSV, as a download.
    func export(_ parameters: [String: String]) async throws -> Reply {
        var given = try SearchRequest(parameters, limits: APILimits.exportSize)
        if parameters["limit"] == nil { given.options.limit = APILimits.exportSize.upperBound }
        given.options.displayBase = displayBase
        let request = given
        let hits = try await archive.read { store in
            try Searcher(store: store).search(request.text, options: request.options).hits
        }
        var reply = Reply(
            contentType: "text/csv; charset=utf-8", body: DelimitedWriter(.csv).render(hits))
        reply.headers = [("Content-Disposition", "attachment; filename=\"lbsearch.csv\"")]
        return reply
    }

    /// `/api/status`: what `lbsearch status --json` prints.
    func status() async throws -> Reply {
        .json(try await archive.read { try $0.status().json } + "\n")
    }

    /// `/api/document/{id}`: the document, every match of `query` marked; 404 for no such id.
    func document(_ id: String, _ query: String?) async throws -> Reply {
        guard (query ?? "").count <= APILimits.queryCharacters else {
            throw APIError.queryTooLong(limit: APILimits.queryCharacters)
        }
        let base = displayBase
        let document: StoredDocument
        do {
            document = try await archive.read { store in
                try DocumentLookup(store: store, displayBase: base).document(id, query: query)
            }
        } catch LBSearchError.noSuchDocument, LBSearchError.ambiguousDocument {
            throw APIError.noSuchDocument(id)
        }
        return .json(Self.json(document).serialized() + "\n")
    }

    /// A document as JSON: the fields of a search hit, its tags and its whole text (paragraphs
    /// separated by a blank line), with highlights as `[start, end)` code points of `title` and
    /// of `body`.
    static func json(_ document: StoredDocument) -> JSONValue {
        let body = joined(document.paragraphs)
        return .object([
            ("id", .string(document.id)), ("title", .string(document.title.text)),
            ("date", optional(document.date)), ("source", optional(document.source)),
            ("path", .string(document.path)), ("url", optional(document.url)),
            ("tags", .array(document.tags.map(JSONValue.string))),
            ("title_highlights", ranges(document.title.highlights)),
            ("body", .string(body.text)), ("highlights", ranges(body.highlights)),
        ])
    }

    /// `paragraphs` as one fragment, a blank line between two, highlights moved along.
    static func joined(_ paragraphs: [Fragment]) -> Fragment {
        var text = ""
        var highlights: [Range<Int>] = []
        var offset = 0
        for (index, paragraph) in paragraphs.enumerated() {
            if index > 0 {
                text += "\n\n"
                offset += 2
            }
            text += paragraph.text
            highlights += paragraph.highlights.map {
                ($0.lowerBound + offset)..<($0.upperBound + offset)
            }
            offset += paragraph.text.unicodeScalars.count
        }
        return Fragment(text: text, highlights: highlights)
    }

    static func optional(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    static func ranges(_ ranges: [Range<Int>]) -> JSONValue {
        .array(
            ranges.map { .array([.number(Double($0.lowerBound)), .number(Double($0.upperBound))]) })
    }
}
