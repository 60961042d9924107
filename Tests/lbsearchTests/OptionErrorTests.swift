import Foundation
import LBSearchTestSupport
import Testing

/// A bad option is one line naming it, with the way to help, and exit 2, before any index.
///
/// The words come from the library's `LBSearchError`; these pin them.
struct OptionErrorTests {
    static let cases: [([String], String)] = [
        (["art", "--fragments", "0"], "--fragments must be between 1 and 10"),
        (["art", "--snippet-words", "3"], "--snippet-words must be between 4 and 200"),
        (["art", "--limit", "10001"], "--limit must be between 1 and 10000"),
        (["art", "--timeout", "inf"], "--timeout must be 0 (no limit) or more seconds"),
        (["art", "--markers", "<<"], "--markers takes OPEN,CLOSE, e.g. '<<,>>'"),
        (["art", "--markers", "\u{1B}[,]"], "--markers must not hold control characters"),
        (["art", "--colour"], "unknown option '--colour'"),
        (
            ["art", "--since", "2025-13"],
            "'2025-13' is not a date; use date:2025, date:2025-03, date:2025-03-09 or date:2024-01..2025-06"
        ),
        (
            ["art", "--since", "2025-03", "--until", "2025-02-28"],
            "--since 2025-03 is after --until 2025-02-28, so no date is between them; give the earlier date to --since"
        ),
        (["index", "--forget", "/a", "--full"], "--forget takes no paths and no --full"),
        (["index", "--wait", "nan"], "--wait must be 0 or more seconds"),
        (["doctor", "--wait", "inf"], "--wait must be 0 or more seconds"),
        (["batch", "--queries", "q.jsonl", "--limit", "0"], "--limit must be between 1 and 10000"),
    ]

    @Test(arguments: cases)
    func aBadOptionIsOneLine(arguments: [String], message: String) throws {
        let folder = try TemporaryFolder()
        let run = try CLI.run(arguments, cwd: folder.path)
        #expect(run.status == 2)
        #expect(run.stderr == "lbsearch: error: \(message) (see 'lbsearch --help')\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// Checked when the search runs, after the options: no help pointer.
    @Test func anUnknownRankingSettingIsOneLine() throws {
        let (folder, index) = try CLI.indexedCorpus(3)
        let run = try CLI.run(["art", "--index", index, "--ranking", "k9=1"], cwd: folder.path)
        #expect(run.status == 2)
        #expect(run.stderr == "lbsearch: error: unknown ranking setting 'k9=1'\n")
    }
}
