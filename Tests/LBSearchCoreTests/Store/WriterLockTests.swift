import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

struct WriterLockTests {
    @Test func oneHolderAtATimeAndItsPidIsRecorded() throws {
        let folder = try TemporaryFolder()
        let index = folder.file("index.db")
        var first: WriterLock? = try WriterLock.acquire(for: index)
        #expect(try String(contentsOfFile: index + ".lock", encoding: .utf8) == "\(getpid())\n")
        #expect(throws: LBSearchError.indexBusy(path: index, pid: getpid())) { try WriterLock.acquire(for: index) }
        first = nil
        #expect(first == nil)
        _ = try WriterLock.acquire(for: index)
    }

    @Test func waitingGetsTheLockOnceReleased() throws {
        let folder = try TemporaryFolder()
        let index = folder.file("index.db")
        do {
            // Only the closure keeps the holder: the lock is released once it has run.
            let holder = try WriterLock.acquire(for: index)
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { withExtendedLifetime(holder) {} }
        }
        #expect(throws: LBSearchError.self) { try WriterLock.acquire(for: index) }
        let started = Date()
        _ = try WriterLock.acquire(for: index, wait: 10)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func aLockFileInAMissingFolderIsAnError() {
        #expect(throws: LBSearchError.self) { try WriterLock.acquire(for: "/no/such/folder/index.db") }
    }
}
