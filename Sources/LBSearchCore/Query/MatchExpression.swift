import Foundation

/// The one place that writes FTS5 MATCH text.
///
/// Every text is a quoted FTS5 string, so nothing
/// a person types is read as FTS5 syntax; only the operators written here are
/// (FTS5 documentation, section 3 "Full-text Query Syntax").
public enum MatchExpression {
    /// The MATCH text for a tree, or nil when it holds nothing to match.
    public static func of(_ node: QueryNode) -> String? {
        compile(node)?.text
    }

    /// The MATCH text and the names of its phrases, from one walk of the tree; nil when it
    /// holds nothing to match.
    public static func compile(_ node: QueryNode) -> MatchPlan? {
        switch node {
        case .text(let text, _, let prefix, let titleOnly):
            return MatchPlan(phrase: text, prefix: prefix, titleOnly: titleOnly)
        case .not(let child):
            return compile(child)?.negated
        case .or(let children):
            return anyOf(children)
        case .and(let children):
            return allOf(children)
        }
    }

    /// At least one of `children`.
    ///
    /// An exclusion joined by `OR` (`art OR -manga`) excludes from
    /// the group, as `QueryParser` reads it: the group is `art -manga`.
    static func anyOf(_ children: [QueryNode]) -> MatchPlan? {
        let positives = children.filter { !$0.isExclusion }
        if positives.count < children.count {
            let group: [QueryNode] = positives.count == 1 ? positives : [.or(positives)]
            return allOf(group + children.filter(\.isExclusion))
        }
        let parts = positives.compactMap(compile)
        guard parts.count > 1 else { return parts.first }
        return MatchPlan(
            text: "(" + parts.map(\.text).joined(separator: " OR ") + ")",
            phrases: parts.flatMap(\.phrases), alternatives: parts.map(\.phrases.count))
    }

    /// Every positive child, none of the excluded ones (`.not` children).
    static func allOf(_ children: [QueryNode]) -> MatchPlan? {
        let positives = children.filter { !$0.isExclusion }.compactMap(compile)
        guard let first = positives.first else { return nil }
        var plan =
            positives.count == 1
            ? first
            : MatchPlan(
                text: "(" + positives.map(\.text).joined(separator: " AND ") + ")",
                phrases: positives.flatMap(\.phrases))
        for exclusion in children.filter(\.isExclusion).compactMap(compile) {
            plan.text += " NOT (" + exclusion.text + ")"
            plan.phrases += exclusion.phrases
        }
        return plan
    }

    /// The MATCH text of what every match of `node` has besides its prefixes (`"nadia"` for
    /// `wickl* nadia`): an expression that matches every row `node` matches, without the merge
    /// of a prefix's document lists; nil when `node` has no prefix or nothing else it requires.
    ///
    /// The children of an `AND` that expand no prefix, exclusions left out, are such an
    /// expression: each matches every row the whole matches.
    static func prefixFree(_ node: QueryNode) -> String? {
        guard node.expandsAsPrefix, case .and(let children) = node else { return nil }
        let kept = children.filter { !$0.isExclusion && !$0.expandsAsPrefix }
        guard let first = kept.first else { return nil }
        return compile(kept.count == 1 ? first : .and(kept))?.text
    }

    /// The MATCH text of what FTS5 reads to find `node`'s matches: each phrase of several words
    /// as those words anywhere in the document (`"the in into"` → `("the" AND "in" AND "into")`),
    /// exclusions left out; nil when `node` has no phrase of several words, or has a prefix.
    ///
    /// A phrase's matches are found by reading the positions of every document that has all
    /// its words: few matches of common words still cost a scan of most of the index. The
    /// split scan estimates that cost from this expression (`SplitScan.expectsEnough`). Words
    /// are the runs of token characters, as FTS5's tokenizer splits them; a CJK run stays one
    /// phrase (its bigrams).
    static func unordered(_ node: QueryNode) -> String? {
        guard !node.expandsAsPrefix, hasSeveralWords(node), let loose = wordsAnywhere(node)
        else { return nil }
        return compile(loose)?.text
    }

    /// True when a positive phrase of `node` has several words.
    private static func hasSeveralWords(_ node: QueryNode) -> Bool {
        node.positiveTexts.contains { words(of: $0).count > 1 }
    }

    /// The runs of token characters of `text` (`NaturalQuery.isTermCharacter`).
    private static func words(of text: String) -> [Substring] {
        text.split { !NaturalQuery.isTermCharacter($0) }
    }

    /// `node` with each phrase of several words as an `AND` of them, exclusions left out; nil
    /// when nothing is left.
    private static func wordsAnywhere(_ node: QueryNode) -> QueryNode? {
        switch node {
        case .text(let text, _, let prefix, let titleOnly):
            let words = words(of: text)
            guard words.count > 1 else { return node }
            return .and(
                words.map {
                    .text(String($0), phrase: false, prefix: prefix, titleOnly: titleOnly)
                })
        case .not:
            return nil
        case .and(let children):
            let kept = children.compactMap(wordsAnywhere)
            return kept.isEmpty ? nil : kept.count == 1 ? kept[0] : .and(kept)
        case .or(let children):
            let kept = children.compactMap(wordsAnywhere)
            return kept.isEmpty ? nil : kept.count == 1 ? kept[0] : .or(kept)
        }
    }

    /// True when the MATCH text `expression` holds a prefix phrase (`"anim" *`): a `*` outside
    /// every quoted string.
    ///
    /// A doubled quote inside a string closes and reopens it, so counting quotes is enough.
    static func hasPrefix(_ expression: String) -> Bool {
        var quoted = false
        for scalar in expression.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if scalar == "*", !quoted { return true }
        }
        return false
    }

    /// `text` as an FTS5 string: wrapped in double quotes, inner double quotes doubled.
    ///
    /// Scalar by scalar, so a quote that starts a grapheme cluster is doubled too.
    public static func quoted(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        result.append("\"")
        for scalar in text.unicodeScalars {
            result.append(scalar)
            if scalar == "\"" { result.append(scalar) }
        }
        result.append("\"")
        return String(result)
    }
}
