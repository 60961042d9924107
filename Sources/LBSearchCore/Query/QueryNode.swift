import Foundation

/// The syntax tree of a query.
public indirect enum QueryNode: Sendable, Hashable {
    /// Text to find: one word, or a phrase when it holds several words or was quoted.
    /// `prefix`: the last word may be the start of a longer one (`anim*`).
    /// `titleOnly`: only the title is searched (`title:word`).
    case text(String, phrase: Bool, prefix: Bool, titleOnly: Bool)
    /// Every child must match; `.not` children exclude.
    case and([QueryNode])
    /// At least one child must match.
    case or([QueryNode])
    /// Documents matching the child are excluded (only meaningful inside `.and`).
    case not(QueryNode)

    /// A plain word.
    public static func word(_ text: String) -> QueryNode {
        .text(text, phrase: false, prefix: false, titleOnly: false)
    }

    /// True for `.not`.
    public var isExclusion: Bool {
        if case .not = self { return true }
        return false
    }

    /// True when FTS5 expands a term of this node as a prefix: a typed prefix (`anim*`) or a
    /// word ending in a one-character CJK run (`MatchPlan`).
    var expandsAsPrefix: Bool {
        switch self {
        case .text(let text, _, let prefix, _):
            return prefix || CJKText.endsWithSingleCharacterRun(text)
        case .and(let children), .or(let children):
            return children.contains(where: \.expandsAsPrefix)
        case .not(let child): return child.expandsAsPrefix
        }
    }

    /// The texts of this node that a document must or may contain (exclusions left out).
    public var positiveTexts: [String] {
        switch self {
        case .text(let text, _, _, _): return [text]
        case .and(let children), .or(let children): return children.flatMap(\.positiveTexts)
        case .not: return []
        }
    }

    /// `nodes` without repeats (the first of each kept): "the the the" asks for "the" once.
    ///
    /// Texts that differ only in case or accents are repeats, as the index folds both; a
    /// phrase stays a phrase ("the the" is not "the").
    public static func distinct(_ nodes: [QueryNode]) -> [QueryNode] {
        var seen: Set<QueryNode> = []
        return nodes.filter { seen.insert($0.folded).inserted }
    }

    /// The node with every text case- and accent-folded, to compare nodes as the index does.
    var folded: QueryNode {
        switch self {
        case .text(let text, let phrase, let prefix, let titleOnly):
            // A quoted single word matches what the bare word matches.
            let folded = text.folding(
                options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            return .text(
                folded, phrase: phrase && QueryParser.tokenRuns(text) > 1, prefix: prefix,
                titleOnly: titleOnly)
        case .and(let children): return .and(children.map(\.folded))
        case .or(let children): return .or(children.map(\.folded))
        case .not(let child): return .not(child.folded)
        }
    }

    /// An indented tree, one node per line, for `--explain`.
    public func tree(indent: String = "") -> String {
        switch self {
        case .text(let text, let phrase, let prefix, let titleOnly):
            let kind = phrase ? "phrase" : (prefix ? "prefix" : "word")
            return indent + kind + " \"" + text + "\"" + (titleOnly ? " in title" : "") + "\n"
        case .and(let children):
            return indent + "ALL of\n" + children.map { $0.tree(indent: indent + "  ") }.joined()
        case .or(let children):
            return indent + "ANY of\n" + children.map { $0.tree(indent: indent + "  ") }.joined()
        case .not(let child):
            return indent + "NOT\n" + child.tree(indent: indent + "  ")
        }
    }
}

/// Metadata filters from `source:`, `tag:` and `date:` terms and the `--since`/`--until` options.
public struct QueryFilters: Sendable, Hashable {
    /// Documents must have one of these sources (case-insensitive); empty means any.
    public var sources: [String] = []
    /// Documents must have none of these sources (case-insensitive); a document without a
    /// source passes.
    public var excludedSources: [String] = []
    /// Documents must have every one of these tags (case-insensitive).
    public var tags: [String] = []
    /// Documents must have none of these tags (case-insensitive).
    public var excludedTags: [String] = []
    /// Documents must be dated within every one of these ranges.
    public var dates: [DateRange] = []

    /// No filter at all.
    public init() {}

    /// True when no document is filtered out.
    public var isEmpty: Bool {
        sources.isEmpty && excludedSources.isEmpty && tags.isEmpty && excludedTags.isEmpty
            && dates.isEmpty
    }

    /// One line per filter, for `--explain`.
    public var description: String {
        var lines: [String] = []
        if !sources.isEmpty { lines.append("source is " + sources.joined(separator: " or ")) }
        if !excludedSources.isEmpty {
            lines.append("source is not " + excludedSources.joined(separator: " or "))
        }
        for tag in tags { lines.append("tagged " + tag) }
        for tag in excludedTags { lines.append("not tagged " + tag) }
        for range in dates { lines.append("dated " + range.description) }
        return lines.joined(separator: "\n")
    }
}
