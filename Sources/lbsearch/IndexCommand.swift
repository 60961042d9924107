import ArgumentParser
import Foundation
import LBSearchCore

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add folders or files to the index, or bring it up to date.",
        discussion: """
            Reads .txt, .md (YAML front matter), .html, .jsonl (one BEIR record per \
            line: _id, title, text, optional date, source, url) and RSS or Atom feeds \
            (.rss, .atom, .xml, .feed; one document per item). Hidden files and folders \
            are skipped. With no PATH, the folders indexed before are brought up to date: \
            new files are added, changed ones replaced, deleted ones removed, renamed ones \
            moved. Files that cannot be read are reported on stderr and skipped. Prints \
            one summary line. On a terminal, a live line on stderr shows the progress \
            (files, documents, rate, time, and an estimate of the time left once the files \
            are counted); it is erased before the summary, and never shown with --quiet, \
            when stderr is not a terminal, or with TERM=dumb.

            --full rebuilds the whole index from scratch beside the old one and swaps it \
            in at once: searches keep using the old index meanwhile, and a rebuild that \
            is stopped leaves it as it was. An ordinary run commits every 256 files or \
            16 MB, so a run that is killed keeps what it did.

            A feed is an archive: an item that drops out of a rewritten feed stays in \
            the index until the feed file is deleted, or until a run with --prune-feeds \
            (which reads every feed again and removes the items it no longer lists).

            One run at a time: a second one exits with status 75, or waits with --wait.

            Exit status: 0 done, 2 error, 75 another run holds the index.
            """)

    @Argument(
        help: ArgumentHelp(
            "Folders or files to index (default: the ones indexed before).", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var indexOptions: IndexOptions

    @Flag(help: "Rebuild the whole index from scratch (searches use the old one until it is done).")
    var full = false

    @Option(
        help: ArgumentHelp(
            "When another run is indexing, wait up to this many seconds for it.",
            valueName: "seconds"))
    var wait: Double = 0

    @Option(
        help: ArgumentHelp(
            "Remove this root and its documents from the index (repeatable).", valueName: "root"))
    var forget: [String] = []

    @Flag(
        help: ArgumentHelp(
            "Remove feed items that their feed no longer lists (by default they are kept)."))
    var pruneFeeds = false

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    @Flag(name: .shortAndLong, help: "Do not report skipped files or show progress.")
    var quiet = false

    func validate() throws {
        guard wait >= 0, wait.isFinite else {
            throw LBSearchError.badOption(.negativeSeconds(option: "--wait"))
        }
        if !forget.isEmpty, full || !paths.isEmpty {
            throw LBSearchError.badOption(.forgetWithOtherWork)
        }
        for path in paths { try LBSearchError.checkPath(path, option: "a folder or file to index") }
        for path in forget { try LBSearchError.checkPath(path, option: "--forget") }
    }

    func run() throws {
        let line = ProgressLine.onStandardError(quiet: quiet)
        defer { line?.finish() }
        let report = try Indexer.index(
            at: indexOptions.location.path, roots: paths, full: full, forget: forget, wait: wait,
            pruneFeeds: pruneFeeds,
            onSkip: { skip in warn(skip.description, line) }, onProgress: line.map(Self.listener),
            onUpgrade: { notice in warn(notice, line, evenQuiet: true) })
        line?.finish()
        if let note = report.vanishedNote, !quiet { Terminal.warn(note) }
        try Terminal.write((json ? report.json : report.summary) + "\n")
        for root in report.unavailableRoots { Terminal.warn("warning: \(root)") }
        // Some roots could not be read: non-zero, so that cron mails the owner.
        if !report.unavailableRoots.isEmpty { throw ExitCode(3) }
    }
}

extension Index {
    /// Warns about a skipped file (not with `--quiet` unless `evenQuiet`), above the progress
    /// line.
    func warn(_ text: String, _ line: ProgressLine?, evenQuiet: Bool = false) {
        if quiet, !evenQuiet { return }
        guard let line else { return Terminal.warn(text) }
        line.interrupt { Terminal.warn(text) }
    }

    /// Shows each progress report on `line`, with the time as the line counts it.
    static func listener(_ line: ProgressLine) -> @Sendable (IndexProgress) -> Void {
        { progress in
            line.show { seconds in
                var shown = progress
                shown.elapsed = seconds
                return ProgressText.line(shown)
            }
        }
    }
}

extension IndexReport {
    var json: String {
        JSONValue.object(
            [
                ("added", .number(Double(added))), ("updated", .number(Double(updated))),
                ("moved", .number(Double(moved))), ("removed", .number(Double(removed))),
                ("unchanged", .number(Double(unchanged))), ("skipped", .number(Double(skipped))),
                ("tokenized", .number(Double(tokenized))),
                ("seconds", .number((seconds * 1000).rounded() / 1000)),
            ] + unavailableJSON
        ).serialized()
    }

    /// `unavailable_roots`, only when a root could not be read.
    var unavailableJSON: [(String, JSONValue)] {
        guard !unavailableRoots.isEmpty else { return [] }
        let roots = unavailableRoots.map { root in
            JSONValue.object([
                ("root", .string(root.root)), ("state", .string(root.state.name)),
                ("documents", .number(Double(root.documents))),
            ])
        }
        return [("unavailable_roots", .array(roots))]
    }
}
