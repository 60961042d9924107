import FlyingFox
import FlyingSocks
import Foundation
import LBSearchCore

/// `lbsearch serve`: `SearchService` over HTTP/1.1 (FlyingFox), on one address and port.
public final class SearchServer: Sendable {
    /// Addresses that only this machine reaches; any other one exposes the archive.
    public static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "localhost"]

    let server: HTTPServer
    /// The host as given.
    public let host: String

    /// A server of `service` on `host` (an IPv4 or IPv6 address, or `localhost`) and `port`
    /// (0: any free port); throws `.notAnAddress` for a host that is no address.
    public init(service: SearchService, host: String, port: UInt16) throws(LBSearchError) {
        self.host = host
        server = HTTPServer(
            address: try Self.address(host, port), timeout: 30,
            pool: NoDelayPool(base: HTTPServer.defaultPool()), logger: .disabled,
            handler: ServiceHandler(service: service))
    }

    /// True when `host` is reachable from other machines.
    public static func isExposed(_ host: String) -> Bool {
        !loopbackHosts.contains(host) && !host.hasPrefix("127.")
    }

    /// The socket address of `host` and `port`.
    static func address(_ host: String, _ port: UInt16) throws(LBSearchError) -> any SocketAddress {
        let name = host == "localhost" ? "127.0.0.1" : host
        if let address = try? sockaddr_in.inet(ip4: name, port: port) { return address }
        if let address = try? sockaddr_in6.inet6(ip6: name, port: port) { return address }
        throw .notAnAddress(host)
    }

    /// Serves until `stop()`; throws when the address cannot be bound.
    public func run() async throws {
        try await server.run()
    }

    /// Waits until the server listens (at most `timeout` seconds), and returns its port.
    public func waitUntilListening(timeout: TimeInterval = 5) async throws -> UInt16? {
        try await server.waitUntilListening(timeout: timeout)
        switch await server.listeningAddress {
        case .ip4(_, let port), .ip6(_, let port): return port
        default: return nil
        }
    }

    /// Stops accepting, lets requests in flight finish for up to `timeout` seconds, and closes.
    public func stop(timeout: TimeInterval = 2) async {
        await server.stop(timeout: timeout)
    }
}

/// Hands FlyingFox's requests to the service and its replies back.
struct ServiceHandler: HTTPHandler {
    let service: SearchService

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let reply = await service.respond(
            method: request.method.rawValue, path: request.target.path(),
            parameters: Self.parameters(request.target.query()))
        var headers = HTTPHeaders()
        for (name, value) in reply.allHeaders { headers[HTTPHeader(name)] = value }
        // HEAD: the headers of the GET, its length included, and no body.
        headers[.contentLength] = String(reply.body.count)
        let body = request.method == .HEAD ? Data() : reply.body
        return HTTPResponse(
            statusCode: HTTPStatusCode(reply.status, phrase: Self.phrase(reply.status)),
            headers: headers, body: Self.oneWrite(body))
    }

    /// `body` as one write to the socket (FlyingFox writes 4 KB at a time by default).
    static func oneWrite(_ body: Data) -> HTTPBodySequence {
        HTTPBodySequence(data: body, suggestedBufferSize: max(body.count, 1))
    }

    /// The parameters of a query string as a form sends them (`+` for a space, percent
    /// escapes); the first of a repeated name counts.
    static func parameters(_ query: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decoded = parts.map {
                let text = $0.replacingOccurrences(of: "+", with: " ")
                return text.removingPercentEncoding ?? text
            }
            if parameters[decoded[0]] == nil {
                parameters[decoded[0]] = decoded.count > 1 ? decoded[1] : ""
            }
        }
        return parameters
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 503: return "Service Unavailable"
        default: return "Internal Server Error"
        }
    }
}
