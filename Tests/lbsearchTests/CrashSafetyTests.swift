import Foundation
import LBSearchCore
import LBSearchTestSupport
import Testing

/// `kill -9` an index run at named points (`PausePoint`), then check that the index is whole,
/// searchable, and that the next run finishes the work.
///
/// A run that never reaches its point
/// fails the test: nothing here passes because the kill came too late.
@Suite(.serialized)
struct CrashSafetyTests {
    static let files = 1500
    /// Batches in a run over `files` new files.
    static let batches = (files + Indexer.batchFiles - 1) / Indexer.batchFiles

    /// Kills a first build after `committed` batches (0: once the run is recorded, before any).
    @Test(arguments: [0, 2, 5, batches])
    func killedFirstBuildKeepsCommittedBatches(after committed: Int) throws {
        let folder = try TemporaryFolder()
        try GeneratedCorpus.write(Self.files, into: folder)
        let index = folder.file("idx.db")
        let run = try IndexProcess(
            ["index", "corpus", "--index", index], cwd: folder.path,
            pauseAt: committed == 0 ? "run-started" : "batch-committed:\(committed)")
        try #require(run.waitForPause(), "the run ended before batch \(committed)")
        run.killHard()
        let versions = try IndexChecks.verify(index)
        #expect(versions.count == min(committed * Indexer.batchFiles, Self.files))
        // A first build merges no FTS5 segments on the way; the next run puts that back.
        if committed > 0 {
            #expect(try IndexChecks.merging(index) == ["automerge": 0, "crisismerge": 1_000])
        }
        // Incremental auto-vacuum is turned on before the first batch (`compact`).
        if committed > 0 { #expect(try IndexProcess.scalar(index, "PRAGMA auto_vacuum") == 2) }
        // It wrote unsynced (`UnsyncedBuild`): a kill loses nothing by that, and the marker
        // stays until a run ends with the index on the disk.
        let marker = UnsyncedBuild.path(for: index)
        if committed > 0, UnsyncedBuild.currentBoot() != nil {
            #expect(FileManager.default.fileExists(atPath: marker))
        }
        try expectInterrupted(index, folder)
        try finishesAndMatchesVersion(0, index: index, folder: folder)
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(try IndexChecks.merging(index) == ["automerge": 4, "crisismerge": 16])
        #expect(try IndexProcess.scalar(index, "PRAGMA auto_vacuum") == 2)
    }

    @Test func killedUpdateLeavesOldOrNewStateOfEachDocument() throws {
        let (folder, index) = try builtCorpus()
        try GeneratedCorpus.write(Self.files, into: folder, version: 1)
        let run = try IndexProcess(
            ["index", "--index", index], cwd: folder.path, pauseAt: "batch-committed:3")
        try #require(run.waitForPause(), "the run ended before its third batch")
        run.killHard()
        let versions = try IndexChecks.verify(index)
        #expect(versions.count == Self.files)
        #expect(versions.values.filter { $0 == 1 }.count == 3 * Indexer.batchFiles)
        #expect(Set(versions.values) == [0, 1])
        try expectInterrupted(index, folder)
        try finishesAndMatchesVersion(1, index: index, folder: folder)
    }

    /// Killed while building the new index beside the live one, or once it is built and
    /// before it replaces the live one: the live index is as it was.
    @Test(arguments: ["batch-committed:3", "before-swap"])
    func killedFullRebuildLeavesTheOldIndexAsItWas(at point: String) throws {
        let (folder, index) = try builtCorpus()
        try GeneratedCorpus.write(Self.files, into: folder, version: 1)
        let run = try IndexProcess(
            ["index", "--full", "--index", index], cwd: folder.path, pauseAt: point)
        try #require(run.waitForPause(), "the rebuild ended before \(point)")
        let scratch = index + ".rebuild"
        #expect(FileManager.default.fileExists(atPath: scratch))
        run.killHard()
        let versions = try IndexChecks.verify(index)
        #expect(versions.count == Self.files)
        #expect(Set(versions.values) == [0])
        try finishesAndMatchesVersion(1, index: index, folder: folder)
        #expect(!FileManager.default.fileExists(atPath: scratch))
    }

    func builtCorpus() throws -> (TemporaryFolder, String) {
        try CLI.indexedCorpus(Self.files)
    }

    /// `status` shows the killed run as interrupted.
    func expectInterrupted(
        _ index: String, _ folder: TemporaryFolder,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let status = try CLI.run(["status", "--index", index], cwd: folder.path)
        #expect(
            status.stdout.contains("result:    interrupted\n"), "\(status.stdout)",
            sourceLocation: sourceLocation)
    }

    /// The next run exits 0, leaves every document at `version`, and a run after it
    /// re-tokenizes nothing.
    func finishesAndMatchesVersion(_ version: Int, index: String, folder: TemporaryFolder) throws {
        let next = try CLI.run(["index", "corpus", "--index", index, "--json"], cwd: folder.path)
        #expect(next.status == 0, "\(next.stderr)")
        let versions = try IndexChecks.verify(index)
        #expect(versions.count == Self.files)
        #expect(Set(versions.values) == [version])
        let again = try CLI.run(["index", "--index", index, "--json"], cwd: folder.path)
        let json = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        #expect(json?["tokenized"] as? Int == 0)
        #expect(json?["unchanged"] as? Int == Self.files)
    }
}
