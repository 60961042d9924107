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

    /// `text` with its white space collapsed to single spaces and trimmed; nil when empty.
    static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        if isClean(text) { return text.isEmpty ? nil : text }
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }

    /// True when `clean` would give `text` back as it is: each ASCII space lies between ASCII
    /// letters, digits or punctuation, and there is no other white space.
    ///
    /// Conservative, byte by byte: a control character, a byte that may start a Unicode space,
    /// or a space next to a byte outside ASCII (a combining mark after a space joins its
    /// `Character`) answers false, and `clean` splits as before.
    static func isClean(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0x20
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case 0x20 where previous == 0x20 || previous >= 0x80: return false
                case 0x00..<0x20, 0x7F: return false
                case 0x80...:
                    if previous == 0x20 || mayStartSpace(bytes, at: index) { return false }
                default: break
                }
                previous = byte
            }
            return previous != 0x20 || bytes.isEmpty
        }
    }

    /// True when the byte at `index` may start a white-space scalar outside ASCII: U+0085,
    /// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F or U+3000.
    static func mayStartSpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch bytes[index] {
        case 0xC2, 0xE1, 0xE3: return true
        case 0xE2:
            guard index + 2 < bytes.count else { return true }
            switch (bytes[index + 1], bytes[index + 2]) {
            case (0x80, 0x80...0x8A), (0x80, 0xA8), (0x80, 0xA9), (0x80, 0xAF), (0x81, 0x9F):
                return true
            default: return false
            }
        default: return false
        }
    }

    /// Cuts `text` to `maxLength` characters at a word boundary, with an ellipsis.
    static func clip(_ text: String) -> String {
        guard text.count > maxLength else { return text }
        let head = text.prefix(maxLength)
        let cut = head.lastIndex(of: " ") ?? head.endIndex
        return String(head[..<cut]) + "…"
    }
}
