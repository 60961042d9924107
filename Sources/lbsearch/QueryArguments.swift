/// Exclusions typed on the command line (`lbsearch art -oil`) reach the query intact.
///
/// ArgumentParser reads a word such as `-oil` as the short options `-o il`, `-lion` as
/// `-l ion`, and any word with an `h` in it (`-hash`) as a request for help, so a search
/// that excludes such a word would fail or print help. Before parsing, a search's words that
/// start with one `-` and are longer than a short option (and are not the value of an option)
/// are wrapped: the `-` becomes `QueryArguments.dash`, which `unwrapped` turns back.
enum QueryArguments {
    /// Stands in for the leading `-` of an exclusion while ArgumentParser reads the arguments;
    /// U+F8FE is a private-use character, not one a person types in a query.
    static let dash: Character = "\u{F8FE}"

    /// The subcommands other than search: their arguments are left as they are.
    static let otherCommands: Set<String> = ["index", "status", "doctor", "batch", "help"]

    /// Search options that take a value: the word after them is that value, never a query word.
    static let valueOptions: Set<String> = [
        "-l", "--limit", "--offset", "--format", "-o", "--output", "--color", "--match", "--sort",
        "--since",
        "--until", "--fragments", "--snippet-words", "--markers", "--ranking", "--timeout",
        "--index",
    ]

    /// `arguments` (without the program name) with a search's exclusions wrapped.
    static func wrapped(_ arguments: [String]) -> [String] {
        guard let first = arguments.first, !otherCommands.contains(first) else { return arguments }
        var result: [String] = []
        var afterTerminator = false
        for argument in arguments {
            afterTerminator = afterTerminator || argument == "--"
            let isValue = result.last.map(valueOptions.contains) ?? false
            if !afterTerminator, !isValue, isExclusion(argument) {
                result.append(String(dash) + argument.dropFirst())
            } else {
                result.append(argument)
            }
        }
        return result
    }

    /// A word of the form `-word` that no search option spells.
    static func isExclusion(_ argument: String) -> Bool {
        argument.hasPrefix("-") && !argument.hasPrefix("--") && argument.count > 2
    }

    /// The query as typed, one string: exclusions unwrapped, and `--` (which ends the options)
    /// dropped, so it is never searched for, echoed or suggested.
    static func text(_ words: [String]) -> String {
        words.filter { $0 != "--" }.map(unwrapped).joined(separator: " ")
    }

    /// A query word as typed: a wrapped exclusion gets its `-` back.
    static func unwrapped(_ word: String) -> String {
        word.first == dash ? "-" + word.dropFirst() : word
    }
}
