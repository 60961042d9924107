import Foundation
import Testing

@testable import LBSearchCore

#if canImport(Glibc)
    import Glibc
#endif

/// `write(2)` without crashes: full devices, closed pipes, partial and non-blocking writes.
@Suite(.serialized)
struct StreamWriterTests {
    init() {
        // As the program does: a closed pipe is an EPIPE error, not a signal.
        signal(SIGPIPE, SIG_IGN)
    }

    @Test func aFullDeviceIsAFailureWithItsReason() throws {
        let device = open("/dev/full", O_WRONLY)
        try #require(device >= 0, "no /dev/full on this system")
        defer { close(device) }
        let writer = StreamWriter(descriptor: device)
        #expect(throws: StreamWriter.Failure.failed(errno: ENOSPC)) { try writer.write("hello\n") }
        #expect(writer.failure == .failed(errno: ENOSPC))
        #expect(StreamWriter.Failure.failed(errno: ENOSPC).reason == "No space left on device")
    }

    @Test func aClosedPipeMeansTheReaderIsGoneAndLaterWritesAreDropped() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let writer = StreamWriter(descriptor: pipe.fileHandleForWriting.fileDescriptor)
        #expect(throws: StreamWriter.Failure.readerGone) { try writer.write("one\n") }
        #expect(throws: StreamWriter.Failure.readerGone) { try writer.write("two\n") }
        #expect(writer.failure == .readerGone)
    }

    /// Four megabytes through a 64 kB pipe arrive whole and in order.
    ///
    /// They take many partial writes; on a non-blocking descriptor, also many EAGAINs.
    @Test(arguments: [false, true])
    func largeWritesArriveWhole(nonBlocking: Bool) async throws {
        let pipe = Pipe()
        let descriptor = pipe.fileHandleForWriting.fileDescriptor
        if nonBlocking { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK) }
        let data = Data((0..<4_000_000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        // The reader is a thread of its own: this test blocks its own thread while it writes,
        // and a task could wait for that thread (the task pool has one thread per core).
        let read = ReadBox()
        let reader = Thread { read.data = pipe.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        try StreamWriter(descriptor: descriptor).write(data)
        try pipe.fileHandleForWriting.close()
        #expect(read.wait() == data)
    }
}

/// What a reader thread read, handed to the test once the pipe is closed.
final class ReadBox: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var stored = Data()

    var data: Data {
        get { stored }
        set {
            stored = newValue
            done.signal()
        }
    }

    /// Waits for the reader to finish and returns what it read.
    func wait() -> Data {
        done.wait()
        return stored
    }
}
