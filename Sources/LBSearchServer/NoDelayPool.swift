import FlyingSocks
import Foundation

/// FlyingFox's socket pool, with Nagle's algorithm turned off on every socket it waits on.
///
/// FlyingFox writes an answer's header and its body in separate writes. With Nagle's algorithm
/// on, the body waits for the client to acknowledge the header, and a client on a kept-alive
/// connection delays that acknowledgement (40 ms on Linux): every answer after a connection's
/// first took 40 ms more than its search. FlyingFox sets no socket options of its own, so they
/// are set here, where the pool sees each socket: the listening one (accepted connections
/// inherit `TCP_NODELAY` on Linux) and every connection waiting for its next request.
struct NoDelayPool<Base: AsyncSocketPool>: AsyncSocketPool {
    let base: Base

    func prepare() async throws {
        try await base.prepare()
    }

    func run() async throws {
        try await base.run()
    }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        if events.contains(.read) { Self.sendAtOnce(socket) }
        try await base.suspendSocket(socket, untilReadyFor: events)
    }

    /// Turns Nagle's algorithm off on `socket`; nothing happens for a socket that is not TCP.
    static func sendAtOnce(_ socket: Socket) {
        try? socket.setValue(true, for: noDelay)
    }

    /// The `TCP_NODELAY` option.
    static var noDelay: BoolSocketOption {
        BoolSocketOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY)
    }
}
