import Foundation
import GRDB
import Testing

@testable import LBSearchCore

/// Every SQLite failure becomes an `LBSearchError` in one place (`StorageFault`), with the
/// same words it had when each caller translated its own.
struct StorageFaultTests {
    static let path = "/tmp/x/index.db"

    /// A code, the fault it is, and the message when reading and when writing.
    struct Case: Sendable, CustomTestStringConvertible {
        let code: ResultCode
        let fault: StorageFault
        let reading: String
        let writing: String
        var testDescription: String { "\(code)" }
    }

    static let damaged = "the index at \(path) is damaged; rebuild it with 'lbsearch index --full'"
    static let full =
        "could not write the index at \(path): the disk is full or the file size limit was reached; it keeps its previous state"
    static func cannotOpen(_ reason: String) -> String {
        "cannot open the index at \(path): \(reason)"
    }

    static let cases: [Case] = [
        Case(code: .SQLITE_CORRUPT, fault: .corrupt, reading: damaged, writing: damaged),
        Case(code: .SQLITE_NOTADB, fault: .notADatabase, reading: damaged, writing: damaged),
        Case(
            code: .SQLITE_READONLY, fault: .readOnly,
            reading:
                "the index at \(path) is read-only; check its permissions or choose another file with --index",
            writing:
                "the index at \(path) is read-only; check its permissions or choose another file with --index"
        ),
        Case(
            code: .SQLITE_CANTOPEN, fault: .cannotOpen,
            reading: cannotOpen("permission denied or missing folder"),
            writing: cannotOpen("permission denied or missing folder")),
        Case(code: .SQLITE_FULL, fault: .full, reading: full, writing: full),
        Case(code: .SQLITE_IOERR_SHMSIZE, fault: .full, reading: full, writing: full),
        Case(
            code: .SQLITE_IOERR_WRITE, fault: .writeFailed,
            reading:
                "could not write the index at \(path): the disk is full or the file size limit was reached (or the disk failed); it keeps its previous state",
            writing:
                "could not write the index at \(path): the disk is full or the file size limit was reached (or the disk failed); it keeps its previous state"
        ),
        Case(
            code: .SQLITE_IOERR_READ, fault: .inputOutput,
            reading: cannotOpen("input/output error"),
            writing:
                "could not write the index at \(path): input/output error (disk full or failing?); it keeps its previous state"
        ),
        Case(
            code: .SQLITE_BUSY, fault: .busy, reading: cannotOpen("it is busy; try again"),
            writing: cannotOpen("it is busy; try again")),
        Case(
            code: .SQLITE_LOCKED, fault: .busy, reading: cannotOpen("it is busy; try again"),
            writing: cannotOpen("it is busy; try again")),
        Case(
            code: .SQLITE_INTERRUPT, fault: .interrupted,
            reading: cannotOpen("unexpected storage error (code 9)"),
            writing: cannotOpen("unexpected storage error (code 9)")),
        Case(
            code: .SQLITE_CONSTRAINT, fault: .other(code: 19),
            reading: cannotOpen("unexpected storage error (code 19)"),
            writing: cannotOpen("unexpected storage error (code 19)")),
    ]

    @Test(arguments: cases)
    func eachCodeBecomesOneError(_ example: Case) throws {
        let error = DatabaseError(resultCode: example.code)
        #expect(StorageFault(error) == example.fault)
        for (writing, message) in [(false, example.reading), (true, example.writing)] {
            let thrown = #expect(throws: LBSearchError.self) {
                try StorageFault.translating(path: Self.path, writing: writing) { throw error }
            }
            #expect(thrown?.description == message)
            #expect(thrown == example.fault.error(path: Self.path, writing: writing))
        }
    }

    @Test func otherErrorsPassUnchanged() throws {
        #expect(StorageFault(CocoaError(.fileNoSuchFile)) == nil)
        #expect(throws: LBSearchError.emptyQuery) {
            try StorageFault.translating(path: Self.path) { throw LBSearchError.emptyQuery }
        }
        #expect(try StorageFault.translating(path: Self.path) { 42 } == 42)
    }

    /// A real failure from SQLite, through a public method, arrives as an `LBSearchError`.
    @Test func aFailingReadThroughTheStoreIsTranslated() throws {
        let store = try IndexStore.inMemory()
        try store.database.write { db in try db.execute(sql: "DROP TABLE runs") }
        #expect(throws: LBSearchError.cannotOpenIndex(path: ":memory:", reason: .storage(code: 1)))
        {
            try store.lastRun()
        }
    }

    /// No file of the library but `StorageFault.swift` looks at a `DatabaseError` or an SQLite
    /// result code: a second translation would fail here.
    @Test func theTranslationIsTheOnlyOne() throws {
        let library = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/LBSearchCore")
        let files = try #require(FileManager.default.enumerator(atPath: library.path))
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        let patterns = ["DatabaseError", "resultCode", "ResultCode"]
        for file in files where !file.hasSuffix("StorageFault.swift") {
            let text = try String(
                contentsOf: library.appendingPathComponent(file), encoding: .utf8)
            for pattern in patterns {
                #expect(!text.contains(pattern), "\(file) reads SQLite errors: \(pattern)")
            }
        }
    }
}
