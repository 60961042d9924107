/// The head of one HTTP/1.1 request: its request line and headers (RFC 9112, section 2.1).
struct RequestHead: Sendable, Equatable {
    /// The method: `GET`, `HEAD` or another.
    var method: String
    /// The path, percent-encoded as sent.
    var path: String
    /// What follows the `?` of the target, percent-encoded as sent; empty when none.
    var query: String
    /// True when the connection stays open after the answer: HTTP/1.1 unless `Connection:
    /// close`, HTTP/1.0 only with `Connection: keep-alive`.
    var keepAlive: Bool
    /// True when a body follows the head (`Content-Length` above 0, or `Transfer-Encoding`).
    var hasBody: Bool

    /// The head in `lines` (without their line ends); nil when the request line is not
    /// `METHOD TARGET HTTP/1.x`.
    init?(lines: [Substring]) {
        let parts = lines.first?.split(separator: " ", omittingEmptySubsequences: true) ?? []
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        method = String(parts[0])
        let target = parts[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(target[0])
        query = target.count > 1 ? String(target[1]) : ""
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            fields[name] = fields[name].map { $0 + ", " + value } ?? value
        }
        let tokens = (fields["connection"] ?? "").lowercased().split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        keepAlive =
            parts[2] == "HTTP/1.0" ? tokens.contains("keep-alive") : !tokens.contains("close")
        let length = fields["content-length"].flatMap { Int($0) } ?? 0
        hasBody =
            length != 0 || fields["transfer-encoding"] != nil
            || fields["content-length"]
                .map { Int($0) == nil } == true
    }
}

/// Collects a connection's bytes into request heads, and refuses a head too long to be a
/// real one before anything parses it.
///
/// A request line longer than `maxLine` bytes is refused with 414 (URI Too Long), a header
/// line longer than `maxLine` or a head longer than `maxHead` with 431 (Request Header Fields
/// Too Large) — the limits of common servers (nginx's `large_client_header_buffers` is 8 KB a
/// line; Node.js allows 16 KB a head, Apache 8 KB a line and 100 lines). Each byte is looked at
/// once, so a long line costs time in proportion to its length.
struct HeadReader: Sendable {
    /// The longest request line or header line accepted, in bytes.
    static let maxLine = 8 * 1024
    /// The longest head accepted, in bytes, request line and headers together.
    static let maxHead = 64 * 1024

    /// What the bytes given so far hold.
    enum Outcome: Sendable, Equatable {
        /// The head is not complete yet.
        case needMore
        /// A whole head; nil when its request line is malformed.
        case head(RequestHead?)
        /// A line or the head is too long: answer with this status and close.
        case refuse(status: Int)
    }

    private var buffer: [UInt8] = []
    private var scanned = 0
    private var lineStart = 0
    private var lines: [Substring] = []

    /// Bytes received after the last head taken (the start of a pipelined request).
    var pending: Bool { !buffer.isEmpty }

    /// Adds `bytes` received and says what they complete.
    mutating func add(_ bytes: [UInt8]) -> Outcome {
        buffer += bytes
        return next()
    }

    /// The next head in the bytes already received, if they hold one.
    mutating func next() -> Outcome {
        while scanned < buffer.count {
            let byte = buffer[scanned]
            scanned += 1
            if byte == UInt8(ascii: "\n") {
                if let outcome = endLine() { return outcome }
            } else if scanned - lineStart > Self.maxLine {
                return .refuse(status: lines.isEmpty ? 414 : 431)
            } else if scanned > Self.maxHead {
                return .refuse(status: 431)
            }
        }
        return .needMore
    }

    /// Takes the line that ends at `scanned`; the outcome when it was the head's last.
    private mutating func endLine() -> Outcome? {
        var end = scanned - 1
        if end > lineStart, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = String(decoding: buffer[lineStart..<end], as: UTF8.self)
        lineStart = scanned
        if !line.isEmpty {
            lines.append(Substring(line))
            return nil
        }
        if lines.isEmpty {  // Empty lines before a request line are ignored (RFC 9112, 2.2).
            buffer.removeFirst(scanned)
            (scanned, lineStart) = (0, 0)
            return nil
        }
        let head = RequestHead(lines: lines)
        buffer.removeFirst(scanned)
        (scanned, lineStart, lines) = (0, 0, [])
        return .head(head)
    }
}
