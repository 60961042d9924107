import ArgumentParser
import Foundation
import LBSearchCore

struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the index for damage, and repair what the stored documents can repair.",
        discussion: """
            Runs SQLite's integrity check over the whole file, reads every stored \
            document, and runs FTS5's own integrity check, which also compares the \
            full-text index with the stored documents. A healthy index prints one 'ok' \
            line. A damaged one prints one line on stderr: what is wrong, and the one \
            command that fixes it:
              lbsearch doctor --repair   the full-text index or other derived data is \
            damaged: rebuilds the file from the stored documents (the indexed folders \
            are not read), then checks again;
              lbsearch index --full      the stored documents themselves are damaged \
            (or were made with another tokenizer): reads the folders again.
            Works on an index you may only read (without --repair).

            Exit status: 0 healthy (or repaired), 2 damaged (or the index cannot be opened).
            """)

    @OptionGroup var indexOptions: IndexOptions

    @Flag(help: "Rebuild the damaged parts from the stored documents, then check again.")
    var repair = false

    @Option(
        help: ArgumentHelp(
            "With --repair, wait up to this many seconds for a running index run.",
            valueName: "seconds"))
    var wait: Double = 0

    func validate() throws {
        guard wait >= 0, wait.isFinite else {
            throw LBSearchError.badOption(.negativeSeconds(option: "--wait"))
        }
    }

    func run() throws {
        let path = indexOptions.location.path
        let store =
            repair
            ? try IndexStore.openForWriting(at: path, wait: wait, create: false)
            : try IndexStore.openForReading(at: path, outdated: true)
        let doctor = IndexDoctor(store: store)
        var report = try doctor.check()
        if repair, !report.isHealthy {
            report = try doctor.repair(report)
            if report.isHealthy {
                try Terminal.write(
                    "repaired: rebuilt the damaged parts of \(path) from its stored documents\n")
            }
        }
        guard report.isHealthy else { throw LBSearchError.damagedIndex(path: path, report: report) }
        try Terminal.write("ok: \(path) passes SQLite's and FTS5's integrity checks\n")
    }
}
