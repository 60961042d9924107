import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

struct WriterLockTests {
    @Test func oneHolderAtATimeAndItsPidIsRecorded() throws {
        let folder = try TemporaryFolder()
        let index = folder.file("index.db")
        do {
            let first = try WriterLock.acquire(for: index)
            #expect(
                try String(contentsOfFile: index + ".lock", encoding: .utf8) == "\(getpid())\n")
            #expect(throws: LBSearchError.indexBusy(path: index, pid: getpid())) {
                try WriterLock.acquire(for: index)
            }
            withExtendedLifetime(first) {}
        }
        _ = try WriterLock.acquire(for: index)
    }

    @Test func waitingGetsTheLockOnceReleased() throws {
        let folder = try TemporaryFolder()
        let index = folder.file("index.db")
        // The holder lets go only after the first attempt has failed, however slow the
        // machine: a signal, not a timer, orders the two.
        let attempted = DispatchSemaphore(value: 0)
        do {
            // Only the closure keeps the holder: the lock is released once it has run.
            let holder = try WriterLock.acquire(for: index)
            Thread {
                attempted.wait()
                withExtendedLifetime(holder) {}
            }.start()
        }
        #expect(throws: LBSearchError.self) { try WriterLock.acquire(for: index) }
        attempted.signal()
        _ = try WriterLock.acquire(for: index, wait: 60)
    }

    @Test func aLockFileInAMissingFolderIsAnError() {
        #expect(throws: LBSearchError.self) {
            try WriterLock.acquire(for: "/no/such/folder/index.db")
        }
    }
}
