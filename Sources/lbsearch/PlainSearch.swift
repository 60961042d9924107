/// `lbsearch WORDS... [--index FILE]`, the common case, read without ArgumentParser.
///
/// ArgumentParser reads a command line by building the definitions of every option of the
/// command tree, generic types instantiated by name at run time: on a small index that took
/// more CPU than the search. Words alone (none starting with `-`, the first not a command's
/// name) with at most one non-empty `--index FILE` mean `lbsearch search` with those words and every other
/// option at its default; anything else, an empty `--index` among it (refused by
/// `IndexOptions.validate`), goes to ArgumentParser. `PlainSearchParseTests` holds
/// the two readings to the same output, errors and exit status.
enum PlainSearch {
    /// The search `arguments` ask for when they are words and at most one `--index FILE`.
    static func settings(_ arguments: [String]) -> SearchRun? {
        guard let first = arguments.first, first != "search",
            !LBSearch.commandNames.contains(first)
        else { return nil }
        var words: [String] = []
        var index: String?
        var position = 0
        while position < arguments.count {
            let argument = arguments[position]
            if argument == "--index", index == nil, position + 1 < arguments.count,
                !arguments[position + 1].hasPrefix("-"), !arguments[position + 1].isEmpty
            {
                index = arguments[position + 1]
                position += 2
                continue
            }
            guard !argument.hasPrefix("-") else { return nil }
            words.append(argument)
            position += 1
        }
        guard !words.isEmpty else { return nil }
        return SearchRun(query: words, index: index)
    }
}
