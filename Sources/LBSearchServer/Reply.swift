import Foundation
import LBSearchCore

/// One HTTP answer, before any server writes it: status, media type, extra headers, body.
public struct Reply: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The `Content-Type`.
    public var contentType: String
    /// Headers beside the ones every answer gets (`Reply.commonHeaders`).
    public var headers: [(String, String)] = []
    /// The body.
    public var body: Data

    /// An answer with `body` as UTF-8 text.
    public init(status: Int = 200, contentType: String, body: String) {
        self.status = status
        self.contentType = contentType
        self.body = Data(body.utf8)
    }

    /// A JSON answer.
    static func json(_ text: String, status: Int = 200) -> Reply {
        Reply(status: status, contentType: "application/json; charset=utf-8", body: text)
    }

    /// `{"error": "…"}` with the error's status.
    static func error(_ error: APIError) -> Reply {
        json(
            JSONValue.object([("error", .string(error.message))]).serialized() + "\n",
            status: error.status)
    }

    /// `Server-Timing` (shown by a browser's developer tools): the search itself, and the
    /// whole answer (waiting for a connection, the search, the JSON), in milliseconds.
    static func serverTiming(search: Double, total: Duration) -> (String, String) {
        let milliseconds = { (value: Double) in String(format: "%.2f", value * 1000) }
        let whole = total / .seconds(1)
        return (
            "Server-Timing",
            "search;dur=\(milliseconds(search)), answer;dur=\(milliseconds(whole))"
        )
    }

    /// The body as text (for tests and logs).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The value of header `name` (case-insensitive) among all headers sent.
    public func header(_ name: String) -> String? {
        allHeaders.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// Every header sent: the media type, the common ones, then this answer's own.
    public var allHeaders: [(String, String)] {
        [("Content-Type", contentType)] + Self.commonHeaders + headers
    }

    /// Sent with every answer: scripts, styles and images only from this server and no inline
    /// script at all (the page's script is `/app.js`), no framing, no sniffing, no referrer,
    /// and nothing cached (answers follow the index).
    static let commonHeaders: [(String, String)] = [
        (
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
    ]
}
