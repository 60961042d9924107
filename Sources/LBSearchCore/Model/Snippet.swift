/// A piece of document text with the spans that matched the query.
///
/// `highlights` are half-open ranges counted in Unicode code points (scalars) of `text`,
/// sorted and non-overlapping.
public struct Fragment: Sendable, Hashable {
    /// The passage, white space collapsed and characters unsafe for a terminal removed.
    public var text: String
    /// The spans of `text` that matched, in code points, sorted and non-overlapping.
    public var highlights: [Range<Int>]
    /// True when the fragment starts at the beginning of its document text.
    public var atStart: Bool
    /// True when the fragment ends at the end of its document text.
    public var atEnd: Bool

    /// A fragment; by default a whole text with nothing highlighted.
    public init(
        text: String, highlights: [Range<Int>] = [], atStart: Bool = true, atEnd: Bool = true
    ) {
        self.text = text
        self.highlights = highlights
        self.atStart = atStart
        self.atEnd = atEnd
    }
}

/// The passages chosen to show for one hit, in document order.
public struct Snippet: Sendable, Hashable {
    /// The chosen passages, each with its highlights.
    public var fragments: [Fragment]

    /// A snippet of `fragments`, given in document order.
    public init(fragments: [Fragment]) {
        self.fragments = fragments
    }
}
