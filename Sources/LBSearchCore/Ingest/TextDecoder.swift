import Foundation

/// Turns the bytes of a file into NFC-normalized text, or says why they are not text.
public enum TextDecoder {
    /// How many leading bytes are checked for NUL bytes (the same heuristic as git and grep).
    static let binarySniffLength = 8000

    /// Decoded text, or a reason to skip the file.
    public static func decode(_ data: Data) -> Result<String, SkipReason> {
        if data.isEmpty { return .failure(.empty) }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard let text = String(data: data.dropFirst(2), encoding: encoding) else {
                return .failure(.invalidEncoding)
            }
            return .success(normalize(text, ascii: false))
        }
        if bytes.prefix(binarySniffLength).contains(0) { return .failure(.binary) }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        guard let text = String(validating: body, as: UTF8.self) else {
            return .failure(.invalidEncoding)
        }
        return .success(normalize(text, ascii: !body.contains { $0 >= 0x80 }))
    }

    /// NFC-normalizes text and removes the private-use characters the highlighter uses as markers.
    public static func normalize(_ text: String, ascii: Bool) -> String {
        if ascii { return text }
        var result = NFC.mayChange(text) ? text.precomposedStringWithCanonicalMapping : text
        if result.unicodeScalars.contains(where: { HighlightMarker.isMarker($0) }) {
            result.unicodeScalars.removeAll(where: { HighlightMarker.isMarker($0) })
        }
        return result
    }
}

/// The private-use characters that FTS5 `highlight()` wraps matches in; never stored in documents.
public enum HighlightMarker {
    public static let open: Unicode.Scalar = "\u{E000}"
    public static let close: Unicode.Scalar = "\u{E001}"

    static func isMarker(_ scalar: Unicode.Scalar) -> Bool {
        scalar == open || scalar == close
    }
}
