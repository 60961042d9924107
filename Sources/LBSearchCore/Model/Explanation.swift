/// Why a hit has its score: a named value and the contributions it is made of.
///
/// A node's value is the sum of its children's values when it has children (the ranker
/// builds every tree that way), so a printed tree can be checked by adding it up. Leaves that
/// are factors rather than summands (idf, a length norm) are kept in `facts`, not `details`.
///
///     14.2  score
///       11.0  bm25f "heat"
///         idf 2.31, tf title 1 body 3, …
///       3.2   proximity
public struct Explanation: Sendable, Hashable {
    /// What this value is (`bm25f "heat"`, `proximity`, …).
    public var name: String
    /// The contribution to the score.
    public var value: Double
    /// Factors that produced `value` when it has no children, as name and value.
    public var facts: [Fact]
    /// Summands of `value`.
    public var details: [Explanation]

    /// A named factor of a leaf contribution.
    public struct Fact: Sendable, Hashable {
        /// The label printed before the value (`idf`, `tf body`, …).
        public var name: String
        /// The factor's value, printed with the tree's number of decimals.
        public var value: Double

        /// The factor `name` with its value.
        public init(_ name: String, _ value: Double) {
            self.name = name
            self.value = value
        }
    }

    /// A node with a value of its own; `sum` makes one whose value adds up its `details`.
    public init(_ name: String, value: Double, facts: [Fact] = [], details: [Explanation] = []) {
        self.name = name
        self.value = value
        self.facts = facts
        self.details = details
    }

    /// A node whose value is the sum of `details`.
    public static func sum(_ name: String, _ details: [Explanation], facts: [Fact] = [])
        -> Explanation
    {
        Explanation(
            name, value: details.reduce(0) { $0 + $1.value }, facts: facts, details: details)
    }

    /// The tree as indented lines, values with `decimals` digits.
    public func rendered(indent: String = "", decimals: Int = 4) -> String {
        let factText = facts.map { "\($0.name) \(Self.format($0.value, decimals))" }.joined(
            separator: ", ")
        var line = indent + Self.format(value, decimals) + "  " + name
        if !factText.isEmpty { line += "  (" + factText + ")" }
        return ([line] + details.map { $0.rendered(indent: indent + "  ", decimals: decimals) })
            .joined(separator: "\n")
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        let scale = (0..<decimals).reduce(1.0) { acc, _ in acc * 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text == "-0" ? "0" : text
    }
}
