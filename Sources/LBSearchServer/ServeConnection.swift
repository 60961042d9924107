import FlyingSocks
import Foundation

/// One client connection: reads each request head within `HeadReader`'s limits, hands it to
/// the service, writes the answer, and closes when either side is done.
///
/// The head is read and bounded here, before anything parses it: a request line of a megabyte
/// is refused after its first 8 KB, while the connection's bytes are still arriving. The
/// service takes only GET and HEAD; a request with a body is answered and the connection
/// closed, so an unread body is never taken for the next request.
struct ServeConnection: Sendable {
    let socket: AsyncSocket
    let service: SearchService

    /// Seconds a connection may take to send a whole head, or stay idle between requests.
    static let headSeconds: Double = 60
    /// Bytes read from the socket at a time.
    static let readSize = 16 * 1024

    /// Serves requests until the client closes, sends a bad head, or stops sending.
    func run() async {
        var reader = HeadReader()
        while true {
            let read = await Deadline.run(seconds: Self.headSeconds) { [reader] in
                await nextHead(reader)
            }
            guard let (outcome, rest) = read, let outcome else { return close() }
            reader = rest
            switch outcome {
            case .needMore, .head(nil):
                return await refuse(.error(.malformedRequest))
            case .refuse(let status):
                let error: APIError =
                    status == 414
                    ? .requestLineTooLong(limit: HeadReader.maxLine)
                    : .headTooLong(line: HeadReader.maxLine, head: HeadReader.maxHead)
                return await refuse(.error(error))
            case .head(let head?):
                let keepAlive = head.keepAlive && !head.hasBody
                guard await answer(head, keepAlive: keepAlive), keepAlive else { return close() }
            }
        }
    }

    /// Reads until `reader` holds a head or a refusal: the outcome (nil when the client closed
    /// or failed first) and the reader with the bytes after the head.
    func nextHead(_ reader: HeadReader) async -> (HeadReader.Outcome?, HeadReader) {
        var reader = reader
        var outcome = reader.next()
        while outcome == .needMore {
            guard let bytes = try? await socket.read(atMost: Self.readSize) else {
                return (nil, reader)
            }
            outcome = reader.add(bytes)
        }
        return (outcome, reader)
    }

    /// Writes the service's answer to `head`; false when the client is gone.
    func answer(_ head: RequestHead, keepAlive: Bool) async -> Bool {
        let reply = await service.respond(
            method: head.method, path: head.path, parameters: Self.parameters(head.query))
        let data = Self.encode(reply, keepAlive: keepAlive, withBody: head.method != "HEAD")
        return (try? await socket.write(data)) != nil
    }

    /// Answers `reply`, then takes what the client still sends for a moment before closing, so
    /// that closing with unread bytes does not reset the connection before the client reads
    /// the answer.
    func refuse(_ reply: Reply) async {
        _ = try? await socket.write(Self.encode(reply, keepAlive: false, withBody: true))
        shutdown(socket.socket.file.rawValue, Int32(SHUT_WR))
        _ = await Deadline.run(seconds: 2) {
            var drained = 0
            while drained < 4 << 20, let bytes = try? await socket.read(atMost: Self.readSize) {
                drained += bytes.count
            }
        }
        close()
    }

    func close() {
        try? socket.close()
    }

    /// The status line, headers and (unless for HEAD) body of `reply`; `Content-Length` is
    /// the body's length either way, as a GET would have it.
    static func encode(_ reply: Reply, keepAlive: Bool, withBody: Bool) -> Data {
        var head = "HTTP/1.1 \(reply.status) \(phrase(reply.status))\r\n"
        for (name, value) in reply.allHeaders { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(reply.body.count)\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        var data = Data(head.utf8)
        if withBody { data += reply.body }
        return data
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
        case 414: return "URI Too Long"
        case 431: return "Request Header Fields Too Large"
        case 503: return "Service Unavailable"
        default: return "Internal Server Error"
        }
    }
}

/// Runs work with a time limit.
enum Deadline {
    /// The value of `body`, or nil when it has not finished after `seconds` (it is then
    /// cancelled: a socket read waiting in the pool ends).
    static func run<T: Sendable>(
        seconds: Double, _ body: @escaping @Sendable () async -> T
    ) async -> T? {
        await withTaskGroup(of: T?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
