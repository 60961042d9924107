/// What tells that two documents hold the same story: a key for identical text and a
/// SimHash for near-identical text, both computed at index time (`Fingerprinter`).
public struct TextFingerprint: Sendable, Hashable {
    /// Hash of the normalized text (the body, or the title and body when the body is short):
    /// equal keys mean the same words in the same order, whatever the case, width, spacing
    /// and punctuation.
    public var exact: UInt64
    /// 64-bit SimHash over word shingles of the body (Charikar 2002); nil when the body is too
    /// short for the bits to mean anything.
    public var near: UInt64?

    /// A fingerprint from its two parts.
    public init(exact: UInt64, near: UInt64?) {
        self.exact = exact
        self.near = near
    }

    /// Bits in which the two SimHashes differ; nil when either has none.
    public func distance(to other: TextFingerprint) -> Int? {
        guard let near, let theirs = other.near else { return nil }
        return (near ^ theirs).nonzeroBitCount
    }

    /// True when `other` is a copy of this text: the same exact key, or SimHashes at most
    /// `threshold` bits apart.
    public func isCopy(of other: TextFingerprint, threshold: Int) -> Bool {
        if exact == other.exact { return true }
        guard let distance = distance(to: other) else { return false }
        return distance <= threshold
    }
}
