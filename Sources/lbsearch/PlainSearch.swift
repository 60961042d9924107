import ArgumentParser

/// The common case, `lbsearch WORDS... [--index FILE]`, parsed by the search command alone.
///
/// `parseAsRoot` first builds the tree of every command and its options (reflection over each
/// one), about a quarter of a short search's CPU. Arguments of this shape hold no subcommand,
/// help or version request, so the root would hand all of them to `Search` as they are:
/// `Search.parse` reads them exactly as it would. Any other shape, and any arguments `Search`
/// rejects, go to the full parser, which decides (and words the errors) as before.
enum PlainSearch {
    /// The search `arguments` ask for, or nil when the full parser must decide.
    static func parse(_ arguments: [String]) -> Search? {
        guard isPlain(arguments) else { return nil }
        return try? Search.parse(arguments)
    }

    /// Words that do not start with `-` (query words that do are wrapped by `QueryArguments`
    /// by now), the first not a command name, and `--index FILE` anywhere among them.
    static func isPlain(_ arguments: [String]) -> Bool {
        guard let first = arguments.first, first != "search", first != "help",
            !QueryArguments.otherCommands.contains(first)
        else { return false }
        var position = arguments.startIndex
        while position < arguments.endIndex {
            if arguments[position] == "--index" {
                position += 2
            } else if arguments[position].hasPrefix("-") {
                return false
            } else {
                position += 1
            }
        }
        return position == arguments.endIndex
    }
}
