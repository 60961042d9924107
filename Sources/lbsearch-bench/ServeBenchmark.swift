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
/// Wall time is what a user waits; CPU time (this thread's, and the server process's from
/// `/proc`) is what each side costs, which load distorts much less. Then a static file
/// (`/app.css`) fetched the same way measures HTTP and client overhead alone.
///
/// usage: lbsearch-bench serve --index DB --queries FILE --port PORT --server-pid PID [--runs N]
enum ServeBenchmark {
    /// Milliseconds of wall and CPU time, per request, on each side.
    struct Samples {
        var search: [Double] = []
        var searchAndJSON: [Double] = []
        var searchCPU: [Double] = []
        var http: [Double] = []
        var serverSearch: [Double] = []
        var serverAnswer: [Double] = []
        var serverCPU = 0.0
    }

    static func run() throws {
        guard let index = option("--index"), let file = option("--queries"),
            let port = option("--port").flatMap({ UInt16($0) }),
            let server = option("--server-pid").flatMap({ Int32($0) })
        else {
            throw UsageError(
                "serve needs --index DB, --queries FILE, --port PORT, --server-pid PID")
        }
        let runs = Int(option("--runs", "14") ?? "") ?? 14
        let queries = try String(contentsOfFile: file, encoding: .utf8).split(
            whereSeparator: \.isNewline
        ).map(String.init)
        let searcher = Searcher(store: try IndexStore.openForReading(at: index))
        let client = try HTTPClient(port: port)
        for faceted in [true, false] {
            for text in queries {  // warm-up pass
                _ = try searcher.search(text, options: apiOptions(faceted))
                _ = try client.get(searchPath(text, faceted))
            }
            var samples = Samples()
            let cpuBefore = try processCPU(server)
            for _ in 0..<runs {
                for text in queries {
                    try measure(text, faceted, searcher, client, &samples)
                }
            }
            samples.serverCPU = (try processCPU(server) - cpuBefore) / Double(samples.http.count)
            printComparison(faceted ? "with facets" : "facets=0", samples)
        }
        var overhead: [Double] = []
        for _ in 0..<(runs * queries.count) {
            overhead.append(try milliseconds { _ = try client.get("/app.css") })
        }
        report("HTTP GET /app.css (overhead)", overhead)
    }

    /// One query in process (search, then JSON), then over HTTP.
    static func measure(
        _ text: String, _ faceted: Bool, _ searcher: Searcher, _ client: HTTPClient,
        _ samples: inout Samples
    ) throws {
        var result: SearchResult?
        let cpu = threadCPU()
        let wall = try milliseconds {
            result = try searcher.search(text, options: apiOptions(faceted))
        }
        samples.search.append(wall)
        guard let result else { return }
        let writing = milliseconds { _ = jsonDocument(text, result) }
        samples.searchCPU.append(threadCPU() - cpu)
        samples.searchAndJSON.append(wall + writing)
        var head = ""
        samples.http.append(
            try milliseconds { head = try client.get(searchPath(text, faceted)).head })
        samples.serverSearch.append(serverTiming("search", head))
        samples.serverAnswer.append(serverTiming("answer", head))
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

    /// This thread's CPU time so far, in ms.
    static func threadCPU() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1e6
    }

    /// The user and system CPU time of process `pid` so far, in ms (Linux `/proc`).
    static func processCPU(_ pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The fields after the command name (in parentheses); utime and stime are 14th and 15th.
        let fields = stat[(stat.lastIndex(of: ")") ?? stat.startIndex)...].split(separator: " ")
        let ticks = (Double(fields[12]) ?? 0) + (Double(fields[13]) ?? 0)
        return ticks * 1000 / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func printComparison(_ name: String, _ samples: Samples) {
        print("== \(name)")
        report("in process: search", samples.search)
        report("in process: search + JSON", samples.searchAndJSON)
        report("server: search", samples.serverSearch)
        report("server: whole answer", samples.serverAnswer)
        report("HTTP GET /api/search", samples.http)
        print(
            String(
                format: "ratio HTTP / search         p50 %8.2f      p95 %8.2f",
                percentile(samples.http, 0.5) / percentile(samples.search, 0.5),
                percentile(samples.http, 0.95) / percentile(samples.search, 0.95)))
        print(
            String(
                format: "ratio HTTP / search + JSON  p50 %8.2f      p95 %8.2f",
                percentile(samples.http, 0.5) / percentile(samples.searchAndJSON, 0.5),
                percentile(samples.http, 0.95) / percentile(samples.searchAndJSON, 0.95)))
        let mean = samples.searchCPU.reduce(0, +) / Double(max(samples.searchCPU.count, 1))
        print(
            String(
                format:
                    "CPU per search: in process (search + JSON) %.2f ms, server %.2f ms (%.2fx)",
                mean, samples.serverCPU, samples.serverCPU / mean))
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
