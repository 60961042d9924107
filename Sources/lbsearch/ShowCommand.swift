import ArgumentParser
import Foundation
import LBSearchCore

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one indexed document whole, with the matches of a query highlighted.",
        discussion: """
            DOCUMENT is what a search shows on each hit's second line: a file's path \
            (relative to here, or as stored), or PATH#ID for a record of a JSONL file; a \
            record's _id alone (the "id" of --format json) also works when no other record \
            has it.

            Prints the title, the date, source, url and path the document states, then its \
            whole text, wrapped to the terminal, every match of --query highlighted as in \
            search snippets. On a terminal the text goes through $PAGER (default 'less -R'; \
            PAGER= or PAGER=cat for none); piped, it is plain, matches in [brackets].

            Example:
              lbsearch show corpus/03-copyright-office-ai-art-guidance.txt --query "AI art"

            Exit status: 0 shown, 2 error (no such document, or it names several).
            """)

    @Argument(
        help: ArgumentHelp(
            "The document: PATH, PATH#ID for a JSONL record, or a record's ID.",
            valueName: "document"))
    var document: String

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("Highlight every match of this query.", valueName: "query"))
    var query: String?

    @OptionGroup var indexOptions: IndexOptions

    @Option(help: "Output format: text or json (the stored fields).")
    var format = ShowFormat.text

    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color = ColorChoice.auto

    @Option(
        help: ArgumentHelp(
            "Marks around matches when not in colour, as OPEN,CLOSE (default '[,]').",
            valueName: "open,close"))
    var markers: String?

    func validate() throws {
        _ = try markerStyle()
    }

    func run() throws {
        let store = try openStore()
        let lookup = DocumentLookup(
            store: store, displayBase: FileManager.default.currentDirectoryPath)
        let found = try lookup.document(document, query: query)
        switch format {
        case .json:
            try Terminal.write(DocumentWriter.json(found))
        case .text:
            let onTerminal = Terminal.isTTY(STDOUT_FILENO)
            let writer = DocumentWriter(
                color: Terminal.wantsColor(color, onTerminal: onTerminal),
                markers: try markerStyle(), width: onTerminal ? Terminal.columns() : nil)
            let text = writer.text(found)
            if onTerminal, Pager.page(text) { return }
            try Terminal.write(text)
        }
    }

    /// The index; in an lbsearch checkout, the first use builds it from the bundled corpus, as
    /// a first search does.
    func openStore() throws -> IndexStore {
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

    /// `--markers OPEN,CLOSE`, or the plain markers.
    func markerStyle() throws -> HighlightStyle {
        try markers.map(HighlightStyle.markers) ?? .plain
    }
}

enum ShowFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
