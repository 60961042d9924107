import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A first build writes unsynced behind a marker (`UnsyncedBuild`): the marker goes once the
/// build is on the disk, and one left by another boot makes the next run start over.
@Suite(.enabled(if: UnsyncedBuild.currentBoot() != nil, "needs a boot id (Linux)"))
struct UnsyncedBuildTests {
    func writeNotes(_ names: [String], into folder: TemporaryFolder) throws {
        for name in names {
            try folder.write("docs/\(name).txt", "Note \(name)\n\nthe \(name) of the notes")
        }
    }

    func marker(_ path: String) -> UnsyncedBuild.Marker? {
        UnsyncedBuild.read(UnsyncedBuild.path(for: path))
    }

    @Test func theMarkerHoldsTheBootAndRootsUntilTheBuildIsFlushed() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        try folder.write("index.db", "stand-in")
        #expect(UnsyncedBuild.begin(indexPath: path, roots: ["/a", "/b\nc"], boot: "boot-1"))
        #expect(marker(path) == UnsyncedBuild.Marker(boot: "boot-1", roots: ["/a", "/b\nc"]))
        #expect(!FileManager.default.fileExists(atPath: UnsyncedBuild.path(for: path) + ".new"))
        // Another boot's run does not take away this boot's marker, nor does it count as lost
        // to this boot.
        #expect(UnsyncedBuild.finish(indexPath: path, boot: "boot-2"))
        #expect(marker(path) != nil)
        #expect(UnsyncedBuild.discardIfLost(indexPath: path, boot: "boot-1") == nil)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(UnsyncedBuild.finish(indexPath: path, boot: "boot-1"))
        #expect(!FileManager.default.fileExists(atPath: UnsyncedBuild.path(for: path)))
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func aMarkerFromAnotherBootDiscardsTheIndexAndItsLog() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        for file in ["index.db", "index.db-wal", "index.db-shm", "index.db.lock"] {
            try folder.write(file, "stand-in")
        }
        #expect(UnsyncedBuild.begin(indexPath: path, roots: ["/notes"], boot: "boot-1"))
        #expect(UnsyncedBuild.discardIfLost(indexPath: path, boot: "boot-2") == ["/notes"])
        for file in ["index.db", "index.db-wal", "index.db-shm", "index.db.unsynced"] {
            #expect(!FileManager.default.fileExists(atPath: folder.file(file)), "\(file)")
        }
        // The lock file is the writer lock's, not the build's.
        #expect(FileManager.default.fileExists(atPath: folder.file("index.db.lock")))
        // Nothing left to discard.
        #expect(UnsyncedBuild.discardIfLost(indexPath: path, boot: "boot-2") == nil)
    }

    /// SQLite keeps the log beside the file a symbolic link leads to: that is what goes.
    @Test func aLostBuildThroughASymbolicLinkDiscardsTheFileItLeadsTo() throws {
        let folder = try TemporaryFolder()
        for file in ["data/real.db", "data/real.db-wal", "data/real.db-shm"] {
            try folder.write(file, "stand-in")
        }
        try FileManager.default.createDirectory(
            atPath: folder.file("index"), withIntermediateDirectories: true)
        let path = folder.file("index/index.db")
        try FileManager.default.createSymbolicLink(
            atPath: path, withDestinationPath: folder.file("data/real.db"))
        #expect(UnsyncedBuild.begin(indexPath: path, roots: ["/notes"], boot: "boot-1"))
        #expect(FileManager.default.fileExists(atPath: folder.file("index/index.db.unsynced")))
        #expect(UnsyncedBuild.discardIfLost(indexPath: path, boot: "boot-2") == ["/notes"])
        for file in [
            "data/real.db", "data/real.db-wal", "data/real.db-shm", "index/index.db.unsynced",
        ] {
            #expect(!FileManager.default.fileExists(atPath: folder.file(file)), "\(file)")
        }
    }

    /// A symbolic link left where the marker is first written is replaced, not written through.
    @Test func theMarkerIsNeverWrittenThroughALink() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        try folder.write("index.db", "stand-in")
        try folder.write("victim.txt", "keep me")
        try FileManager.default.createSymbolicLink(
            atPath: UnsyncedBuild.path(for: path) + ".new",
            withDestinationPath: folder.file("victim.txt"))
        #expect(UnsyncedBuild.begin(indexPath: path, roots: ["/a"], boot: "boot-1"))
        #expect(try String(contentsOfFile: folder.file("victim.txt"), encoding: .utf8) == "keep me")
        #expect(marker(path) == UnsyncedBuild.Marker(boot: "boot-1", roots: ["/a"]))
    }

    @Test func anUnreadableMarkerCountsAsLost() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        try folder.write("index.db", "stand-in")
        try folder.write("index.db.unsynced", "{not json")
        #expect(UnsyncedBuild.discardIfLost(indexPath: path, boot: "boot-1") == [])
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func withoutABootIDNothingIsMarkedOrDiscarded() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("index.db")
        try folder.write("index.db", "stand-in")
        #expect(!UnsyncedBuild.begin(indexPath: path, roots: ["/a"], boot: nil))
        #expect(marker(path) == nil)
        try folder.write("index.db.unsynced", "{not json")
        #expect(UnsyncedBuild.discardIfLost(indexPath: path, boot: nil) == nil)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func aFirstBuildAndALaterRunLeaveNoMarker() throws {
        let folder = try TemporaryFolder()
        try writeNotes(["alpha", "beta"], into: folder)
        let path = folder.file("index.db")
        _ = try Indexer.index(at: path, roots: [folder.file("docs")])
        #expect(!FileManager.default.fileExists(atPath: UnsyncedBuild.path(for: path)))
        try writeNotes(["gamma"], into: folder)
        let report = try Indexer.index(at: path, roots: [])
        #expect(report.added == 1)
        #expect(!FileManager.default.fileExists(atPath: UnsyncedBuild.path(for: path)))
    }

    /// A run that names no roots over an index of two notes, built before a third was added,
    /// with a marker of `boot` beside it.
    struct Rerun {
        let folder: TemporaryFolder
        let path: String
        let root: String
        let report: IndexReport
        let notices: [String]
    }

    func rerun(withMarkerOf boot: String?) throws -> Rerun {
        let folder = try TemporaryFolder()
        try writeNotes(["alpha", "beta"], into: folder)
        let path = folder.file("index.db")
        let root = folder.file("docs")
        _ = try Indexer.index(at: path, roots: [root])
        try writeNotes(["gamma"], into: folder)
        #expect(UnsyncedBuild.begin(indexPath: path, roots: [root], boot: boot))
        var notices: [String] = []
        let report = try Indexer.index(at: path, roots: [], onUpgrade: { notices.append($0) })
        #expect(!FileManager.default.fileExists(atPath: UnsyncedBuild.path(for: path)))
        return Rerun(folder: folder, path: path, root: root, report: report, notices: notices)
    }

    /// A first build the machine went down during is started over from the marker's roots,
    /// even by a run that names none, and says so.
    @Test func aBuildLostWithTheMachineIsStartedOver() throws {
        let run = try rerun(withMarkerOf: "a-boot-before-this")
        #expect(run.notices == [UnsyncedBuild.lostNotice])
        #expect(run.report.added == 3)
        #expect(run.report.unchanged == 0)
        let store = try IndexStore.openForReading(at: run.path)
        #expect(try Searcher(store: store).search("gamma").hits.count == 1)
        #expect(try store.roots() == [run.root])
    }

    /// A marker of this boot is a run that was killed or failed: its index is kept and the
    /// next run finishes it.
    @Test func aMarkerOfThisBootKeepsTheIndex() throws {
        let run = try rerun(withMarkerOf: UnsyncedBuild.currentBoot())
        #expect(run.notices.isEmpty)
        #expect(run.report.added == 1)
        #expect(run.report.unchanged == 2)
    }
}
