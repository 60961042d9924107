import FlyingSocks
import Foundation
import LBSearchCore
import LBSearchServer
import Testing

/// The HTTP side of `lbsearch serve`, spoken to over a plain socket as a client would.
///
/// The servers run on a thread of their own (`ThreadExecutor.servers`): the rest of a test run
/// keeps Swift's global pool blocked.
@Suite(.serialized)
struct SearchServerTests {
    let fixture: ServerFixture

    init() throws {
        fixture = try ServerFixture()
    }

    /// Runs `body` with the port of a server of the fixture on 127.0.0.1, then stops it; both
    /// run on the servers' thread.
    func serving(_ body: (UInt16) async throws -> Void) async throws {
        try await onServersThread {
            let server = try SearchServer(service: fixture.service, host: "127.0.0.1", port: 0)
            let running = serverTask(server)
            defer { running.cancel() }
            let port = try #require(try await server.waitUntilListening(timeout: 120))
            try await body(port)
            await server.stop(timeout: 1)
        }
    }

    @Test(arguments: ["/app.js", "/", "/api/status", "/api/search?q=art", "/api/nothing"])
    func headSendsTheLengthOfTheGetAndNoBody(path: String) async throws {
        try await serving { port in
            let get = try await blocking { try RawClient(port: port).exchange("GET", path) }
            let head = try await blocking { try RawClient(port: port).exchange("HEAD", path) }
            #expect(head.status == get.status)
            #expect(get.body.count > 0)
            #expect(head.header("Content-Length") == String(get.body.count))
            #expect(head.body.isEmpty)
        }
    }

    /// A request line or a header of a megabyte is refused after its first 8 KB, promptly,
    /// and a request on another connection meanwhile is answered as usual.
    @Test(arguments: [
        ("/api/search?q=" + String(repeating: "a", count: 1 << 20), [String](), 414),
        ("/api/status", ["X-Filler: " + String(repeating: "b", count: 1 << 20)], 431),
        (
            "/api/status",
            (0..<100).map { "X-Filler-\($0): " + String(repeating: "c", count: 1000) }, 431
        ),
    ])
    func overLongHeadsAreRefusedAndOthersAnswered(target: String, headers: [String], status: Int)
        async throws
    {
        try await serving { port in
            // Timed on the client's own thread, which waits for nothing but the server.
            async let hostile = blocking {
                let started = ContinuousClock.now
                let answer = try RawClient(port: port).send(target, headers: headers)
                return (answer, ContinuousClock.now - started)
            }
            let normal = try await blocking { try RawClient(port: port).exchange("GET", "/app.js") }
            let (refused, took) = try await hostile
            #expect(normal.status == 200)
            #expect(refused.status == status)
            #expect(refused.header("Connection") == "close")
            #expect(String(decoding: refused.body, as: UTF8.self).contains("longer than"))
            #expect(took < .seconds(60))
        }
    }

    /// Requests sent one after another on a kept-alive connection, even in one write, are
    /// answered in order; a request line that is no request is a 400 and the end.
    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await serving { port in
            let client = try RawClient(port: port)
            let two =
                "GET /app.css HTTP/1.1\r\nHost: a\r\n\r\nHEAD /api/status HTTP/1.1\r\nHost: a\r\n"
                + "Connection: close\r\n\r\n"
            let bytes = try await blocking { try client.raw(two) }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
            #expect(text.hasSuffix("\r\n\r\n"))
            let bad = try await blocking { try RawClient(port: port).raw("hello\r\n\r\n") }
            #expect(String(decoding: bytes, as: UTF8.self).isEmpty == false)
            #expect(RawAnswer(bad).status == 400)
        }
    }

    /// An answer that comes late is still the answer, not a 500.
    ///
    /// The server has no handler timeout: FlyingFox's (30 s) answered 500 for `/app.js` when a
    /// loaded test run left the server's tasks waiting for a thread. The one index connection
    /// is held for 31 seconds, so the status request waits that long for it.
    @Test func aLateAnswerIsNotA500() async throws {
        try await onServersThread {
            let archive = ArchiveReader(path: fixture.index, connections: 1)
            let service = SearchService(archive: archive, displayBase: fixture.folder.path)
            let server = try SearchServer(service: service, host: "127.0.0.1", port: 0)
            let running = serverTask(server)
            defer { running.cancel() }
            let port = try #require(try await server.waitUntilListening(timeout: 120))
            async let held: Void = archive.read { _ in Thread.sleep(forTimeInterval: 31) }
            try await Task.sleep(for: .milliseconds(200))
            let answer = try await blocking {
                try RawClient(port: port).exchange("GET", "/api/status")
            }
            #expect(answer.status == 200)
            try await held
            await server.stop(timeout: 1)
        }
    }

    /// A server answers while every thread of Swift's global pool is blocked, as the rest of a
    /// whole test run blocks them: each step of its work runs where its `run()` runs.
    ///
    /// Before, the server made its accepting loop an unstructured task, which ran on the global
    /// pool whatever executor `run()` preferred: `GET /app.js` went unanswered.
    @Test func aServerRunsOnItsCallersExecutor() async throws {
        try await serving { port in
            let hold = PoolHold()
            let threads = ProcessInfo.processInfo.activeProcessorCount
            let answer = try await blocking {
                defer { hold.release() }
                for _ in 0..<threads { Task.detached { hold.hold() } }
                hold.waitUntilHeld(threads, seconds: 60)
                return try RawClient(port: port, seconds: 20).exchange("GET", "/app.js")
            }
            #expect(answer.status == 200)
        }
    }

    @Test func connectionsSendWithoutWaitingForAcknowledgements() async throws {
        try await serving { port in
            let client = try RawClient(port: port)
            _ = try await blocking { try client.exchange("GET", "/api/status", keepAlive: true) }
            let accepted = try #require(try client.serverSide(port: port))
            #expect(try accepted.getValue(for: NoDelayOption.value))
        }
    }
}

