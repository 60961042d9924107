import ArgumentParser
import Foundation
import LBSearchCore

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run every query of a BEIR queries.jsonl and print a TREC run.",
        discussion: """
            Each line of the queries file is {"_id": ..., "text": ...}. Every query goes through \
            the same parser and ranking as an interactive search, read as natural language \
            (--match any: any word may match, stop words dropped, documents with more of the \
            words rank higher). Prints 'qid Q0 docid rank score tag' lines, as trec_eval reads; \
            a query with nothing to search for prints no line. On a terminal, a line on \
            stderr counts the queries done and estimates the time left.
            """)

    @OptionGroup var indexOptions: IndexOptions

    @Option(help: ArgumentHelp("The queries (BEIR JSON Lines: _id, text).", valueName: "file"))
    var queries: String

    @Option(name: .shortAndLong, help: "Hits per query.")
    var limit = 1000

    @Option(help: "Output format: trec.")
    var format = BatchFormat.trec

    @Option(help: "The run name in the last column.")
    var tag = "lbsearch"

    @Option(help: "Which words must match: any (the default here), auto or all.")
    var match = MatchMode.any

    @OptionGroup var rankingOptions: RankingOptions

    @Option(
        help: ArgumentHelp(
            "Stop each query after this many seconds, keeping the best hits found so far (default: no limit, so evaluation runs are never cut).",
            valueName: "seconds"))
    var timeout: Double = 0

    func validate() throws {
        var options = SearchOptions(limit: limit, match: match)
        options.timeout = timeout
        try options.check()
        try LBSearchError.checkPath(queries, option: "--queries")
    }

    func run() throws {
        let data = try QueryFileReader.contents(of: queries)
        let (entries, skips) = QueryFileReader.read(data, path: queries)
        for skip in skips { Terminal.warn(skip.description) }
        let searcher = Searcher(
            store: try IndexStore.open(at: indexOptions.location.path, create: false))
        var options = SearchOptions(limit: limit, match: match)
        try rankingOptions.apply(to: &options)
        options.snippets = false
        // A run for evaluation ranks every document: judgements are per document, not story.
        options.collapse = false
        options.suggest = false
        options.timeout = timeout
        let line = ProgressLine.onStandardError()
        defer { line?.finish() }
        for (done, entry) in entries.enumerated() {
            line?.show { seconds in ProgressText.queries(done, of: entries.count, seconds: seconds)
            }
            try run(entry, searcher, options, line)
        }
        line?.finish()
    }

    /// Runs one query and writes its TREC lines; a query with nothing to search for is
    /// skipped with a warning.
    func run(
        _ entry: QueryFileReader.Entry, _ searcher: Searcher, _ options: SearchOptions,
        _ line: ProgressLine?
    ) throws {
        do {
            let result = try searcher.search(entry.text, options: options)
            if result.cut {
                warn(
                    "query \(entry.id) stopped by the \(SearchNote.seconds(timeout)) time limit (--timeout); its run is incomplete",
                    line)
            }
            let lines = TRECWriter.lines(queryID: entry.id, hits: result.hits, tag: tag)
            // The line is erased first when standard output is the same terminal.
            if let line, Terminal.isTTY(STDOUT_FILENO) {
                try line.interrupt { try Terminal.write(lines) }
            } else {
                try Terminal.write(lines)
            }
        } catch let error as LBSearchError where error.isAboutTheQuery {
            warn("query \(entry.id) skipped: \(error)", line)
        }
    }

    func warn(_ message: String, _ line: ProgressLine?) {
        guard let line else { return Terminal.warn(message) }
        line.interrupt { Terminal.warn(message) }
    }
}

enum BatchFormat: String, ExpressibleByArgument, CaseIterable {
    case trec
}
