import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

struct RunHistoryTests {
    @Test func aSuccessfulRunIsRecordedWithItsCounts() throws {
        let (store, _) = try indexedStore(["a.txt": "Alpha\n\nwords", "b.txt": "Beta\n\nwords"])
        let run = try #require(try store.lastRun())
        #expect(run.outcome == .succeeded)
        #expect(run.pid == getpid())
        #expect((run.report.added, run.report.tokenized, run.full) == (2, 2, false))
        #expect(try #require(run.ended) >= run.started)
    }

    @Test func aRunWithAMissingRootIsPartialAndKeepsItsDocuments() throws {
        let (store, folder) = try indexedStore(["a.txt": "Alpha\n\nwords"])
        try FileManager.default.removeItem(atPath: folder.path)
        let report = try Indexer(store: store).run(roots: [])
        #expect(
            report.unavailableRoots == [
                RootStatus(root: folder.path, state: .missing, documents: 1)
            ])
        #expect(try store.lastRun()?.outcome == .partial("\(folder.path) is missing"))
        #expect(try store.documentCount() == 1)
    }

    @Test func aRunWhoseProcessIsGoneWasInterrupted() throws {
        let store = try IndexStore.inMemory()
        let id = try store.beginRun(full: false)
        #expect(try store.lastRun()?.outcome == .running)
        try store.database.write { db in
            try db.execute(sql: "UPDATE runs SET pid = ? WHERE id = ?", arguments: [Int32.max, id])
        }
        #expect(try store.lastRun()?.outcome == .interrupted)
        try store.endRun(id, report: IndexReport(), error: "the disk is full")
        #expect(try store.lastRun()?.outcome == .failed("the disk is full"))
    }

    @Test func onlyTheLastRunsAreKept() throws {
        let store = try IndexStore.inMemory()
        for _ in 0..<(Schema.keptRuns + 5) { _ = try store.beginRun(full: false) }
        #expect(
            try store.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") }
                == Schema.keptRuns)
    }
}
