/// A parsed query: the words a person typed, each searched for as quoted text.
public struct Query: Sendable, Hashable {
    /// Words in the order typed, duplicates removed (case-insensitively), each holding at
    /// least one letter or digit.
    public var words: [String]

    public init(words: [String]) {
        self.words = words
    }

    /// True when nothing in the query can be searched for.
    public var isEmpty: Bool { words.isEmpty }
}

/// How the words of a query combine.
public enum MatchMode: String, Sendable, CaseIterable {
    /// Every word must match; when no document has them all, fall back to `any`.
    case auto
    /// Every word must match.
    case all
    /// At least one word must match; documents with more of them rank higher.
    case any
}
