import Foundation

/// Something a search tells the person beside its hits (the command line prints it on
/// standard error), as data: which notes a result calls for is decided by the library, and
/// their words are written once, in `description`.
public enum SearchNote: Sendable, Equatable, CustomStringConvertible {
    /// No document had all `words` words; documents with some of them are shown.
    case relaxed(words: Int)
    /// The query with misspelt words replaced by indexed ones.
    case suggestion(String)
    /// Prefixes that stood for too many indexed words, searched as plain words.
    case narrowed(prefixes: [String])
    /// The time limit (`seconds`) stopped the search; `reached` matches were reached.
    case cut(seconds: Double, reached: Int)
    /// The page is past the last hit; `total` matches in all (reached, when `cut`).
    case pastTheEnd(total: Int, cut: Bool)
    /// No document matches the query, as typed.
    case noMatch(query: String)
    /// The query looks like a mistyped subcommand: this one.
    case command(String)
    /// Facets were asked for but the time limit ran out before they were counted.
    case facetsNotCounted
    /// How many hits the page shows (ranks `first` to `last`) of `total` matches, found in
    /// `seconds`; `total` is a lower bound when `cut`. `copies` matching documents were
    /// folded into the hits shown (`Hit.copies`); `total` counts them.
    case shown(first: Int, last: Int, total: Int, cut: Bool, seconds: Double, copies: Int = 0)

    /// The note as one line.
    public var description: String {
        switch self {
        case .relaxed(let words):
            return "no document has all \(words) words; showing documents with some of them"
        case .suggestion(let query): return "did you mean: \(query)"
        case .narrowed(let prefixes): return Self.narrowed(prefixes)
        case .cut(let seconds, let reached):
            let shown =
                reached == 0
                ? "no match was reached" : "showing the best of the \(reached) matches reached"
            return
                "search stopped by the \(Self.seconds(seconds)) time limit (--timeout); \(shown)"
        case .pastTheEnd(let total, let cut):
            return cut
                ? "no more results among the \(total) matches reached"
                : "no more results (\(total) in all)"
        case .noMatch(let query): return "no documents match \"\(Self.shortened(query))\""
        case .command(let name): return "did you mean 'lbsearch \(name)'?"
        case .facetsNotCounted:
            return "facets not counted: the search used up its time limit (--timeout 0: none)"
        case .shown(let first, let last, let total, let cut, let seconds, let copies):
            return Self.countLine(
                first: first, last: last, total: total, cut: cut, seconds: seconds,
                copies: copies)
        }
    }

    /// "10 of 142 results (0.01 s)", "11-20 of 142 results", "result 11 of 142",
    /// "10 of at least 142 results" (the count a time limit cut), "10 of 142 results, 3 copies
    /// folded in" (ranks count stories, `total` every matching document).
    static func countLine(
        first: Int, last: Int, total: Int, cut: Bool, seconds: Double, copies: Int = 0
    ) -> String {
        let all = (cut ? "at least " : "") + "\(max(total, last + copies))"
        let time = "(\(String(format: "%.2f", seconds)) s)"
        let folded =
            copies == 0 ? "" : copies == 1 ? ", 1 copy folded in" : ", \(copies) copies folded in"
        if first > 1, first == last { return "result \(first) of \(all)\(folded) \(time)" }
        let page = first == 1 ? "\(last)" : "\(first)-\(last)"
        let noun = max(total, last) == 1 && !cut ? "result" : "results"
        return "\(page) of \(all) \(noun)\(folded) \(time)"
    }

    /// The most of a query a note repeats, in characters: a pasted page is not echoed whole.
    static let quotedCharacters = 100

    /// `query`, or its first `quotedCharacters` characters and an ellipsis.
    static func shortened(_ query: String) -> String {
        query.count <= quotedCharacters ? query : query.prefix(quotedCharacters) + "…"
    }

    /// One line for the prefixes searched as plain words (the first few named).
    static func narrowed(_ prefixes: [String]) -> String {
        let named =
            prefixes.prefix(3).joined(separator: ", ")
            + (prefixes.count > 3 ? " and \(prefixes.count - 3) more" : "")
        let verb = prefixes.count == 1 ? "starts" : "start"
        let searched = prefixes.count == 1 ? "searched as a plain word" : "searched as plain words"
        return "\(named) \(verb) too many indexed words; \(searched) (type more letters)"
    }

    /// A duration as a person writes it: "2 s", "0.5 s".
    public static func seconds(_ value: Double) -> String {
        (value == value.rounded() ? String(Int(value)) : String(value)) + " s"
    }
}

extension SearchResult {
    /// The notes to print before the hits, in order.
    ///
    /// `forPeople` is true for text output; machine formats carry the suggestion themselves.
    public func notesBeforeHits(_ options: SearchOptions, forPeople: Bool) -> [SearchNote] {
        var notes: [SearchNote] = []
        if relaxed { notes.append(.relaxed(words: wordCount)) }
        if let suggestion, forPeople { notes.append(.suggestion(suggestion)) }
        if !narrowedPrefixes.isEmpty { notes.append(.narrowed(prefixes: narrowedPrefixes)) }
        if cut { notes.append(.cut(seconds: options.timeout ?? 0, reached: total)) }
        if !options.facets.isEmpty, facets == nil { notes.append(.facetsNotCounted) }
        return notes
    }

    /// The line that ends text output: how many hits of how many matches, and how long it
    /// took (nil for machine formats and for a page without hits, which has its own note).
    public func noteAfterHits(_ options: SearchOptions, forPeople: Bool) -> SearchNote? {
        guard forPeople, let first = hits.first, let last = hits.last else { return nil }
        return .shown(
            first: first.rank, last: last.rank, total: total, cut: cut, seconds: seconds,
            copies: hits.reduce(0) { $0 + $1.copies.count })
    }

    /// The note to print after a page without hits (nil when the page has some), for the
    /// query as typed.
    public func noteWithoutHits(_ query: String, _ options: SearchOptions, forPeople: Bool)
        -> SearchNote?
    {
        guard hits.isEmpty else { return nil }
        if options.offset > 0, total > 0 { return .pastTheEnd(total: total, cut: cut) }
        return forPeople && !cut ? .noMatch(query: query) : nil
    }
}
