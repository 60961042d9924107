import ArgumentParser
import Foundation
import LBSearchCore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract:
            "Search the index (the default command: 'lbsearch WORDS' is 'lbsearch search WORDS').",
        discussion: """
            Query syntax:
              AI art             every word must match
              "exact phrase"     the words next to each other, in order
              -word -"a phrase"  exclude documents that have it
              anime OR manga     either; group: (anime OR manga) art
              anim*              words that start with "anim"
              title:word         only in titles (also title:"a phrase")
              source:NAME        only from that source; -source:NAME excludes
              tag:NAME           only with that tag; -tag:NAME excludes
              date:2025  date:2025-03  date:2024-01..2025-06  date:2024..
                                 dated in that range (or --since, --until)

            Lowercase "or", a lone "-" or "*", and other punctuation are
            plain text: C++, e-mail, AI-art (finds "AI art" and "AI-art").
            Unclosed quotes and parentheses are closed at the end. When no
            document has every word, those with most of them are shown and a
            note says so (--match all forbids that). When a query finds little
            and a word is not in the index, the closest indexed word is
            suggested.

            Ranking: BM25F (a title match counts more than a body match) plus
            a bonus for query words close together; --sort date puts the
            newest first. --explain shows how the query was read and how each
            score adds up; --expand adds words from the best hits (RM3);
            --recent favours newer documents (the boost halves every 30 days).

            In the lbsearch source folder, the first search indexes the sample
            corpus that ships with it; elsewhere, make an index first with
            'lbsearch index FOLDER'.

            Output: text for people (colour on a terminal, matches in
            [brackets] otherwise), or --format json, jsonl, csv (RFC 4180,
            safe in a spreadsheet) or tsv for machines.
            Exit status: 0 hits found, 1 no hits, 2 error.
            """)

    @Argument(
        parsing: .allUnrecognized, help: ArgumentHelp("What to search for.", valueName: "query"))
    var query: [String] = []

    @OptionGroup var indexOptions: IndexOptions

    @Option(name: .shortAndLong, help: "Number of hits to show.")
    var limit = 10

    @Option(help: "Best hits to skip, for paging.")
    var offset = 0

    @Option(help: "Output format: text, json, jsonl, csv or tsv.")
    var format = OutputFormat.text

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Write the results to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color = ColorChoice.auto

    @Option(help: "Which words must match: auto (all, else any), all, or any.")
    var match = MatchMode.auto

    @Option(help: "Order of hits: relevance or date (newest first).")
    var sort = SortOrder.relevance

    @Option(
        help: ArgumentHelp(
            "Only documents dated on or after this date (2025, 2025-03 or 2025-03-09).",
            valueName: "date"))
    var since: String?

    @Option(
        help: ArgumentHelp(
            "Only documents dated on or before this date (2025, 2025-03 or 2025-03-09).",
            valueName: "date"))
    var until: String?

    @Option(help: "Passages shown per hit (1 to 10).")
    var fragments = 2

    @Option(help: "About how many words each passage holds (4 to 200).")
    var snippetWords = 24

    @Option(
        help: ArgumentHelp(
            "Marks around matches when not in colour, as OPEN,CLOSE (e.g. '<<,>>'; default '[,]').",
            valueName: "open,close"))
    var markers: String?

    @Option(
        help: ArgumentHelp(
            "After the hits, count each value of these fields over all matches: source, tag, year.",
            valueName: "fields"))
    var facets: String?

    @Flag(help: "Do not suggest other words when a query finds little.")
    var noSuggest = false

    @Flag(help: "Show every copy of a story, not the best-ranked one with \"+N copies\".")
    var noCollapse = false

    @OptionGroup var rankingOptions: RankingOptions

    @Option(
        help: ArgumentHelp(
            "Stop searching after this many seconds and show the best hits found so far (0: no limit).",
            valueName: "seconds"))
    var timeout = Search.defaultTimeout

    @Flag(
        help:
            "Print how the query was read (syntax tree, FTS5 MATCH) and, under each hit, how its score adds up."
    )
    var explain = false

    /// Seconds an interactive search may take by default: long enough for any ordinary query,
    /// short enough that a pathological one answers while a person still waits.
    static let defaultTimeout = 2.0

    /// Checks the options before anything is opened; the library says what is out of range.
    func validate() throws {
        let options = query.prefix(while: { $0 != "--" })
        if let option = options.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw LBSearchError.badOption(.unknown(option))
        }
        try searchOptions().check()
        try LBSearchError.checkPath(output, option: "--output")
        if facets != nil, format != .text, format != .json {
            throw LBSearchError.badOption(.facetsInFormat(format.rawValue))
        }
        _ = try facets.map(FacetField.parse)
        _ = try markerStyle()
        _ = try SearchOptions.dates(since: since, until: until)
    }

    /// The options as given, for the library to check (`run` adds the dates and ranking).
    func searchOptions() -> SearchOptions {
        var options = SearchOptions(limit: limit, offset: offset, match: match)
        options.displayBase = FileManager.default.currentDirectoryPath
        options.sort = sort
        options.suggest = !noSuggest
        options.collapse = !noCollapse
        (options.passages.fragments, options.passages.words) = (fragments, snippetWords)
        options.explain = explain
        options.timeout = timeout
        options.facets = (try? facets.map(FacetField.parse)) ?? []
        return options
    }

    func run() throws {
        let text = QueryArguments.text(query)
        let store = try openStore()
        var options = searchOptions()
        options.dates = try SearchOptions.dates(since: since, until: until)
        try rankingOptions.apply(to: &options)
        let result = try ProgressLine.waiting("searching") {
            try Searcher(store: store).search(text, options: options)
        }
        if explain, let executed = result.executed { try printExplanation(executed) }
        for note in result.notesBeforeHits(options, forPeople: format == .text) {
            Terminal.warn(note.description)
        }
        try emit(render(result, query: text))
        if let note = result.noteAfterHits(options, forPeople: format == .text) {
            Terminal.writeError(note.description + "\n")
        }
        if result.hits.isEmpty {
            if let note = result.noteWithoutHits(text, options, forPeople: format == .text) {
                Terminal.warn(note.description)
            }
            // The first word, where a subcommand goes (`lbsearch indx notes`); never after `--`.
            if let hint = result.commandHint(typed: query.first, commands: LBSearch.commandNames) {
                Terminal.warn(hint.description)
            }
            throw ExitCode(1)
        }
    }

    /// The syntax tree, filters and MATCH expression that ran; on stdout for text, stderr
    /// otherwise.
    func printExplanation(_ executed: ExecutedQuery) throws {
        let report = QueryExplanation(executed).text
        if format == .text && output == nil {
            try Terminal.write(report + "\n")
        } else {
            Terminal.writeError(report + "\n")
        }
    }

    /// The index; in an lbsearch checkout, a first search builds it from the bundled corpus.
    func openStore() throws -> IndexStore {
        try Self.openStore(indexOptions)
    }

    /// The index `options` name; in an lbsearch checkout, a first run builds it from the
    /// bundled corpus.
    static func openStore(_ indexOptions: IndexOptions) throws -> IndexStore {
        let (store, built) = try SampleIndex.openForSearching(indexOptions.location) { corpus in
            Terminal.warn(
                "no index yet; indexing the sample corpus \(corpus) into \(IndexLocation.defaultPath)"
            )
        } onSkip: { skip in
            Terminal.warn(skip.description)
        }
        if let built { Terminal.warn(built.summary) }
        return store
    }

    func render(_ result: SearchResult, query: String) -> String {
        let marks = (try? markerStyle()) ?? .plain
        switch format {
        case .text where explain:
            return result.hits.map { renderExplained($0, marks) }.joined(separator: "\n")
                + facetBlock(result)
        case .text:
            return TextWriter(color: useColor, markers: marks, width: terminalWidth).render(
                result.hits) + facetBlock(result)
        case .json:
            return JSONWriter.document(
                result.hits, query: query, relaxed: result.relaxed, suggestion: result.suggestion,
                total: result.total,
                complete: !result.cut, markers: marks, facets: result.facets)
        case .jsonl: return JSONWriter.lines(result.hits, markers: marks)
        case .csv: return DelimitedWriter(.csv, markers: marks).render(result.hits)
        case .tsv: return DelimitedWriter(.tsv, markers: marks).render(result.hits)
        }
    }

    /// The facet counts after the hits in text, on stdout with them: they are part of the
    /// answer asked for (`--facets`), while notes and the count line go to stderr.
    func facetBlock(_ result: SearchResult) -> String {
        guard let facets = result.facets, !result.hits.isEmpty else { return "" }
        return TextWriter.facets(facets)
    }

    /// A hit as text, followed by its score explanation, indented.
    func renderExplained(_ hit: Hit, _ marks: HighlightStyle) -> String {
        let tree = hit.explanation.map { $0.rendered(indent: "   ") + "\n" } ?? ""
        return TextWriter(color: useColor, markers: marks, width: terminalWidth).render([hit])
            + tree
    }

    /// `--markers OPEN,CLOSE`, or the plain markers.
    func markerStyle() throws -> HighlightStyle {
        try markers.map(HighlightStyle.markers) ?? .plain
    }

    /// The terminal's width when standard output is one (text format only).
    var terminalWidth: Int? {
        guard format == .text, output == nil, Terminal.isTTY(STDOUT_FILENO) else { return nil }
        return Terminal.columns()
    }

    var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            return output == nil && Terminal.isTTY(STDOUT_FILENO)
                && (environment["NO_COLOR"] ?? "").isEmpty
                && environment["TERM"] != "dumb"
        }
    }

    func emit(_ text: String) throws {
        guard let output, output != "-", OutputFile.inheritedDescriptor(output) != STDOUT_FILENO
        else {
            return try Terminal.write(text)
        }
        try OutputFile.write(Data(text.utf8), to: output, index: indexOptions.location.path)
    }
}
