import ArgumentParser
import LBSearchCore

/// `--index FILE`, shared by every command.
struct IndexOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The index file (default: $LBSEARCH_INDEX, else .lbsearch/index.db).", valueName: "file"
        ))
    var index: String?

    var location: IndexLocation { IndexLocation(option: index) }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension OutputFormat: ExpressibleByArgument {}
extension MatchMode: ExpressibleByArgument {}
extension SortOrder: ExpressibleByArgument {}
