import Foundation
import LBSearchTestSupport
import Synchronization
import Testing

@testable import LBSearchCore

struct IndexProgressTests {
    /// Every report a run made, in order.
    final class Reports: Sendable {
        let all = Mutex<[IndexProgress]>([])
        func add(_ progress: IndexProgress) { all.withLock { $0.append(progress) } }
    }

    func run(_ files: [String: String], full: Bool = false, folder: TemporaryFolder? = nil)
        throws -> (IndexReport, [IndexProgress], TemporaryFolder)
    {
        let folder = try folder ?? TemporaryFolder()
        for (name, contents) in files { try folder.write(name, contents) }
        let reports = Reports()
        let report = try Indexer.index(
            at: folder.file("index.db"), roots: [folder.file("docs")], full: full,
            onProgress: reports.add)
        return (report, reports.all.withLock { $0 }, folder)
    }

    static let files = [
        "docs/a.txt": "Alpha\n\nThe first note.",
        "docs/b.md": "# Beta\n\nThe second note.",
        "docs/c.jsonl": (1...5).map { #"{"_id": "\#($0)", "text": "record \#($0)"}"# }.joined(
            separator: "\n"),
    ]

    @Test func reportsTheWalkThenEveryByteAndDocument() throws {
        let (report, reports, _) = try run(Self.files)
        let walking = reports.prefix { $0.stage == .walking }
        #expect(walking.map(\.filesWalked) == [1, 2, 3])
        let last = try #require(reports.last)
        #expect(last.stage == .finishing)
        #expect(last.filesToRead == 3 && last.filesRead == 3)
        #expect(last.bytesRead == last.bytesToRead && last.fraction == 1)
        #expect(last.documents == report.added && report.added == 7)
        // Counts only grow, and the share read is known once the walk is done.
        for (before, after) in zip(reports, reports.dropFirst()) {
            #expect(after.bytesRead >= before.bytesRead && after.documents >= before.documents)
            #expect(after.elapsed >= before.elapsed)
        }
        #expect(reports.filter { $0.stage == .indexing }.allSatisfy { $0.fraction != nil })
    }

    @Test func anUnchangedRunReadsNothing() throws {
        let (_, _, folder) = try run(Self.files)
        let (_, again, _) = try run([:], folder: folder)
        #expect(again.last?.filesToRead == 0 && again.last?.documents == 0)
        #expect(again.last?.fraction == 1)
    }

    @Test func aFullRebuildReportsToo() throws {
        let (_, _, folder) = try run(Self.files)
        let (_, full, _) = try run([:], full: true, folder: folder)
        #expect(full.last?.documents == 7 && full.last?.stage == .finishing)
    }

    @Test func theEstimateWaitsForASecondAndTwoPercent() {
        var progress = IndexProgress()
        progress.stage = .indexing
        (progress.bytesToRead, progress.bytesRead, progress.elapsed) = (1000, 250, 0.5)
        #expect(progress.remaining == nil && progress.rate == nil)
        progress.elapsed = 10
        #expect(progress.remaining == 30)
        progress.bytesRead = 10
        #expect(progress.remaining == nil)
    }
}
