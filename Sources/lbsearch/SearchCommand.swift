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
    var limit = SearchRun.defaults.limit

    @Option(help: "Best hits to skip, for paging.")
    var offset = SearchRun.defaults.offset

    @Option(help: "Output format: text, json, jsonl, csv or tsv.")
    var format = SearchRun.defaults.format

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Write the results to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color = SearchRun.defaults.color

    @Option(help: "Which words must match: auto (all, else any), all, or any.")
    var match = SearchRun.defaults.match

    @Option(help: "Order of hits: relevance or date (newest first).")
    var sort = SearchRun.defaults.sort

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
    var fragments = SearchRun.defaults.fragments

    @Option(help: "About how many words each passage holds (4 to 200).")
    var snippetWords = SearchRun.defaults.snippetWords

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
        try settings.check()
    }

    /// The options as read, as plain values.
    var settings: SearchRun {
        SearchRun(
            query: query, index: indexOptions.index, limit: limit, offset: offset, format: format,
            output: output, color: color, match: match, sort: sort, since: since, until: until,
            fragments: fragments, snippetWords: snippetWords, markers: markers, facets: facets,
            noSuggest: noSuggest, noCollapse: noCollapse, expand: rankingOptions.expand,
            recent: rankingOptions.recent, ranking: rankingOptions.ranking, timeout: timeout,
            explain: explain)
    }

    func run() throws {
        try settings.run()
    }

    /// The index `options` name; in an lbsearch checkout, a first run builds it from the
    /// bundled corpus.
    static func openStore(_ indexOptions: IndexOptions) throws -> IndexStore {
        try openStore(indexOptions.location)
    }

    /// The index at `location`; in an lbsearch checkout, a first run builds it from the
    /// bundled corpus.
    static func openStore(_ location: IndexLocation) throws -> IndexStore {
        let (store, built) = try SampleIndex.openForSearching(location) { corpus in
            Terminal.warn(
                "no index yet; indexing the sample corpus \(corpus) into \(IndexLocation.defaultPath)"
            )
        } onSkip: { skip in
            Terminal.warn(skip.description)
        }
        if let built { Terminal.warn(built.summary) }
        return store
    }
}
