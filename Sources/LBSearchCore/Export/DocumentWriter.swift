/// Renders one whole document (`lbsearch show`): as text for a person, or its stored fields
/// as JSON.
///
/// Text is the title, a line per stated field (date, source, url, path), a blank line, then
/// the paragraphs, each wrapped to `width` when one is given. Everything taken from the
/// document is sanitized (`TerminalSafety`) before it is written.
public struct DocumentWriter: Sendable {
    /// True to mark matches with ANSI colour, and set the title in bold, for a terminal.
    public var color: Bool
    /// How matches are marked when `color` is off.
    public var markers: HighlightStyle
    /// Terminal width to wrap lines to; nil leaves lines whole (pipes, files).
    public var width: Int?

    /// A writer in colour or with `markers`, wrapping to `width` columns when one is given.
    public init(color: Bool, markers: HighlightStyle = .plain, width: Int? = nil) {
        self.color = color
        self.markers = markers
        self.width = width
    }

    /// The document as text: header lines, a blank line, its paragraphs separated by blank
    /// lines.
    public func text(_ document: StoredDocument) -> String {
        let style = color ? HighlightStyle.ansi : markers
        let title = document.title.terminalSafe.rendered(style)
        var header = [
            color
                ? ANSI.bold
                    + title.replacingOccurrences(of: ANSI.reset, with: ANSI.reset + ANSI.bold)
                    + ANSI.reset : title
        ]
        header += fields(document).map { name, value in
            let line = name + ": " + TerminalSafety.sanitize(value)
            return color ? ANSI.dim + line + ANSI.reset : line
        }
        let body = document.paragraphs.map { wrapped($0.terminalSafe.rendered(style)) }
        return
            (header.map(wrapped) + [""]
            + body.joined(separator: "\n\n").split(
                separator: "\n", omittingEmptySubsequences: false
            ).map(String.init)).joined(separator: "\n") + "\n"
    }

    /// The header's `name: value` lines, for the fields the document states.
    func fields(_ document: StoredDocument) -> [(String, String)] {
        var lines: [(String, String)] = []
        if let date = document.date { lines.append(("date", date)) }
        if let source = document.source { lines.append(("source", source)) }
        if let url = document.url { lines.append(("url", url)) }
        if !document.tags.isEmpty { lines.append(("tags", document.tags.joined(separator: ", "))) }
        lines.append(("path", document.location))
        return lines
    }

    /// `line` wrapped to `width`, as one string of lines.
    func wrapped(_ line: String) -> String {
        guard let width else { return line }
        return LineWrapper(width: width).wrap(line, indent: "").joined(separator: "\n")
    }

    /// The stored fields as one JSON object, named as in search hits: `id`, `title`, `date`,
    /// `source`, `path`, `url`, then `record`, `tags`, the whole `text` as stored, and
    /// `fragments` (one per paragraph, with its highlights, as in hits).
    public static func json(_ document: StoredDocument) -> String {
        JSONValue.object([
            ("id", .string(document.id)),
            ("title", .string(document.title.text)),
            ("date", .optional(document.date)),
            ("source", .optional(document.source)),
            ("path", .string(document.path)),
            ("url", .optional(document.url)),
            ("record", .optional(document.record)),
            ("tags", .array(document.tags.map(JSONValue.string))),
            ("text", .string(document.body)),
            ("fragments", .array(document.paragraphs.map(JSONWriter.fragment))),
        ]).serialized() + "\n"
    }
}