/// A task running `server` on the servers' own thread (`ThreadExecutor.servers`).
func serverTask(_ server: SearchServer) -> Task<Void, any Error> {
    guard #available(macOS 15, *) else { return Task { try await server.run() } }
    return Task(executorPreference: ThreadExecutor.servers) { try await server.run() }
}

/// Runs `body`, and the tasks it starts as children, on the servers' thread
/// (`ThreadExecutor.servers`): a test's steps then wait for nothing but the other servers'.
func onServersThread(_ body: () async throws -> Void) async throws {
    guard #available(macOS 15, *) else { return try await body() }
    try await withTaskExecutorPreference(ThreadExecutor.servers) { try await body() }
}

/// Runs `body` (blocking socket calls) on a thread outside Swift's cooperative pool: blocked
/// there, it could hold the thread the server in this process needs to answer it.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

/// `TCP_NODELAY`, read back from a socket.
enum NoDelayOption {
    static var value: BoolSocketOption {
        BoolSocketOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY)
    }
}

/// One HTTP/1.1 exchange over a blocking socket, read to the end (`Connection: close`); a
/// read waits `seconds` (120) at most.
struct RawClient: Sendable {
    let socket: Socket

    init(port: UInt16, seconds: Int = 120) throws {
        socket = try Socket(domain: AF_INET, type: .stream)
        var limit = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(
            socket.file.rawValue, SOL_SOCKET, SO_RCVTIMEO, &limit,
            socklen_t(MemoryLayout<timeval>.size))
        try socket.connect(to: sockaddr_in.inet(ip4: "127.0.0.1", port: port))
    }

    /// Sends `method path` and reads the answer: until the server closes, or with `keepAlive`
    /// until the body has its `Content-Length` (the connection then stays open).
    func exchange(_ method: String, _ path: String, keepAlive: Bool = false) throws -> RawAnswer {
        let connection = keepAlive ? "keep-alive" : "close"
        let request =
            "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: \(connection)\r\n\r\n"
        _ = try socket.write(Data(request.utf8))
        var bytes = Data()
        while !(keepAlive && RawAnswer(bytes).isComplete) {
            let chunk = (try? socket.read(atMost: 65_536)) ?? []
            if chunk.isEmpty { break }
            bytes += chunk
        }
        if !keepAlive { try? socket.close() }
        return RawAnswer(bytes)
    }

    /// Sends `GET target` with `headers` and reads until the server closes; a write the
    /// server cut short is no error (it may answer before reading everything).
    func send(_ target: String, headers: [String]) throws -> RawAnswer {
        let lines = ["GET \(target) HTTP/1.1", "Host: localhost"] + headers + ["Connection: close"]
        return RawAnswer(try raw(lines.joined(separator: "\r\n") + "\r\n\r\n"))
    }

    /// Writes `request` as it is and reads until the server closes.
    func raw(_ request: String) throws -> Data {
        _ = try? socket.write(Data(request.utf8))
        var bytes = Data()
        while let chunk = try? socket.read(atMost: 65_536), !chunk.isEmpty { bytes += chunk }
        try? socket.close()
        return bytes
    }

    /// The server's end of this connection, found among this process's descriptors (the
    /// server runs in the test's process): the socket whose address is the client's peer.
    func serverSide(port: UInt16) throws -> Socket? {
        guard case .ip4(_, let clientPort) = try socket.sockname() else { return nil }
        for descriptor in Int32(0)..<4096 {
            let candidate = Socket(file: .init(rawValue: descriptor))
            guard case .ip4(_, let local)? = try? candidate.sockname(),
                case .ip4(_, let peer)? = try? candidate.remotePeer(),
                local == port, peer == clientPort
            else { continue }
            return candidate
        }
        return nil
    }
}

/// A status line, headers and body, as received.
struct RawAnswer {
    let status: Int
    let headers: [(String, String)]
    let body: Data

    init(_ data: Data) {
        let separator = Data("\r\n\r\n".utf8)
        let end = data.range(of: separator)
        let head = String(decoding: data[..<(end?.lowerBound ?? data.endIndex)], as: UTF8.self)
        body = end.map { data[$0.upperBound...] } ?? Data()
        let lines = head.components(separatedBy: "\r\n")
        status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return (String(line[..<colon]), value)
        }
    }

    /// True when the headers are in and the body has the length they give.
    var isComplete: Bool {
        guard status > 0, let length = header("Content-Length").flatMap({ Int($0) }) else {
            return false
        }
        return body.count >= length
    }

    /// The value of header `name`, case-insensitive.
    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
