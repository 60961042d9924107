import Foundation

/// Reads the common shape of a JSONL record straight from its UTF-8 bytes, as Foundation's
/// `JSONSerialization` would, for a fraction of its CPU.
///
/// The shape is one object whose values are strings, integers, `null`, `true`, `false`, or arrays
/// of those. Whatever else a line holds (a float or an exponent, a nested object or array, a
/// duplicate key, a lone surrogate or an unknown escape, a raw control character in a string, a
/// trailing comma, a byte order mark, text after the object) makes `object` answer nil, and the
/// line is read by `JSONSurrogates.object`: every rejection and every odd case is decided there.
/// The values are those `JSONSerialization` gives: `String`, `NSNumber` (`true` and `false` as
/// its Booleans), `NSNull` and `[Any]`.
enum JSONRecordScanner {
    /// The object of `line` as `JSONSerialization` reads it, or nil when the line is not of the
    /// common shape; `line` must be valid UTF-8 (`JSONLReader.parse` checks it first).
    static func object(_ line: Data) -> [String: Any]? {
        line.withUnsafeBytes { raw in
            var scanner = Cursor(raw.bindMemory(to: UInt8.self))
            return scanner.object()
        }
    }

    /// A position in a line's bytes; each `read…` method moves past what it read, or returns
    /// nil for a shape it does not take.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// The byte at the cursor, or nil at the end.
        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        /// The whole line as one object, white space around it and nothing else.
        mutating func object() -> [String: Any]? {
            skipSpace()
            guard current == UInt8(ascii: "{") else { return nil }
            index += 1
            var object: [String: Any] = [:]
            skipSpace()
            if current == UInt8(ascii: "}") {
                index += 1
            } else {
                guard members(into: &object) else { return nil }
            }
            skipSpace()
            return index == bytes.count ? object : nil
        }

        /// `"key": value` pairs separated by commas, up to and past the closing brace.
        mutating func members(into object: inout [String: Any]) -> Bool {
            while true {
                guard current == UInt8(ascii: "\""), let key = string() else { return false }
                skipSpace()
                guard current == UInt8(ascii: ":") else { return false }
                index += 1
                skipSpace()
                guard let value = value(nested: true), object[key] == nil else { return false }
                object[key] = value
                skipSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return true
                default: return false
                }
                skipSpace()
            }
        }

        /// A string, integer, `null`, `true` or `false`, or, when `nested`, an array of those.
        mutating func value(nested: Bool) -> Any? {
            switch current ?? 0 {
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
            case UInt8(ascii: "n"): return word("null", NSNull())
            case UInt8(ascii: "t"): return word("true", NSNumber(value: true))
            case UInt8(ascii: "f"): return word("false", NSNumber(value: false))
            case UInt8(ascii: "[") where nested: return array()
            default: return nil
            }
        }

        /// An array of scalars (`value(nested: false)`), without a trailing comma.
        mutating func array() -> [Any]? {
            index += 1
            var elements: [Any] = []
            skipSpace()
            if current == UInt8(ascii: "]") {
                index += 1
                return elements
            }
            while true {
                guard let element = value(nested: false) else { return nil }
                elements.append(element)
                skipSpace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return elements
                default: return nil
                }
                skipSpace()
            }
        }

        /// `literal` at the cursor, read as `value`.
        mutating func word(_ literal: StaticString, _ value: Any) -> Any? {
            let expected = UnsafeBufferPointer(
                start: literal.utf8Start, count: literal.utf8CodeUnitCount)
            guard index + expected.count <= bytes.count else { return nil }
            for (offset, byte) in expected.enumerated() where bytes[index + offset] != byte {
                return nil
            }
            index += expected.count
            return value
        }

        /// An integer of at most 18 digits, `-?(0|[1-9][0-9]*)`, not `-0`, and not the start of
        /// a fraction or exponent: Foundation reads it as an `Int`.
        mutating func integer() -> NSNumber? {
            let negative = current == UInt8(ascii: "-")
            if negative { index += 1 }
            let start = index
            var value: Int64 = 0
            while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                value = value &* 10 &+ Int64(byte &- UInt8(ascii: "0"))
                index += 1
            }
            let digits = index - start
            guard digits > 0, digits <= 18, bytes[start] != UInt8(ascii: "0") || digits == 1,
                !(negative && value == 0)
            else { return nil }
            switch current {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
            default: return NSNumber(value: Int(negative ? -value : value))
            }
        }

        /// Skips JSON white space: space, tab, line feed and carriage return.
        mutating func skipSpace() {
            while let byte = current,
                byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            {
                index += 1
            }
        }
    }
}
