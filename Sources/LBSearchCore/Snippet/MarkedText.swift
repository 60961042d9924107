/// Text that FTS5 `highlight()` wrapped in `HighlightMarker`s, unwrapped into scalars and ranges.
///
/// White space is collapsed and characters unsafe for a terminal are removed.
///
/// It works on scalars (not grapheme clusters) so that long documents cost little; cuts are
/// made only at `cutPoints`, which never fall inside a grapheme cluster.
public struct MarkedText: Sendable {
    /// The cleaned text.
    public var scalars: [Unicode.Scalar]
    /// Matches as ranges of `scalars`, in order, non-empty.
    public var matches: [Range<Int>]
    /// Indices of `scalars` where a sentence or paragraph starts.
    public var sentenceStarts: Set<Int>

    /// Parses FTS5 `highlight()` output.
    public init(marked: String) {
        scalars = []
        scalars.reserveCapacity(marked.utf8.count)
        matches = []
        sentenceStarts = [0]
        var openAt: Int?
        var pendingSpace = false
        var sentenceEnded = true
        for scalar in marked.unicodeScalars {
            if scalar == HighlightMarker.open {
                openAt = scalars.count + (pendingSpace && !scalars.isEmpty ? 1 : 0)
            } else if scalar == HighlightMarker.close {
                if let start = openAt, start < scalars.count {
                    matches.append(start..<scalars.count)
                }
                openAt = nil
            } else if scalar.value < 0x80
                ? (scalar == " " || (0x09...0x0D).contains(scalar.value))
                : scalar.properties.isWhitespace
            {
                pendingSpace = true
                if scalar == "\n" || scalar == "\r" || scalar == "\u{2029}" { sentenceEnded = true }
            } else if !TerminalSafety.isUnsafe(scalar) {
                if pendingSpace, !scalars.isEmpty { scalars.append(" ") }
                pendingSpace = false
                if sentenceEnded { sentenceStarts.insert(scalars.count) }
                sentenceEnded = Self.endsSentence(scalar)
                scalars.append(scalar)
            }
        }
    }

    /// `ranges` sorted, those that overlap or touch joined into one (a highlight is one span
    /// of text, however many matches it covers).
    public static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = spans.last, range.lowerBound <= last.upperBound {
                spans[spans.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                spans.append(range)
            }
        }
        return spans
    }

    /// The length of the unwrapped text in scalars, the unit of every range.
    public var count: Int { scalars.count }

    /// The text of `range`.
    public func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    /// True for `.!?。！？…` (a switch: it runs once per scalar of every highlighted body).
    static func endsSentence(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", "。", "！", "？", "…": return true
        default: return false
        }
    }

    /// True when text may be cut just before `index` without splitting a grapheme cluster.
    ///
    /// A combining mark, joiner, variation selector or emoji modifier belongs to what precedes
    /// it.
    public func isCutPoint(_ index: Int) -> Bool {
        guard index > 0, index < scalars.count else { return true }
        let before = scalars[index - 1]
        let after = scalars[index]
        if before == "\u{200D}" || Self.extendsCluster(after) { return false }
        return !(Self.isRegionalIndicator(before) && Self.isRegionalIndicator(after))
    }

    static func extendsCluster(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: break
        }
        let value = scalar.value
        return value == 0x200D || value == 0x200C || (0xFE00...0xFE0F).contains(value)
            || (0x1F3FB...0x1F3FF).contains(value)
            || (0xE0020...0xE007F).contains(value) || (0xE0100...0xE01EF).contains(value)
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }
}
