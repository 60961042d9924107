import ArgumentParser
import Foundation
import LBSearchCore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the index (the default command: 'lbsearch WORDS' is 'lbsearch search WORDS').",
        discussion: """
            Every word must match; when no document has them all, the documents with most of
            them are shown (say --match all to forbid that). Punctuation is harmless: C++,
            AI-art or "quotes" are searched as text. Hits are ranked by BM25, a title match
            counting more than a body match.

            When no index exists yet at the default place, the first search indexes the
            sample corpus that ships with lbsearch.

            Output: text for people (colour on a terminal, matches in [brackets] otherwise),
            or --format json, jsonl, csv (RFC 4180, spreadsheet-safe) or tsv for machines.
            Exit status: 0 hits found, 1 no hits, 2 error.
            """)

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("What to search for.", valueName: "query"))
    var query: [String] = []

    @OptionGroup var indexOptions: IndexOptions

    @Option(name: .shortAndLong, help: "Number of hits to show.")
    var limit = 10

    @Option(help: "Number of best hits to skip (for paging).")
    var offset = 0

    @Option(help: "Output format: text, json, jsonl, csv or tsv.")
    var format = OutputFormat.text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the results to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color = ColorChoice.auto

    @Option(help: "Which words must match: auto (all, else any), all, or any.")
    var match = MatchMode.auto

    func validate() throws {
        if let option = query.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option '\(option)'")
        }
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
        guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
    }

    func run() throws {
        let text = query.joined(separator: " ")
        let store = try openStore()
        var options = SearchOptions(limit: limit, offset: offset, match: match)
        options.displayBase = FileManager.default.currentDirectoryPath
        let result = try Searcher(store: store).search(text, options: options)
        if result.relaxed {
            Terminal.warn("no document has all \(result.wordCount) words; showing documents with some of them")
        }
        try emit(render(result, query: text))
        if result.hits.isEmpty {
            if format == .text { Terminal.warn("no documents match \"\(text)\"") }
            throw ExitCode(1)
        }
    }

    /// The index, built from the bundled corpus on a first search at the default place.
    func openStore() throws -> IndexStore {
        let location = indexOptions.location
        if location.isDefault, !FileManager.default.fileExists(atPath: location.path),
            let corpus = BundledCorpus.locate()
        {
            Terminal.warn("no index yet; indexing the sample corpus \(corpus) into \(IndexLocation.defaultPath)")
            let store = try IndexStore.openForWriting(at: location.path, wait: 60)
            let report = try Indexer(store: store).run(roots: [corpus]) { Terminal.warn($0.description) }
            Terminal.warn(report.summary)
            return store
        }
        return try IndexStore.open(at: location.path, create: false)
    }

    func render(_ result: SearchResult, query: String) -> String {
        switch format {
        case .text: return TextWriter(color: useColor).render(result.hits)
        case .json: return JSONWriter.document(result.hits, query: query, relaxed: result.relaxed)
        case .jsonl: return JSONWriter.lines(result.hits)
        case .csv: return DelimitedWriter(.csv).render(result.hits)
        case .tsv: return DelimitedWriter(.tsv).render(result.hits)
        }
    }

    var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            return output == nil && Terminal.isTTY(STDOUT_FILENO) && (environment["NO_COLOR"] ?? "").isEmpty
                && environment["TERM"] != "dumb"
        }
    }

    func emit(_ text: String) throws {
        guard let output, output != "-" else { return Terminal.write(text) }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw LBSearchError.cannotWriteOutput(path: output, reason: Self.reason(error))
        }
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return "the folder does not exist or is not writable"
    }
}
