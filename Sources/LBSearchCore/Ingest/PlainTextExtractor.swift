import Foundation

/// Reads `.txt` files: an optional header block, then the text.
///
/// The header block is `Key: value` lines (Title, Date, Source, URL, Tags) ended by a blank
/// line; without one, the first non-empty line is the title.
public enum PlainTextExtractor {
    /// The header's fields and the text after it, else the first line as title and the rest.
    public static func extract(_ text: String) -> Extracted {
        let lines = TextLines.split(text)
        if let header = headerBlock(lines) { return header }
        guard
            let first = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            )
        else { return Extracted(body: "") }
        let title = lines[first].trimmingCharacters(in: .whitespacesAndNewlines)
        let clipped = TitleFinder.clip(title)
        // A first line too long to be a whole title is text: it stays in the body.
        let bodyStart = clipped == title ? first + 1 : first
        let rest = lines[bodyStart...].joined(separator: "\n")
        return Extracted(title: clipped, body: TextLines.trimmedScalars(rest))
    }

    /// The header block, when every line before the first blank line is a known `Key: value`.
    static func headerBlock(_ lines: [Substring]) -> Extracted? {
        guard
            let blank = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }
            ),
            blank > 0
        else { return nil }
        var result = Extracted(body: "")
        for line in lines[..<blank] {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let key = String(line[..<colon])
            guard result.set(key: key, value: String(line[line.index(after: colon)...])) else {
                return nil
            }
        }
        result.body = TextLines.trimmedScalars(lines[(blank + 1)...].joined(separator: "\n"))
        return result
    }
}
