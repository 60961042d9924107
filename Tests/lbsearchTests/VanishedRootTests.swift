import Foundation
import LBSearchTestSupport
import Testing

/// A root that vanishes (deleted, or an empty folder where a share was mounted) keeps its
/// documents; the other roots are updated; only `index --forget` removes it.
@Suite(.serialized)
struct VanishedRootTests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("news/a.txt", "Alpha\n\nthe first story")
        try folder.write("notes/b.txt", "Bravo\n\na note kept on a share")
        index = folder.file("idx.db")
        #expect(
            try CLI.run(["index", "news", "notes", "--index", index], cwd: folder.path).status == 0)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(arguments: ["missing", "empty"])
    func aVanishedRootKeepsItsDocumentsAndTheOthersAreUpdated(state: String) throws {
        let notes = folder.file("notes")
        try FileManager.default.removeItem(atPath: notes)
        if state == "empty" {
            try FileManager.default.createDirectory(
                atPath: notes, withIntermediateDirectories: false)
        }
        try folder.write("news/c.txt", "Charlie\n\na new story")
        let run = try CLI.run(["index", "--index", index, "--json"], cwd: folder.path)
        #expect(run.status == 3)
        let report = try json(run.stdout)
        #expect(report["added"] as? Int == 1)
        #expect(report["removed"] as? Int == 0)
        let unavailable = try #require(report["unavailable_roots"] as? [[String: Any]])
        #expect(unavailable.count == 1)
        #expect(unavailable.first?["root"] as? String == notes)
        #expect(unavailable.first?["state"] as? String == state)
        #expect(unavailable.first?["documents"] as? Int == 1)
        #expect(run.stderr.contains("lbsearch: warning: root \(notes) is "))
        #expect(run.stderr.contains("'lbsearch index --forget \(notes)' removes them"))
        let plain = try CLI.run(["index", "--index", index], cwd: folder.path)
        #expect(plain.status == 3)
        #expect(
            plain.stdout.hasSuffix("s; 1 root(s) could not be read, documents kept\n"),
            "\(plain.stdout)")
        #expect(try CLI.run(["bravo", "--index", index], cwd: folder.path).status == 0)
        #expect(try CLI.run(["charlie", "--index", index], cwd: folder.path).status == 0)
        let status = try CLI.run(["status", "--index", index], cwd: folder.path)
        #expect(
            status.stdout.contains(
                "\(notes) (\(state == "empty" ? "suddenly empty" : "missing"): 1 documents kept;"))
        #expect(status.stdout.contains("result:    partial: \(notes) is "))
        let states = try #require(
            try json(CLI.run(["status", "--json", "--index", index], cwd: folder.path).stdout)[
                "root_states"] as? [[String: Any]])
        #expect(states.map { $0["state"] as? String } == ["ok", state])
    }

    @Test func forgetRemovesARootAndItsDocuments() throws {
        try FileManager.default.removeItem(atPath: folder.file("notes"))
        let forget = try CLI.run(
            ["index", "--forget", "notes", "--index", index, "--json"], cwd: folder.path)
        #expect(forget.status == 0, "\(forget.stderr)")
        #expect(try json(forget.stdout)["removed"] as? Int == 1)
        #expect(try CLI.run(["bravo", "--index", index], cwd: folder.path).status == 1)
        let status = try CLI.run(["status", "--index", index], cwd: folder.path)
        #expect(
            status.stdout.contains(
                "roots:     \(folder.file("news")) (ok, 1 documents)\ndocuments: 1 in 1 files\n"))
        #expect(try CLI.run(["index", "--index", index], cwd: folder.path).status == 0)
        let stranger = try CLI.run(
            ["index", "--forget", "news/a.txt", "--index", index], cwd: folder.path)
        #expect(stranger.status == 2)
        #expect(
            stranger.stderr
                == "lbsearch: error: \(folder.file("news/a.txt")) is not an indexed root; 'lbsearch status' lists them\n"
        )
    }

    /// `--full` would drop the documents of a root it cannot read: it refuses instead.
    @Test func aFullRebuildRefusesToDropAVanishedRoot() throws {
        try FileManager.default.removeItem(atPath: folder.file("notes"))
        let run = try CLI.run(["index", "--full", "--index", index], cwd: folder.path)
        #expect(run.status == 2)
        #expect(
            run.stderr.hasPrefix(
                "lbsearch: error: cannot rebuild: root \(folder.file("notes")) is missing;"))
        #expect(try CLI.run(["bravo", "--index", index], cwd: folder.path).status == 0)
    }

    /// Root reads any folder, so an unreadable root is tried as `nobody`.
    @Test(
        .enabled(
            if: ReadOnlyAccessTests.canRunAsNobody,
            "needs root, runuser, and a binary that nobody may run"))
    func anUnreadableRootKeepsItsDocuments() throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        let own = folder.file("own.db")
        let asNobody = { (arguments: [String]) in
            try CLI.run(
                ["-u", "nobody", "--", CLI.binary.path] + arguments + ["--index", own],
                cwd: folder.path, executable: ReadOnlyAccessTests.runuser)
        }
        #expect(try asNobody(["index", "news", "notes"]).status == 0)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o000], ofItemAtPath: folder.file("notes"))
        defer {
            try? FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: folder.file("notes"))
        }
        let run = try asNobody(["index"])
        #expect(run.status == 3)
        #expect(
            run.stdout.hasSuffix("s; 1 root(s) could not be read, documents kept\n"),
            "\(run.stdout)")
        #expect(
            run.stderr.contains(
                "warning: root \(folder.file("notes")) is unreadable (Permission denied): kept its 1 documents"
            ), "\(run.stderr)")
        #expect(try asNobody(["bravo"]).status == 0)
    }
}
