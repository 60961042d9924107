import Foundation
import GRDB
import LBSearchCore
import LBSearchTestSupport
import Testing

/// An `lbsearch` process run in the background and stopped at a point it names itself
/// (`PausePoint`), to be killed or raced there: the test waits for the process to say so,
/// never for a timer.
struct IndexProcess {
    let process: Process
    /// Its standard input: a byte written to it resumes a paused run.
    let input = Pipe()
    /// Its standard error, where it says that it paused.
    let errors = Pipe()

    /// Starts `lbsearch arguments` in `cwd`, stopping at `pauseAt` (`POINT` or `POINT:N`, the
    /// Nth time) until `resume()`.
    init(_ arguments: [String], cwd: String, pauseAt: String) throws {
        process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var environment = ProcessInfo.processInfo.environment
        environment[PausePoint.environmentVariable] = pauseAt
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = input
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Reads the process's standard error until it says it paused: true then, false when the
    /// process ended without pausing (the point was never reached).
    func waitForPause() -> Bool {
        var text = ""
        while !text.contains("lbsearch: paused at ") {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { return false }
            text += String(decoding: data, as: UTF8.self)
        }
        return true
    }

    /// Lets a paused process go on.
    func resume() throws {
        try input.fileHandleForWriting.write(contentsOf: Data("\n".utf8))
    }

    /// Resumes the process if it is paused and waits for it to end; its exit status.
    func finish() throws -> Int32 {
        try input.fileHandleForWriting.close()
        _ = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// `kill -9`, then waits for the process to be gone.
    func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Documents committed in the index so far.
    static func documentCount(_ index: String) throws -> Int {
        try scalar(index, "SELECT count(*) FROM documents")
    }

    /// One number read from the index (-1 when there is no index file yet).
    static func scalar(_ index: String, _ sql: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: index) else { return -1 }
        let queue = try DatabaseQueue(path: index)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }
}
