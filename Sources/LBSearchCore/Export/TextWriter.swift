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

    func render(_ hit: Hit) -> String {
        let style = color ? HighlightStyle.ansi : markers
        let plainTitle = hit.title.terminalSafe.rendered(style)
        let title =
            color
            ? ANSI.bold
                + plainTitle.replacingOccurrences(of: ANSI.reset, with: ANSI.reset + ANSI.bold)
                + ANSI.reset : plainTitle
        let meta = [hit.date, hit.source].compactMap { $0 }.map(TerminalSafety.sanitize)
        let path = TerminalSafety.sanitize(hit.path)
        let metaLine = (meta + [color ? ANSI.path + path + ANSI.reset : path]).joined(
            separator: " · ")
        var lines = [
            "\(hit.rank). \(title)",
            Self.indent + (color ? ANSI.dim + metaLine + ANSI.reset : metaLine),
        ]
        let snippet = hit.snippet.terminalSafe.rendered(style)
        if !snippet.isEmpty { lines.append(Self.indent + snippet) }
        guard let width else { return lines.joined(separator: "\n") + "\n" }
        let wrapper = LineWrapper(width: width)
        return lines.flatMap { wrapper.wrap($0, indent: Self.indent) }.joined(separator: "\n")
            + "\n"
    }
}
