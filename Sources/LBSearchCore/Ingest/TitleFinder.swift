import Foundation

/// Settles a document's title, which is never empty.
///
/// The title is what the format declared, else the first line of text, else the file name.
public enum TitleFinder {
    /// Titles longer than this are cut at a word boundary (a first line can be a paragraph).
    static let maxLength = 200

    /// `declared` when it has text, else the body's first line with text, else the file's stem.
    public static func title(declared: String?, body: String, path: String) -> String {
        if let declared = clean(declared) { return declared }
        if let line = body.split(whereSeparator: \.isNewline).lazy
            .compactMap({ clean(String($0)) }).first
        {
            return clip(line)
        }
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return stem.isEmpty ? name : stem
    }

    static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }

    /// Cuts `text` to `maxLength` characters at a word boundary, with an ellipsis.
    static func clip(_ text: String) -> String {
        guard text.count > maxLength else { return text }
        let head = text.prefix(maxLength)
        let cut = head.lastIndex(of: " ") ?? head.endIndex
        return String(head[..<cut]) + "…"
    }
}
