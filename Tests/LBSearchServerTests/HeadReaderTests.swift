import Testing

@testable import LBSearchServer

/// Request heads are taken from the bytes as they arrive, and refused past the limits before
/// anything parses them.
struct HeadReaderTests {
    static let line = HeadReader.maxLine

    @Test(arguments: [
        ("GET /a?q=1 HTTP/1.1\r\nHost: x\r\n\r\n", "/a", "q=1", true, false),
        ("GET /a HTTP/1.0\r\n\r\n", "/a", "", false, false),
        ("GET /a HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", "/a", "", true, false),
        ("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", "/", "", false, false),
        ("\r\nGET /b HTTP/1.1\nContent-Length: 3\n\n", "/b", "", true, true),
        ("GET /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "/c", "", true, true),
    ])
    func headsAreRead(text: String, path: String, query: String, keepAlive: Bool, body: Bool) {
        var reader = HeadReader()
        var outcome = HeadReader.Outcome.needMore
        for byte in text.utf8 where outcome == .needMore { outcome = reader.add([byte]) }
        guard case .head(let head?) = outcome else {
            Issue.record("no head: \(outcome)")
            return
        }
        #expect((head.method, head.path, head.query) == ("GET", path, query))
        #expect((head.keepAlive, head.hasBody) == (keepAlive, body))
    }

    @Test func pipelinedHeadsComeOneAtATime() {
        var reader = HeadReader()
        let two = "GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3"
        guard case .head(let first?) = reader.add(Array(two.utf8)) else {
            return #expect(Bool(false))
        }
        guard case .head(let second?) = reader.next() else { return #expect(Bool(false)) }
        #expect([first.path, second.path] == ["/1", "/2"])
        #expect(reader.next() == .needMore)
        #expect(reader.pending)
    }

    @Test(arguments: [
        ("GET /" + String(repeating: "a", count: line), 414),
        ("GET / HTTP/1.1\r\nX: " + String(repeating: "b", count: line), 431),
        (
            "GET / HTTP/1.1\r\n"
                + String(repeating: "X: " + String(repeating: "c", count: 1000) + "\r\n", count: 70),
            431
        ),
    ])
    func overLongLinesAndHeadsAreRefused(text: String, status: Int) {
        var reader = HeadReader()
        #expect(reader.add(Array(text.utf8)) == .refuse(status: status))
    }

    @Test(arguments: ["hello", "GET /", "GET / FTP/1.0", "GET  HTTP/1.1"])
    func aRequestLineThatIsNoneIsMalformed(line: String) {
        var reader = HeadReader()
        #expect(reader.add(Array((line + "\r\n\r\n").utf8)) == .head(nil))
    }
}
