import FlyingFox
import FlyingSocks
import Foundation
import LBSearchCore

/// `lbsearch serve`: `SearchService` over HTTP/1.1, on one address and port.
///
/// Connections are accepted here and each one read by `ServeConnection`, which bounds a
/// request's head before parsing it; FlyingSocks (FlyingFox's socket layer) waits on the
/// sockets. FlyingFox's own server parsed a request line in time that grew with the square of
/// its length (a few requests of 100 kB held both cores) and read whatever had arrived before
/// anything could look at it.
public final class SearchServer: Sendable {
    /// Addresses that only this machine reaches; any other one exposes the archive.
    public static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "localhost"]

    let service: SearchService
    let port: UInt16
    let pool: any AsyncSocketPool = HTTPServer.defaultPool()
    private let state = ServerState()
    /// The host as given.
    public let host: String

    /// A server of `service` on `host` (an IPv4 or IPv6 address, or `localhost`) and `port`
    /// (0: any free port); throws `.notAnAddress` for a host that is no address.
    public init(service: SearchService, host: String, port: UInt16) throws(LBSearchError) {
        self.host = host
        self.service = service
        self.port = port
        _ = try Self.address(host, port)
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
    ///
    /// Every task of the server (the event loop, accepting, each connection) is a child of
    /// this one, so it runs where its caller runs it: with the caller's priority, and on the
    /// caller's task executor if it prefers one. None waits in the global queue behind work
    /// that is not the server's.
    public func run() async throws {
        guard let listener = try state.socket(orBind: listen) else { return }
        defer { state.stopped() }
        try await pool.prepare()
        let accepting = try AsyncSocket(socket: listener, pool: pool)
        let (closing, close) = AsyncStream<Void>.makeStream()
        state.serving(close)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.pool.run() }
            group.addTask { await self.accept(on: accepting) }
            // Ends when `stop` closes the connections still open.
            group.addTask { for await _ in closing {} }
            try await group.next()
            group.cancelAll()
        }
    }

    /// A socket listening on the address.
    func listen() throws -> Socket {
        let address = try Self.address(host, port)
        let socket = try Socket(domain: Int32(type(of: address).family))
        try socket.setValue(true, for: .localAddressReuse)
        do {
            try socket.bind(to: address)
            try socket.listen()
        } catch {
            try? socket.close()
            throw error
        }
        return socket
    }

    /// Accepts connections until the listening socket is shut, then waits for the open ones.
    func accept(on listener: AsyncSocket) async {
        await withDiscardingTaskGroup { group in
            while let connection = try? await listener.accept() {
                try? connection.socket.setValue(true, for: Self.noDelay)
                let served = ServeConnection(socket: connection, service: service)
                group.addTask { await served.run() }
            }
        }
    }

    /// `TCP_NODELAY`: an answer is one write, sent at once, not held back waiting for the
    /// acknowledgement of an earlier one (40 ms on Linux, on every kept-alive connection).
    static var noDelay: BoolSocketOption {
        BoolSocketOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY)
    }

    /// The port the server listens on; nil once it stopped, or when the address cannot be
    /// bound.
    ///
    /// The socket is bound here if `run` has not bound it yet, so that the port is known, and
    /// connections wait in its backlog, even before the task that runs the server starts (a
    /// loaded machine may take long to start it). `timeout` is kept for callers.
    public func waitUntilListening(timeout: TimeInterval = 5) async throws -> UInt16? {
        guard let socket = try? state.socket(orBind: listen) else { return nil }
        switch try socket.sockname() {
        case .ip4(_, let port), .ip6(_, let port): return port
        default: return nil
        }
    }

    /// Stops accepting, lets requests in flight finish for up to `timeout` seconds, and closes.
    public func stop(timeout: TimeInterval = 2) async {
        guard let socket = state.socket else { return }
        // Shutting a listening socket ends the accept waiting on it (Linux).
        shutdown(socket.file.rawValue, Int32(SHUT_RDWR))
        let deadline = ContinuousClock.now + .seconds(timeout)
        while state.socket != nil, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        // Connections still open (kept alive, idle) are closed.
        state.cancelConnections()
        state.stopped()
    }
}

/// The listening socket while the server runs, and what closes its connections.
final class ServerState: @unchecked Sendable {
    private let lock = NSLock()
    private var listener: Socket?
    private var connections: AsyncStream<Void>.Continuation?
    private var finished = false

    /// The listening socket, nil before it is bound and after the server stopped.
    var socket: Socket? { lock.withLock { listener } }

    /// The listening socket, bound by `bind` if it is not yet; nil once the server stopped.
    func socket(orBind bind: () throws -> Socket) throws -> Socket? {
        try lock.withLock {
            if finished { return nil }
            if listener == nil { listener = try bind() }
            return listener
        }
    }

    func serving(_ close: AsyncStream<Void>.Continuation) {
        lock.withLock { connections = close }
    }

    func cancelConnections() {
        lock.withLock { connections }?.finish()
    }

    func stopped() {
        lock.withLock {
            try? listener?.close()
            listener = nil
            finished = true
        }
    }
}
