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

    /// Refuses `--index ""` (an unset shell variable), which would otherwise mean the default.
    func validate() throws {
        try LBSearchError.checkPath(index, option: "--index")
    }

    var location: IndexLocation { IndexLocation(option: index) }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension OutputFormat: ExpressibleByArgument {}
extension MatchMode: ExpressibleByArgument {}
extension SortOrder: ExpressibleByArgument {}
