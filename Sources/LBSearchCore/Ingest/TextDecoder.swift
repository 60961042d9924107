import Foundation

/// Turns the bytes of a file into NFC-normalized text, or says why they are not text.
public enum TextDecoder {
    /// How many leading bytes are checked for NUL bytes (the same heuristic as git and grep).
    static let binarySniffLength = 8000

    /// Decoded text, or a reason to skip the file.
    public static func decode(_ data: Data) -> Result<String, SkipReason> {
        if data.isEmpty { return .failure(.empty) }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding =
                data.first == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard let text = String(data: data.dropFirst(2), encoding: encoding) else {
                return .failure(.invalidEncoding)
            }
            return .success(normalize(text, ascii: false))
        }
        return data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let sniffed = UnsafeRawBufferPointer(rebasing: raw.prefix(binarySniffLength))
            if sniffed.contains(0) {
                guard let text = withoutBOM([UInt8](bytes)) else { return .failure(.binary) }
                return .success(normalize(text, ascii: false))
            }
            let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            return utf8(UnsafeBufferPointer(rebasing: bytes[bom...]))
        }
    }

    /// Valid UTF-8 `bytes` as normalized text, else `.invalidEncoding`.
    static func utf8(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, SkipReason> {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.invalidEncoding)
        }
        return .success(normalize(text, ascii: UTF8Scan.isASCII(bytes)))
    }

    /// UTF-16 text written without a byte order mark, else nil.
    ///
    /// Text in a Latin script has a NUL byte in most of its code units (other alphabets in
    /// their spaces, digits and punctuation), all at odd offsets (little-endian) or all at even
    /// ones (big-endian); binary data has NULs at both. A guess is kept only when the whole file
    /// decodes as UTF-16 and holds no control character but tab, line and page breaks.
    static func withoutBOM(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 2, bytes.count % 2 == 0 else { return nil }
        let sample = bytes.prefix(binarySniffLength)
        var nuls = (even: 0, odd: 0)
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { nuls.even += 1 } else { nuls.odd += 1 }
        }
        // At least one code unit in eight (spaces and digits alone make that in Cyrillic or
        // Greek), and at most one NUL on the other side for twenty on this one.
        let enough = max(2, sample.count / 2 / 8)
        let littleEndian: Bool
        if nuls.odd >= enough, nuls.even * 20 <= nuls.odd {
            littleEndian = true
        } else if nuls.even >= enough, nuls.odd * 20 <= nuls.even {
            littleEndian = false
        } else {
            return nil
        }
        let codeUnits = stride(from: 0, to: bytes.count, by: 2).map { offset in
            littleEndian
                ? UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
                : UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
        }
        guard let text = String(validating: codeUnits, as: UTF16.self) else { return nil }
        let allowed: Set<Unicode.Scalar> = ["\t", "\n", "\r", "\u{0C}"]
        let isText = !text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && !allowed.contains(scalar)) || scalar.value == 0x7F
                || scalar.value == 0xFFFE || scalar.value == 0xFFFF
        }
        return isText ? text : nil
    }

    /// NFC-normalizes text and removes the private-use characters the highlighter uses as markers.
    public static func normalize(_ text: String, ascii: Bool) -> String {
        if ascii { return text }
        let found = NFC.scan(text)
        var result = found.mayChange ? NFC.normalized(text) : text
        if found.hasMarker {
            result.unicodeScalars.removeAll(where: { HighlightMarker.isMarker($0) })
        }
        return result
    }
}
