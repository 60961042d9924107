import ArgumentParser
import Foundation
import LBSearchCore

/// A search and its options as plain values, run and printed.
///
/// `lbsearch search` fills it from the options ArgumentParser read. A plain `lbsearch WORDS...
/// [--index FILE]`, the common case, fills it without ArgumentParser (`PlainSearch`), whose
/// reading of the command tree cost more CPU than the search itself on a small index. The
/// defaults here are the options' defaults (`Search` takes them from `defaults`).
struct SearchRun {
    var query: [String]
    var index: String?
    var limit = 10
    var offset = 0
    var format = OutputFormat.text
    var output: String?
    var color = ColorChoice.auto
    var match = MatchMode.auto
    var sort = SortOrder.relevance
    var since: String?
    var until: String?
    var fragments = 2
    var snippetWords = 24
    var markers: String?
    var facets: String?
    var noSuggest = false
    var noCollapse = false
    var expand = false
    var recent = false
    var ranking: String?
    var timeout = Search.defaultTimeout
    var explain = false

    /// Every option at its default, no words.
    static let defaults = SearchRun(query: [])

    /// Checks the options before anything is opened; the library says what is out of range.
    func check() throws {
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
        let store = try Search.openStore(IndexLocation(option: index))
        var options = searchOptions()
        options.dates = try SearchOptions.dates(since: since, until: until)
        try RankingOptions.apply(expand: expand, recent: recent, ranking: ranking, to: &options)
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
        try OutputFile.write(Data(text.utf8), to: output, index: IndexLocation(option: index).path)
    }
}
