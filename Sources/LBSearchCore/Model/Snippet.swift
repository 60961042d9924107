/// A piece of document text with the spans that matched the query.
///
/// `highlights` are half-open ranges counted in Unicode code points (scalars) of `text`,
/// sorted and non-overlapping.
public struct Fragment: Sendable, Hashable {
    public var text: String
    public var highlights: [Range<Int>]
    /// True when the fragment starts at the beginning of its document text.
    public var atStart: Bool
    /// True when the fragment ends at the end of its document text.
    public var atEnd: Bool

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
    public var fragments: [Fragment]

    public init(fragments: [Fragment]) {
        self.fragments = fragments
    }
}
