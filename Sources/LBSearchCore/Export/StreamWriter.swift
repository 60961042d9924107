import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes bytes to a file descriptor with POSIX `write(2)`, returning failures as values.
///
/// It retries interrupted and partial writes, waits on a non-blocking descriptor, and turns
/// every failure into a value instead of a crash (Foundation's `FileHandle.write(_:)` traps on
/// a full disk).
///
/// The first failure is remembered: once the reader of a pipe is gone (`EPIPE`, which needs
/// SIGPIPE ignored to be seen), later writes are dropped without trying again.
public final class StreamWriter: @unchecked Sendable {
    /// Why a write did not complete.
    public enum Failure: Error, Sendable, Equatable {
        /// The reading end of the pipe or socket is closed: nobody wants more output.
        case readerGone
        /// Any other error (`ENOSPC`, `EIO`, `EFBIG` …), with its `errno`.
        case failed(errno: Int32)

        /// The system's words for the error (`strerror`): "No space left on device".
        public var reason: String {
            switch self {
            case .readerGone: return String(cString: strerror(EPIPE))
            case .failed(let code): return String(cString: strerror(code))
            }
        }
    }

    /// The descriptor written to.
    public let descriptor: Int32
    private let lock = NSLock()
    private var firstFailure: Failure?

    /// A writer to `descriptor`, which stays open: the caller owns it.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The first write failure, if any write failed.
    public var failure: Failure? {
        lock.withLock { firstFailure }
    }

    /// Writes all of `text` as UTF-8.
    public func write(_ text: String) throws(Failure) {
        try write(Data(text.utf8))
    }

    /// Writes all of `data`, or throws (and remembers) the failure.
    public func write(_ data: Data) throws(Failure) {
        lock.lock()
        defer { lock.unlock() }
        if firstFailure == .readerGone { throw .readerGone }
        let outcome = data.withUnsafeBytes { bytes in Self.writeAll(descriptor, bytes) }
        guard let outcome else { return }
        if firstFailure == nil { firstFailure = outcome }
        throw outcome
    }

    /// The `write(2)` loop: partial writes continue, `EINTR` retries, `EAGAIN` waits.
    ///
    /// Returns the failure, or nil when every byte was written.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Failure? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written > 0 {
                offset += written
                continue
            }
            let code = written == 0 ? EIO : errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: waitUntilWritable(descriptor)
            case EPIPE: return .readerGone
            default: return .failed(errno: code)
            }
        }
        return nil
    }

    /// Blocks until a non-blocking descriptor can take more bytes.
    static func waitUntilWritable(_ descriptor: Int32) {
        var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        _ = poll(&request, 1, -1)
    }

    private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int)
        -> Int
    {
        #if canImport(Glibc)
            return Glibc.write(descriptor, pointer, count)
        #else
            return Darwin.write(descriptor, pointer, count)
        #endif
    }
}
