import Foundation

/// Repairs `\u` escapes of UTF-16 surrogates that pair with nothing in JSON text.
///
/// JSON (RFC 8259 §7) writes a character outside the Basic Multilingual Plane as two escapes,
/// a high surrogate (`\uD800`–`\uDBFF`) then a low one (`\uDC00`–`\uDFFF`); an escape of a
/// surrogate alone names no character. Foundation's `JSONSerialization` rejects the whole
/// text for one; Go's `encoding/json` and jq read it as U+FFFD, as lbsearch does: each lone
/// surrogate escape becomes `\uFFFD`, and the rest of the text is kept byte for byte.
enum JSONSurrogates {
    /// `text` with each lone surrogate escape replaced by `\uFFFD`, or nil when it has none.
    static func repaired(_ text: Data) -> Data? {
        let bytes = [UInt8](text)
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                index += 1
                continue
            }
            guard bytes[index + 1] == UInt8(ascii: "u"), let code = unit(bytes, at: index) else {
                index += 2
                continue
            }
            if (0xD800...0xDBFF).contains(code), let next = unit(bytes, at: index + 6),
                (0xDC00...0xDFFF).contains(next)
            {
                index += 12
            } else if (0xD800...0xDFFF).contains(code) {
                output += bytes[copied..<index] + Array(#"\uFFFD"#.utf8)
                index += 6
                copied = index
            } else {
                index += 6
            }
        }
        guard copied > 0 else { return nil }
        return Data(output + bytes[copied...])
    }

    /// The UTF-16 unit of the `\uXXXX` escape at `start`, or nil when there is none there.
    static func unit(_ bytes: [UInt8], at start: Int) -> UInt16? {
        guard start + 6 <= bytes.count, bytes[start] == UInt8(ascii: "\\"),
            bytes[start + 1] == UInt8(ascii: "u")
        else { return nil }
        var value: UInt16 = 0
        for byte in bytes[(start + 2)..<(start + 6)] {
            guard let digit = hexDigit(byte) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    /// The value of one hexadecimal digit, either case.
    static func hexDigit(_ byte: UInt8) -> UInt16? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt16(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt16(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt16(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The JSON object of `text`, read again with its lone surrogates repaired when the text
    /// as it is does not parse: `.malformedJSON` when it is not JSON either way, `.notAnObject`
    /// when it is JSON but not an object.
    static func object(_ text: Data) -> Result<[String: Any], SkipReason> {
        guard let value = json(text) ?? repaired(text).flatMap(json) else {
            return .failure(.malformedJSON)
        }
        guard let object = value as? [String: Any] else { return .failure(.notAnObject) }
        return .success(object)
    }

    /// The JSON value of `text` as Foundation reads it, or nil when it is not JSON.
    static func json(_ text: Data) -> Any? {
        try? JSONSerialization.jsonObject(with: text, options: .fragmentsAllowed)
    }
}
