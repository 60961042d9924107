/// A query word that is a slip for a subcommand's name (`lbsearch stauts` for `status`).
public enum CommandSlip {
    /// The typing cost accepted: one slip (a swap, a neighbouring key, a dropped letter).
    static let allowance = TypingDistance.edit
    /// Shorter words are too close to too many names to guess from.
    static let minLength = 3

    /// The name among `commands` that `word` is most likely a slip for, or nil when none is
    /// within one slip (or `word` is one of them, or too short to tell).
    public static func closest(to word: String, among commands: [String]) -> String? {
        let typed = Array(word.lowercased())
        guard typed.count >= minLength, typed.allSatisfy(\.isLetter),
            !commands.contains(word.lowercased())
        else { return nil }
        let costs = commands.compactMap { name in
            TypingDistance.cost(typed, Array(name), limit: allowance).map { (name, $0) }
        }
        return costs.min { $0.1 < $1.1 }?.0
    }
}

extension SearchResult {
    /// After a page without hits, for the query `typed` in the place of a subcommand: the
    /// subcommand it is a slip for, as a note; nil otherwise.
    public func commandHint(typed word: String?, commands: [String]) -> SearchNote? {
        guard hits.isEmpty, total == 0, !cut, let word,
            let command = CommandSlip.closest(to: word, among: commands)
        else { return nil }
        return .command(command)
    }
}
