/// Renders hits for a person: rank and title, a line of date · source · path, the snippet.
///
/// Everything taken from documents is sanitized (`TerminalSafety`) before it is written.
public struct TextWriter: Sendable {
    public var color: Bool
    public var markers: HighlightStyle

    public init(color: Bool, markers: HighlightStyle = .plain) {
        self.color = color
        self.markers = markers
    }

    public func render(_ hits: [Hit]) -> String {
        hits.map(render).joined(separator: "\n")
    }

    func render(_ hit: Hit) -> String {
        let style = color ? HighlightStyle.ansi : markers
        let title = color ? ANSI.bold + hit.title.rendered(style).replacingOccurrences(of: ANSI.reset, with: ANSI.reset + ANSI.bold) + ANSI.reset : hit.title.rendered(style)
        let meta = [hit.date, hit.source].compactMap { $0 }.map(TerminalSafety.sanitize)
        let path = TerminalSafety.sanitize(hit.path)
        let metaLine = (meta + [color ? ANSI.path + path + ANSI.reset : path]).joined(separator: " · ")
        var lines = ["\(hit.rank). \(title)", "   " + (color ? ANSI.dim + metaLine + ANSI.reset : metaLine)]
        let snippet = hit.snippet.rendered(style)
        if !snippet.isEmpty { lines.append("   " + snippet) }
        return lines.joined(separator: "\n") + "\n"
    }
}
