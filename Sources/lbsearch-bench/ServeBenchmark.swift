import Foundation
import LBSearchCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `/api/search` of a running `lbsearch serve` beside the same search in this process.
///
/// Like with like: the in-process side opens the index read-only as the server does and runs
/// the API's options (top 10, suggestion, 2 s budget, facets source, tag and year; or none with
/// `facets=0`), then writes the same JSON. Each query runs on both sides in turn, so machine
/// load hits both alike; the HTTP side uses one kept-alive connection with a minimal client.
/// A static file (`/app.css`) fetched the same way measures HTTP and client overhead alone.
///
/// usage: lbsearch-bench serve --index DB --queries FILE --port PORT [--runs N]
enum ServeBenchmark {
    static func run() throws {
        guard let index = option("--index"), let file = option("--queries"),
            let port = option("--port").flatMap({ UInt16($0) })
        else { throw UsageError("serve needs --index DB, --queries FILE and --port PORT") }
        let runs = Int(option("--runs", "14") ?? "") ?? 14
        let queries = try String(contentsOfFile: file, encoding: .utf8).split(
            whereSeparator: \.isNewline
        ).map(String.init)
        let searcher = Searcher(store: try IndexStore.openForReading(at: index))
        let client = try HTTPClient(port: port)
        for faceted in [true, false] {
            var local: [Double] = []
            var encoded: [Double] = []
            var remote: [Double] = []
            var overhead: [Double] = []
            var served: [Double] = []
            var answered: [Double] = []
            for text in queries {  // warm-up pass
                _ = try searcher.search(text, options: apiOptions(faceted))
                _ = try client.get(searchPath(text, faceted))
            }
            for _ in 0..<runs {
                for text in queries {
                    var result: SearchResult?
                    local.append(
                        try milliseconds {
                            result = try searcher.search(text, options: apiOptions(faceted))
                        })
                    guard let result else { continue }
                    let writing = milliseconds { _ = jsonDocument(text, result) }
                    encoded.append(local[local.count - 1] + writing)
                    var head = ""
                    remote.append(
                        try milliseconds { head = try client.get(searchPath(text, faceted)).head })
                    served.append(serverTiming("search", head))
                    answered.append(serverTiming("answer", head))
                    overhead.append(try milliseconds { _ = try client.get("/app.css") })
                }
            }
            print("== \(faceted ? "with facets" : "facets=0")")
            report("in process: search", local)
            report("in process: search + JSON", encoded)
            report("server: search", served)
            report("server: whole answer", answered)
            printComparison(local, encoded, remote, overhead)
        }
    }

    /// The options `/api/search?q=…` runs with (see `SearchRequest`).
    static func apiOptions(_ faceted: Bool) -> SearchOptions {
        var options = SearchOptions(limit: 10, offset: 0)
        options.timeout = 2.0
        options.facets = faceted ? FacetField.allCases : []
        return options
    }

    static func jsonDocument(_ text: String, _ result: SearchResult) -> String {
        JSONWriter.document(
            result.hits, query: text, relaxed: result.relaxed, suggestion: result.suggestion,
            total: result.total, complete: !result.cut, facets: result.facets)
    }

    static func searchPath(_ text: String, _ faceted: Bool) -> String {
        var components = URLComponents()
        components.path = "/api/search"
        components.queryItems =
            [URLQueryItem(name: "q", value: text)]
            + (faceted ? [] : [URLQueryItem(name: "facets", value: "0")])
        return components.string ?? "/api/search"
    }

    /// The duration of `metric` in the `Server-Timing` header of `head`, in ms (0 if none).
    static func serverTiming(_ metric: String, _ head: String) -> Double {
        guard let range = head.range(of: metric + ";dur=") else { return 0 }
        return Double(head[range.upperBound...].prefix { $0.isNumber || $0 == "." }) ?? 0
    }

    static func printComparison(
        _ local: [Double], _ encoded: [Double], _ remote: [Double], _ overhead: [Double]
    ) {
        report("HTTP GET /api/search", remote)
        report("HTTP GET /app.css (overhead)", overhead)
        print(
            String(
                format: "ratio HTTP / search         p50 %8.2f      p95 %8.2f",
                percentile(remote, 0.5) / percentile(local, 0.5),
                percentile(remote, 0.95) / percentile(local, 0.95)))
        print(
            String(
                format: "ratio HTTP / search + JSON  p50 %8.2f      p95 %8.2f",
                percentile(remote, 0.5) / percentile(encoded, 0.5),
                percentile(remote, 0.95) / percentile(encoded, 0.95)))
    }
}

/// A minimal HTTP/1.1 client on one kept-alive connection to 127.0.0.1: a request out, the
/// headers and `Content-Length` bytes of body in; nothing else (enough for a benchmark).
final class HTTPClient {
    let descriptor: Int32
    var pending: [UInt8] = []

    init(port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var noDelay: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, 4)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw UsageError("cannot connect to 127.0.0.1:\(port)") }
    }

    deinit { close(descriptor) }

    /// The headers and body of `GET path`; throws unless the status is 200.
    func get(_ path: String) throws -> (head: String, body: [UInt8]) {
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard send(descriptor, request, request.count, 0) == request.count else {
            throw UsageError("the server closed the connection")
        }
        let separator = Array("\r\n\r\n".utf8)
        var headerEnd = pending.firstRange(of: separator)
        while headerEnd == nil {
            try receive()
            headerEnd = pending.firstRange(of: separator)
        }
        let end = headerEnd?.upperBound ?? 0
        let head = String(decoding: pending[..<end], as: UTF8.self)
        guard head.hasPrefix("HTTP/1.1 200") else { throw UsageError("GET \(path): \(head)") }
        let length =
            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        while pending.count < end + length { try receive() }
        let body = Array(pending[end..<end + length])
        pending.removeFirst(end + length)
        return (head, body)
    }

    func receive() throws {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { throw UsageError("the server closed the connection") }
        pending += buffer[..<count]
    }
}
