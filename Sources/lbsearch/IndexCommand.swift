import ArgumentParser
import Foundation
import LBSearchCore

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add folders or files to the index, or bring it up to date.",
        discussion: """
            Reads .txt, .md (YAML front matter), .html and .jsonl (one BEIR record per line:
            _id, title, text, optional date, source, url). Hidden files and folders are skipped.
            With no PATH, the folders indexed before are brought up to date: new files are added,
            changed ones replaced, deleted ones removed, renamed ones moved. Files that cannot be
            read are reported on stderr and skipped. Prints one summary line.
            """)

    @Argument(help: ArgumentHelp("Folders or files to index (default: the ones indexed before).", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var indexOptions: IndexOptions

    @Flag(help: "Re-read and re-store every file, even unchanged ones.")
    var full = false

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    @Flag(name: .shortAndLong, help: "Do not report skipped files.")
    var quiet = false

    func run() throws {
        let store = try IndexStore.open(at: indexOptions.location.path, create: true)
        let report = try Indexer(store: store).run(roots: paths, full: full) { skip in
            if !quiet { Terminal.warn(skip.description) }
        }
        Terminal.write((json ? report.json : report.summary) + "\n")
    }
}

extension IndexReport {
    var json: String {
        JSONValue.object([
            ("added", .number(Double(added))), ("updated", .number(Double(updated))),
            ("moved", .number(Double(moved))), ("removed", .number(Double(removed))),
            ("unchanged", .number(Double(unchanged))), ("skipped", .number(Double(skipped))),
            ("seconds", .number((seconds * 1000).rounded() / 1000)),
        ]).serialized()
    }
}
