/// Renders hits for a person: rank and title, a line of date · source · path, the snippet.
///
/// Everything taken from documents is sanitized (`TerminalSafety`) before it is written.
public struct TextWriter: Sendable {
    /// True to mark matches with ANSI colour, and set titles in bold, for a terminal.
    public var color: Bool
    /// How matches are marked when `color` is off.
    public var markers: HighlightStyle
    /// Terminal width to wrap long lines to; nil leaves lines whole (pipes, files).
    public var width: Int?

    /// Lines after the first of each hit are indented this much.
    static let indent = "   "

    /// A writer in colour or with `markers`, wrapping to `width` columns when one is given.
    public init(color: Bool, markers: HighlightStyle = .plain, width: Int? = nil) {
        self.color = color
        self.markers = markers
        self.width = width
    }

    /// The hits as text, one block of lines per hit, blocks separated by a blank line.
    public func render(_ hits: [Hit]) -> String {
        hits.map(render).joined(separator: "\n")
    }

    /// Where the hit is: its path, and for a JSONL record its id (`PATH#ID`), so two records
    /// of one file are told apart.
    static func location(_ hit: Hit) -> String {
        if hit.id == hit.path || hit.id.hasPrefix(hit.path + "#") { return hit.id }
        return hit.path + "#" + hit.id
    }

    /// Sources named in a hit's copies line, at most.
    static let copySourcesShown = 5

    /// "+2 copies (Reuters, AP)": the copies folded into a hit, with their distinct sources
    /// (a copy without one is named by its id); nil when there are none.
    static func copies(_ copies: [DocumentCopy]) -> String? {
        guard !copies.isEmpty else { return nil }
        var names: [String] = []
        for copy in copies {
            let name = TerminalSafety.sanitize(copy.source ?? copy.id)
            if !names.contains(name) { names.append(name) }
        }
        let shown = names.prefix(copySourcesShown).joined(separator: ", ")
        let more = names.count > copySourcesShown ? ", …" : ""
        let noun = copies.count == 1 ? "copy" : "copies"
        return "+\(copies.count) \(noun) (\(shown)\(more))"
    }

    func render(_ hit: Hit) -> String {
        let style = color ? HighlightStyle.ansi : markers
        let plainTitle = hit.title.terminalSafe.rendered(style)
        let title =
            color
            ? ANSI.bold
                + plainTitle.replacingOccurrences(of: ANSI.reset, with: ANSI.reset + ANSI.bold)
                + ANSI.reset : plainTitle
        let meta = [hit.date, hit.source].compactMap { $0 }.map(TerminalSafety.sanitize)
        let path = TerminalSafety.sanitize(Self.location(hit))
        let metaLine = (meta + [color ? ANSI.path + path + ANSI.reset : path]).joined(
            separator: " · ")
        var lines = [
            "\(hit.rank). \(title)",
            Self.indent + (color ? ANSI.dim + metaLine + ANSI.reset : metaLine),
        ]
        let snippet = hit.snippet.terminalSafe.rendered(style)
        if !snippet.isEmpty { lines.append(Self.indent + snippet) }
        if let copies = Self.copies(hit.copies) {
            lines.append(Self.indent + (color ? ANSI.dim + copies + ANSI.reset : copies))
        }
        guard let width else { return lines.joined(separator: "\n") + "\n" }
        let wrapper = LineWrapper(width: width)
        return lines.flatMap { wrapper.wrap($0, indent: Self.indent) }.joined(separator: "\n")
            + "\n"
    }
}
