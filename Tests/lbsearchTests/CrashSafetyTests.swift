import Foundation
import LBSearchTestSupport
import Testing

/// `kill -9` an index run at several points, then check that the index is whole, searchable,
/// and that the next run finishes the work.
@Suite(.serialized)
struct CrashSafetyTests {
    static let files = 1500

    /// When to kill a first build: by how many documents it has committed.
    @Test(arguments: [0, 500, 1100, files])
    func killedFirstBuildKeepsCommittedBatches(after committed: Int) throws {
        let folder = try TemporaryFolder()
        try GeneratedCorpus.write(Self.files, into: folder)
        let index = folder.file("idx.db")
        let run = try IndexProcess(["index", "corpus", "--index", index], cwd: folder.path)
        _ = run.waitUntil {
            committed == 0
                ? FileManager.default.fileExists(atPath: index)
                : IndexProcess.documentCount(index) >= committed
        }
        run.killHard()
        if FileManager.default.fileExists(atPath: index) {
            let versions = try IndexChecks.verify(index)
            #expect(versions.count >= committed)
        }
        try finishesAndMatchesVersion(0, index: index, folder: folder)
    }

    @Test func killedUpdateLeavesOldOrNewStateOfEachDocument() throws {
        let (folder, index) = try builtCorpus()
        try GeneratedCorpus.write(Self.files, into: folder, version: 1)
        let run = try IndexProcess(["index", "--index", index], cwd: folder.path)
        let caught = run.waitUntil {
            (try? IndexProcess.scalar(
                index, "SELECT count(*) FROM documents WHERE body LIKE 'version1 %'")) ?? 0 >= 600
        }
        run.killHard()
        let versions = try IndexChecks.verify(index)
        #expect(versions.count == Self.files)
        #expect(Set(versions.values).isSubset(of: [0, 1]))
        if caught {  // else the run finished before the test could kill it (a starved test process)
            let status = try CLI.run(["status", "--index", index], cwd: folder.path)
            #expect(status.stdout.contains("result:    interrupted\n"), "\(status.stdout)")
        }
        try finishesAndMatchesVersion(1, index: index, folder: folder)
    }

    @Test func killedFullRebuildLeavesTheOldIndexAsItWas() throws {
        let (folder, index) = try builtCorpus()
        try GeneratedCorpus.write(Self.files, into: folder, version: 1)
        let run = try IndexProcess(["index", "--full", "--index", index], cwd: folder.path)
        let scratch = index + ".rebuild"
        let caught = run.waitUntil {
            ((try? FileManager.default.attributesOfItem(atPath: scratch)[.size] as? Int) ?? 0)
                > 2_000_000
        }
        run.killHard()
        let versions = try IndexChecks.verify(index)
        #expect(versions.count == Self.files)
        #expect(Set(versions.values) == (caught ? [0] : [1]))
        try finishesAndMatchesVersion(1, index: index, folder: folder)
        #expect(!FileManager.default.fileExists(atPath: scratch))
    }

    func builtCorpus() throws -> (TemporaryFolder, String) {
        try CLI.indexedCorpus(Self.files)
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
