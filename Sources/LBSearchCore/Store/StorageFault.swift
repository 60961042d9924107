import GRDB
import GRDBSQLite

/// An SQLite failure, classified once from its result code (SQLite documentation, "Result and
/// Error Codes").
///
/// This file is the only place that reads a `DatabaseError`: `translating` turns every SQLite
/// failure into the `LBSearchError` for it, so no SQLite text or code escapes the library, and
/// the few places that decide something from a failure (a damaged page counts as damage in
/// `IndexDoctor`, a damaged file is replaced by `FullRebuild`, an interrupt ends a
/// `QueryBudget`) match on a `StorageFault`, never on SQLite's codes.
enum StorageFault: Equatable, Sendable {
    /// `SQLITE_CORRUPT`: a page is damaged.
    case corrupt
    /// `SQLITE_NOTADB`: the file is not a database, or its header is damaged.
    case notADatabase
    /// `SQLITE_READONLY`.
    case readOnly
    /// `SQLITE_CANTOPEN`: permission denied, a missing folder, or no open file left (which
    /// `error(path:writing:)` tells apart, `OpenFileLimit.exhausted`).
    case cannotOpen
    /// `SQLITE_FULL`, or growing the 32 kB shared-memory file failed (`SQLITE_IOERR_SHMSIZE`:
    /// ENOSPC, or EFBIG under `ulimit -f`).
    case full
    /// `SQLITE_IOERR_WRITE`: SQLite reports ENOSPC as `SQLITE_FULL` but EFBIG (`ulimit -f`)
    /// and EIO as a failed write, also while a new index is being set up.
    case writeFailed
    /// Any other `SQLITE_IOERR`.
    case inputOutput
    /// `SQLITE_BUSY` or `SQLITE_LOCKED`.
    case busy
    /// `SQLITE_INTERRUPT`: a `QueryBudget` stopped the statement.
    case interrupted
    /// Any other result code.
    case other(code: Int32)

    /// The fault of `error`; nil when it is not an SQLite failure.
    init?(_ error: any Error) {
        guard let error = error as? DatabaseError else { return nil }
        self.init(error.resultCode, extended: error.extendedResultCode)
    }

    /// The fault for a primary and an extended result code.
    init(_ code: ResultCode, extended: ResultCode) {
        switch code {
        case .SQLITE_CORRUPT: self = .corrupt
        case .SQLITE_NOTADB: self = .notADatabase
        case .SQLITE_READONLY: self = .readOnly
        case .SQLITE_CANTOPEN: self = .cannotOpen
        case .SQLITE_FULL: self = .full
        case .SQLITE_IOERR where extended == .SQLITE_IOERR_SHMSIZE: self = .full
        case .SQLITE_IOERR where extended == .SQLITE_IOERR_WRITE: self = .writeFailed
        case .SQLITE_IOERR: self = .inputOutput
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_INTERRUPT: self = .interrupted
        default: self = .other(code: code.rawValue)
        }
    }

    /// True for a damaged file: a damaged page or header.
    var isDamage: Bool { self == .corrupt || self == .notADatabase }

    /// The error a user sees for this fault in the index at `path`; `writing` says whether it
    /// happened while writing (an I/O error then means the write failed, not the opening).
    func error(path: String, writing: Bool) -> LBSearchError {
        switch self {
        case .corrupt, .notADatabase: return .corruptIndex(path: path)
        case .readOnly: return .readOnlyIndex(path: path)
        case .cannotOpen:
            if let code = OpenFileLimit.exhausted() { return OpenFileLimit.error(code, path: path) }
            return .cannotOpenIndex(path: path, reason: .permissionDenied)
        case .full: return .writeFailed(path: path, reason: .diskFull)
        case .writeFailed: return .writeFailed(path: path, reason: .diskFullOrFailing)
        case .inputOutput where writing: return .writeFailed(path: path, reason: .inputOutput)
        case .inputOutput: return .cannotOpenIndex(path: path, reason: .inputOutput)
        case .busy: return .cannotOpenIndex(path: path, reason: .busy)
        case .interrupted: return .cannotOpenIndex(path: path, reason: .storage(code: 9))
        case .other(let code): return .cannotOpenIndex(path: path, reason: .storage(code: code))
        }
    }

    /// Runs `body`; an SQLite failure in it is thrown as the `LBSearchError` for it.
    ///
    /// Every other error passes unchanged. The one place SQLite errors are translated.
    static func translating<T>(path: String, writing: Bool = false, _ body: () throws -> T)
        throws -> T
    {
        do {
            return try body()
        } catch let error as DatabaseError {
            let fault = StorageFault(error.resultCode, extended: error.extendedResultCode)
            throw fault.error(path: path, writing: writing)
        }
    }
}

extension IndexStore {
    /// Runs `body`; an SQLite failure in it is the `LBSearchError` for this index.
    func translating<T>(writing: Bool = false, _ body: () throws -> T) throws -> T {
        try StorageFault.translating(path: path, writing: writing, body)
    }

    /// Reads the index in one transaction; SQLite failures are `LBSearchError`s.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try translating { try database.read(body) }
    }

    /// Writes to the index in one transaction; SQLite failures are `LBSearchError`s for a write.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try translating(writing: true) { try database.write(body) }
    }
}

extension StorageFault {
    /// The error GRDB throws for the last failure on `db`'s connection, for a statement
    /// stepped with `sqlite3_step` directly (`CandidateQuery.scan`): the same value, so
    /// `StorageFault(_:)` and `translating` classify it as any other.
    static func lastFailure(_ db: Database) -> any Error {
        guard let connection = db.sqliteConnection else { return DatabaseError() }
        return DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
            message: String(cString: sqlite3_errmsg(connection)))
    }
}
