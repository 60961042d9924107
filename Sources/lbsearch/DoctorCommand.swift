import ArgumentParser
import Foundation
import LBSearchCore

struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the index for damage, and repair its full-text data.",
        discussion: """
            Runs SQLite's integrity check over the whole file and FTS5's own integrity \
            check, which also compares the full-text index with the stored documents, \
            and prints one line per problem found. With --repair, rebuilds the full-text \
            index from the stored documents (the indexed folders are not read) and \
            checks again. Damaged pages need 'lbsearch index --full'.

            Exit status: 0 healthy, 2 damaged (or the index cannot be opened).
            """)

    @OptionGroup var indexOptions: IndexOptions

    @Flag(help: "Rebuild the full-text index from the stored documents, then check again.")
    var repair = false

    @Option(help: ArgumentHelp("With --repair, wait up to this many seconds for a running index run.", valueName: "seconds"))
    var wait: Double = 0

    func run() throws {
        let path = indexOptions.location.path
        let store = repair ? try IndexStore.openForWriting(at: path, wait: wait) : try IndexStore.open(at: path, create: false, writable: true)
        let doctor = IndexDoctor(store: store)
        var report = try doctor.check()
        // Damaged pages cannot be rebuilt from themselves: only the full-text index can.
        if repair, !report.isHealthy, !Self.hasStorageDamage(report) {
            for problem in report.problems { try Terminal.write("found: \(problem)\n") }
            report = try doctor.repair()
            if report.isHealthy { try Terminal.write("repaired: rebuilt the full-text index from the stored documents\n") }
        }
        for problem in report.problems { try Terminal.write("problem: \(problem)\n") }
        guard report.isHealthy else {
            Terminal.warn("error: the index at \(path) is damaged (\(report.problems.count) problem(s)); \(advice(report))")
            throw ExitCode(2)
        }
        try Terminal.write("ok: \(path) passes SQLite's and FTS5's integrity checks\n")
    }

    /// What to do next: --repair fixes the full-text index only; damaged pages need a rebuild,
    /// which replaces every page of the file.
    func advice(_ report: HealthReport) -> String {
        if Self.hasStorageDamage(report) { return "rebuild it with 'lbsearch index --full' (or delete it and index again)" }
        return repair ? "run 'lbsearch index --full'" : "run 'lbsearch doctor --repair'"
    }

    static func hasStorageDamage(_ report: HealthReport) -> Bool {
        report.problems.contains { if case .storage = $0 { return true } else { return false } }
    }
}
