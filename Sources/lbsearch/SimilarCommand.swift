import ArgumentParser
import Foundation
import LBSearchCore

struct Similar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "List the documents most like one document (more like this).",
        discussion: """
            DOCUMENT is named as for 'lbsearch show': a file's path, PATH#ID for a \
            record of a JSONL file, or a record's _id alone.

            The document's most distinctive terms (weighted as --expand weighs the words \
            of its feedback documents) run as one query. The document itself and its \
            exact copies are never listed; copies of one story are shown once, as in a \
            search (--no-collapse shows them all). --explain prints the terms and their \
            weights, and under each hit how its score adds up.

            Example:
              lbsearch similar corpus/03-copyright-office-ai-art-guidance.txt

            Exit status: 0 documents listed, 1 none, 2 error (no such document, or it \
            names several).
            """)

    @Argument(
        help: ArgumentHelp(
            "The document: PATH, PATH#ID for a JSONL record, or a record's ID.",
            valueName: "document"))
    var document: String

    @OptionGroup var indexOptions: IndexOptions

    @Option(name: .shortAndLong, help: "Number of documents to show.")
    var limit = 10

    @Option(help: "Best documents to skip, for paging.")
    var offset = 0

    @Option(help: "Output format: text, json, jsonl, csv or tsv.")
    var format = OutputFormat.text

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color = ColorChoice.auto

    @Flag(help: "Show every copy of a story, not the best-ranked one with its copies.")
    var noCollapse = false

    @Flag(help: "Print the terms used and their weights, and under each hit its score.")
    var explain = false

    func validate() throws {
        try searchOptions().check()
    }

    func searchOptions() -> SearchOptions {
        var options = SearchOptions(
            limit: limit, offset: offset,
            displayBase: FileManager.default.currentDirectoryPath)
        options.collapse = !noCollapse
        options.explain = explain
        options.suggest = false
        options.timeout = Search.defaultTimeout
        return options
    }

    func run() throws {
        let store = try Search.openStore(indexOptions)
        let found = try SimilarDocuments(store: store).similar(
            to: document, options: searchOptions())
        if explain {
            let terms = "terms of \(document):\n" + found.termsText + "\n"
            if format == .text { try Terminal.write(terms) } else { Terminal.writeError(terms) }
        }
        let result = found.result
        try Terminal.write(render(result))
        if let note = result.noteAfterHits(searchOptions(), forPeople: format == .text) {
            Terminal.writeError(note.description + "\n")
        }
        if result.hits.isEmpty { throw ExitCode(1) }
    }

    func render(_ result: SearchResult) -> String {
        let onTerminal = Terminal.isTTY(STDOUT_FILENO)
        switch format {
        case .text:
            let writer = TextWriter(
                color: Terminal.wantsColor(color, onTerminal: onTerminal),
                width: onTerminal ? Terminal.columns() : nil)
            return result.hits.map { hit in
                writer.render([hit])
                    + (explain
                        ? hit.explanation.map { $0.rendered(indent: "   ") + "\n" } ?? "" : "")
            }.joined(separator: "\n")
        case .json:
            return JSONWriter.document(
                result.hits, query: "similar:" + document, relaxed: false, total: result.total,
                complete: !result.cut)
        case .jsonl: return JSONWriter.lines(result.hits)
        case .csv: return DelimitedWriter(.csv).render(result.hits)
        case .tsv: return DelimitedWriter(.tsv).render(result.hits)
        }
    }
}
