import LBSearchCore

/// What a request can get wrong, or what stops the server answering it, as data; `message` is
/// the one place its prose lives, and `status` the HTTP status it answers with.
public enum APIError: Error, Sendable, Equatable {
    /// A parameter has a value the API does not take (`reason` says which values it does).
    case badParameter(name: String, reason: String)
    /// The query text is longer than `APILimits.queryCharacters`.
    case queryTooLong(limit: Int)
    /// No path or API answers at `path`.
    case noSuchPath(String)
    /// No document has the id `id`.
    case noSuchDocument(String)
    /// The API answers only GET (and HEAD).
    case methodNotAllowed(String)
    /// The library refused the search or could not read the index.
    case search(LBSearchError)
    /// The request line is longer than `limit` bytes.
    case requestLineTooLong(limit: Int)
    /// A header line is longer than `line` bytes, or the head (request line and headers) than
    /// `head` bytes.
    case headTooLong(line: Int, head: Int)
    /// The request line is not `METHOD TARGET HTTP/1.x`.
    case malformedRequest

    /// The HTTP status: 400 for a bad request, 404 for nothing there, 503 when the index cannot
    /// be read, 500 for any other internal failure.
    public var status: Int {
        switch self {
        case .badParameter, .queryTooLong, .malformedRequest: return 400
        case .noSuchPath, .noSuchDocument: return 404
        case .methodNotAllowed: return 405
        case .requestLineTooLong: return 414
        case .headTooLong: return 431
        case .search(let error): return Self.status(of: error)
        }
    }

    /// One line for `{"error": …}`: never a stack trace or SQLite's own text.
    public var message: String {
        switch self {
        case .badParameter(let name, let reason): return "parameter '\(name)': \(reason)"
        case .queryTooLong(let limit): return "the query is longer than \(limit) characters"
        case .noSuchPath(let path): return "nothing at \(path)"
        case .noSuchDocument(let id): return "no document has the id '\(id)'"
        case .methodNotAllowed(let method): return "method \(method) is not allowed; use GET"
        case .requestLineTooLong(let limit):
            return "the request line is longer than \(limit) bytes"
        case .headTooLong(let line, let head):
            return "a header line is longer than \(line) bytes, or the headers than \(head) bytes"
        case .malformedRequest: return "the request line is not 'METHOD TARGET HTTP/1.1'"
        // The command line's message suggests a command; a page or a program has no use for it.
        case .search(.emptyQuery): return "the query has no words to search for"
        case .search(.reversedDates(let from, let to, .options)):
            return "since \(from) is after until \(to), so no date is between them"
        case .search(let error): return error.description
        }
    }

    /// 503 when the index is missing, damaged, busy or unreadable, or the process is out of open
    /// files; 400 for what the query or its options got wrong.
    static func status(of error: LBSearchError) -> Int {
        switch error {
        case .noIndex, .notAnIndex, .corruptIndex, .damagedIndex, .newerIndex, .outdatedIndex,
            .cannotOpenIndex, .indexBusy, .tooManyOpenFiles, .noFreeOpenFiles:
            return 503
        default:
            return error.kind == .user ? 400 : 500
        }
    }
}
