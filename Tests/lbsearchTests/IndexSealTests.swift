import Foundation
import LBSearchTestSupport
import Testing

/// A run that finds the index as the last run left it skips the full check.
///
/// That is, when its seal in the lock file holds; a check more than a week old, or any write
/// to the file since, brings the full check back. The lock file's second line is `sealed DEVICE INODE SIZE MTIME CTIME CHECKED`.
@Suite(.serialized)
struct IndexSealTests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        (folder, index) = try CLI.indexedCorpus(30)
    }

    @Test func anUntouchedIndexIsTrustedUntilAWeekHasPassedOrItIsWritten() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let first = try #require(try checkedTime())
        #expect(abs(first - now) < 600)
        // Checked an hour ago: a run that finds the file untouched trusts that check.
        try setCheckedTime(now - 3600)
        try reindex()
        #expect(try checkedTime() == now - 3600)
        // Checked eight days ago: the run checks again.
        try setCheckedTime(now - 8 * 86_400)
        try reindex()
        #expect(try checkedTime().map { $0 >= now } == true)
        // Written since (here only its times are set, as any write sets them): checked again.
        try setCheckedTime(now - 3600)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: index)
        try reindex()
        #expect(try checkedTime().map { $0 >= now } == true)
    }

    /// A run that fails, like one that is killed, leaves no seal: the next run checks in full.
    @Test func onlyARunThatSucceedsLeavesASeal() throws {
        #expect(try checkedTime() != nil)
        let failed = try CLI.run(
            ["index", folder.file("nowhere"), "--index", index], cwd: folder.path)
        #expect(failed.status == 2)
        #expect(try checkedTime() == nil)
        try reindex()
        #expect(try checkedTime() != nil)
    }

    func reindex() throws {
        let run = try CLI.run(["index", "--index", index], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
    }

    func sealFields() throws -> [Substring] {
        let text = try String(contentsOfFile: index + ".lock", encoding: .utf8)
        let lines = text.split(separator: "\n")
        guard lines.count == 2 else { return [] }
        return lines[1].split(separator: " ")
    }

    func checkedTime() throws -> Int64? {
        try sealFields().last.flatMap { Int64($0) }
    }

    func setCheckedTime(_ time: Int64) throws {
        let fields = try sealFields()
        #expect(fields.count == 7)
        let pid = try String(contentsOfFile: index + ".lock", encoding: .utf8)
            .split(separator: "\n")[0]
        let line = (fields.dropLast() + ["\(time)"]).joined(separator: " ")
        try Data("\(pid)\n\(line)\n".utf8).write(to: URL(fileURLWithPath: index + ".lock"))
    }
}
