import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// An index of the release before the body came first in `documents_fts` ("v11"), as a user
/// meets it: searches read it as it is and write nothing; `lbsearch index` says in one line
/// that it rebuilds the full-text index, and every search then prints exactly what it printed.
struct BodyFirstCommandTests {
    /// The v11 index of `Store/Fixtures/index-v11.sql` (LBSearchCoreTests), in `folder`.
    static func v11Index(_ folder: TemporaryFolder) throws -> String {
        try schemaFixture("v11", in: folder)
    }

    /// What each search prints, text and JSON, with its explanation.
    static func searches(_ index: String, _ folder: TemporaryFolder) throws -> [String] {
        var outputs: [String] = []
        for query in ["harbor", "studio glass", "title:market", "アニメ", "gardne"] {
            for format in ["text", "json"] {
                let run = try CLI.run(
                    [query, "--index", index, "--format", format, "--explain", "--color", "never"],
                    cwd: folder.path)
                // The count line of text output carries the time the search took.
                let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.hasSuffix(" s)") }
                outputs.append("\(run.status) \(query) \(format)\n" + lines.joined(separator: "\n"))
            }
        }
        return outputs
    }

    @Test func aV11IndexIsSearchedAsItIsAndRebuiltOnceByIndex() throws {
        let folder = try TemporaryFolder()
        let index = try Self.v11Index(folder)
        try FileManager.default.createDirectory(
            atPath: folder.file("empty"), withIntermediateDirectories: true)
        let before = try Data(contentsOf: URL(fileURLWithPath: index))
        let old = try Self.searches(index, folder)
        #expect(old[0].hasPrefix("0 harbor text\n"))
        #expect(old[0].contains("[harbor]"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == before)

        let run = try CLI.run(["index", "empty", "--index", index], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "lbsearch: \(IndexStore.bodyFirstUpgradeNotice)\n")
        let status = try CLI.run(["status", "--index", index], cwd: folder.path)
        #expect(status.stdout.contains("schema:    \(Schema.partialRecordMigration)\n"))

        let new = try Self.searches(index, folder)
        #expect(new.count == old.count)
        for (was, now) in zip(old, new) { #expect(was == now) }
        let again = try CLI.run(["index", "empty", "--index", index], cwd: folder.path)
        #expect(again.stderr.isEmpty, "\(again.stderr)")
    }
}
