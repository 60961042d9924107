import Foundation
import GRDB
import LBSearchTestSupport
import Testing

/// An `lbsearch` process run in the background, to be killed or raced, and read-only looks
/// at the index it writes.
struct IndexProcess {
    let process: Process

    /// Starts `lbsearch arguments` in `cwd`, its output discarded.
    init(_ arguments: [String], cwd: String) throws {
        process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Polls `condition` every few milliseconds until it holds or `seconds` pass; false if the
    /// process ended first.
    func waitUntil(seconds: Double = 60, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, process.isRunning {
            if condition() { return true }
            usleep(10_000)
        }
        return false
    }

    /// `kill -9`, then waits for the process to be gone.
    func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Documents committed in the index so far (-1 while it cannot be read).
    static func documentCount(_ index: String) -> Int {
        (try? scalar(index, "SELECT count(*) FROM documents")) ?? -1
    }

    static func scalar(_ index: String, _ sql: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: index) else { return -1 }
        let queue = try DatabaseQueue(path: index)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }
}
