import ArgumentParser
import Foundation
import LBSearchCore

@main
struct LBSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lbsearch",
        abstract: "Full-text search for a folder of documents, ranked, with highlighted snippets.",
        discussion: """
            Examples:
              lbsearch "AI art"               best matches, with snippets
              lbsearch '"key frames" -manga'  a phrase, without a word
              lbsearch index ~/notes          index a folder; again: only changes
              lbsearch "AI art" --format csv -o hits.csv
              lbsearch status                 what is indexed; the last run
              lbsearch doctor                 check the index for damage

            The index is .lbsearch/index.db in the current folder, or the file
            named by --index or $LBSEARCH_INDEX.
            Exit status: 0 hits found, 1 no hits, 2 error.
            """,
        version: "0.1.0",
        subcommands: [Search.self, Index.self, Status.self, Doctor.self, Batch.self],
        defaultSubcommand: Search.self)

    /// Runs the command and exits like grep: 0 found, 1 not found, 2 error.
    /// A write error (full disk, closed pipe, `ulimit -f`) is one line and exit 2, or a quiet
    /// end when the reader of standard output is gone.
    static func main() {
        Terminal.ignoreWriteSignals()
        var status: Int32 = 0
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            status = Terminal.report(error, helpFor: self)
        }
        Foundation.exit(Terminal.finalStatus(status))
    }
}
