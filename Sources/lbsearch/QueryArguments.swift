/// Query words typed on the command line (`lbsearch art -oil -h`) reach the query intact.
///
/// ArgumentParser reads a word such as `-oil` as the short options `-o il`, `-lion` as
/// `-l ion`, and `-h` (or any word with an `h` in it, `-hash`) as a request for help, so a
/// search that excludes such a word would fail or print help. The rule: in a search, a word
/// that starts with one `-` is an option only when it is one of the search's short options
/// (`-l`, `-o`, and `-h` when the search has no query word); every other such word, and `-h`
/// beside a query word, is query text. Before parsing, those words are wrapped: the `-`
/// becomes `QueryArguments.dash`, which `unwrapped` turns back. `--help` is always help.
enum QueryArguments {
    /// Stands in for the leading `-` of an exclusion while ArgumentParser reads the arguments;
    /// U+F8FE is a private-use character, not one a person types in a query.
    static let dash: Character = "\u{F8FE}"

    /// The subcommands other than search: their arguments are left as they are.
    ///
    /// Read from the command definitions, so a new subcommand's short options (`show -q`) are never wrapped.
    static var otherCommands: Set<String> { Set(LBSearch.commandNames) }

    /// Search options that take a value: the word after them is that value, never a query word.
    static let valueOptions: Set<String> = [
        "-l", "--limit", "--offset", "--format", "-o", "--output", "--color", "--match", "--sort",
        "--since", "--until", "--fragments", "--snippet-words", "--markers", "--ranking",
        "--timeout", "--index", "--facets",
    ]

    /// The search's short options that take a value (`-h`, help, is decided apart).
    static let shortValueOptions: Set<String> = ["-l", "-o"]

    /// `arguments` (without the program name) with a search's query words that look like
    /// options wrapped.
    static func wrapped(_ arguments: [String]) -> [String] {
        guard let first = arguments.first, !otherCommands.contains(first) else { return arguments }
        let helpIsQueryText = hasQueryWord(arguments)
        var result: [String] = []
        var afterTerminator = false
        for argument in arguments {
            afterTerminator = afterTerminator || argument == "--"
            let isValue = result.last.map(valueOptions.contains) ?? false
            if !afterTerminator, !isValue,
                isQueryText(argument) || (argument == "-h" && helpIsQueryText)
            {
                result.append(String(dash) + argument.dropFirst())
            } else {
                result.append(argument)
            }
        }
        return result
    }

    /// A word of the form `-word` that is not one of the search's short options: `-oil`, `-n`,
    /// `-2024` (`-h` is decided by `hasQueryWord`; a lone `-` is text as it is).
    static func isQueryText(_ argument: String) -> Bool {
        guard argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.count > 1 else {
            return false
        }
        return argument != "-h" && !shortValueOptions.contains(argument)
    }

    /// Whether a search's arguments hold a word of the query: a word that is neither an option
    /// nor an option's value (nor the word `search` that names the command), or any word
    /// after `--`.
    static func hasQueryWord(_ arguments: [String]) -> Bool {
        var words = arguments[...]
        if words.first == "search" { words = words.dropFirst() }
        var previous: String?
        for (position, argument) in zip(words.indices, words) {
            if argument == "--" { return words[(position + 1)...].contains { $0 != "--" } }
            let isValue = previous.map(valueOptions.contains) ?? false
            if !isValue, !argument.hasPrefix("-") || isQueryText(argument) || argument == "-" {
                return true
            }
            previous = argument
        }
        return false
    }

    /// The query as typed, one string: wrapped words unwrapped, and `--` (which ends the
    /// options) dropped, so it is never searched for, echoed or suggested.
    static func text(_ words: [String]) -> String {
        words.filter { $0 != "--" }.map(unwrapped).joined(separator: " ")
    }

    /// A query word as typed: a wrapped word gets its `-` back.
    static func unwrapped(_ word: String) -> String {
        word.first == dash ? "-" + word.dropFirst() : word
    }
}
