import Foundation

/// JSON strings (RFC 8259, section 7) read by `JSONRecordScanner`: runs of plain bytes copied as
/// they are, the escapes `\" \\ \/ \b \f \n \r \t` and `\uXXXX` (a surrogate pair as one scalar)
/// decoded; a raw control character, another escape or a lone surrogate is not taken.
extension JSONRecordScanner.Cursor {
    /// The string whose opening quote is at the cursor; the cursor moves past its closing quote.
    mutating func string() -> String? {
        let start = index + 1
        var end = special(from: start)
        guard end < bytes.count, bytes[end] >= 0x20 else { return nil }
        if bytes[end] == UInt8(ascii: "\"") {
            index = end + 1
            return String(
                decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        // Find the closing quote, stepping over each escaped byte; the decoded text is never
        // longer than the escaped one.
        while end < bytes.count, bytes[end] == UInt8(ascii: "\\") {
            end = special(from: end + 2)
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        var failed = false
        let text = String(unsafeUninitializedCapacity: end - start) { output in
            guard let written = decode(start..<end, into: output) else {
                failed = true
                return 0
            }
            return written
        }
        index = end + 1
        return failed ? nil : text
    }

    /// The offset of the first quote, backslash or control character at or after `start`, else
    /// `bytes.count`; eight bytes at a time while there is none.
    func special(from start: Int) -> Int {
        var offset = start
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while offset + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                // A zero byte of `quote` or `backslash`, or a byte of `word` below 0x20 ("Bit
                // Twiddling Hacks", determine if a word has a zero byte / a byte less than n).
                let found =
                    ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                    | ((word &- ones &* 0x20) & ~word)
                if found & highs != 0 { break }
                offset += 8
            }
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                return offset
            }
            offset += 1
        }
        return offset
    }

    /// Decodes the string bytes `range` (escapes and all) into `output`: the bytes written, or
    /// nil for an escape the scanner does not take.
    func decode(_ range: Range<Int>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var written = 0
        var offset = range.lowerBound
        while offset < range.upperBound {
            let plain = backslash(in: offset..<range.upperBound) - offset
            if plain > 0 {
                let run = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + plain)])
                _ = UnsafeMutableBufferPointer(rebasing: output[written...])
                    .initialize(fromContentsOf: run)
                written += plain
                offset += plain
                if offset == range.upperBound { break }
            }
            guard let (scalar, length) = escape(at: offset, before: range.upperBound) else {
                return nil
            }
            written += Self.encode(scalar, into: output, at: written)
            offset += length
        }
        return written
    }

    /// The offset of the first backslash in `range`, else its end.
    func backslash(in range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress, !range.isEmpty,
            let found = memchr(base + range.lowerBound, 0x5C, range.count)
        else { return range.upperBound }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// The scalar of the escape at `offset` and its length in bytes, or nil when the scanner
    /// does not take it; the escape ends at or before `end`.
    func escape(at offset: Int, before end: Int) -> (UInt32, Int)? {
        guard offset + 1 < end else { return nil }
        switch bytes[offset + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
            return (UInt32(bytes[offset + 1]), 2)
        case UInt8(ascii: "b"): return (0x08, 2)
        case UInt8(ascii: "f"): return (0x0C, 2)
        case UInt8(ascii: "n"): return (0x0A, 2)
        case UInt8(ascii: "r"): return (0x0D, 2)
        case UInt8(ascii: "t"): return (0x09, 2)
        case UInt8(ascii: "u"): break
        default: return nil
        }
        guard let unit = unit(at: offset, before: end) else { return nil }
        switch unit {
        case 0xD800...0xDBFF:
            guard let low = self.unit(at: offset + 6, before: end), (0xDC00...0xDFFF).contains(low)
            else { return nil }
            return (0x10000 + ((unit - 0xD800) << 10 | (low - 0xDC00)), 12)
        case 0xDC00...0xDFFF: return nil
        default: return (unit, 6)
        }
    }

    /// The UTF-16 unit of the `\uXXXX` escape at `offset`, ending at or before `end`.
    func unit(at offset: Int, before end: Int) -> UInt32? {
        guard offset + 6 <= end, bytes[offset] == UInt8(ascii: "\\"),
            bytes[offset + 1] == UInt8(ascii: "u")
        else { return nil }
        var value: UInt32 = 0
        for digit in bytes[(offset + 2)..<(offset + 6)] {
            guard let nibble = JSONSurrogates.hexDigit(digit) else { return nil }
            value = value << 4 | UInt32(nibble)
        }
        return value
    }

    /// Writes `scalar` (not a surrogate) in UTF-8 at `offset`; returns the bytes written.
    static func encode(
        _ scalar: UInt32, into output: UnsafeMutableBufferPointer<UInt8>, at offset: Int
    )
        -> Int
    {
        switch scalar {
        case ..<0x80:
            output[offset] = UInt8(scalar)
            return 1
        case ..<0x800:
            output[offset] = UInt8(0xC0 | scalar >> 6)
            output[offset + 1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case ..<0x10000:
            output[offset] = UInt8(0xE0 | scalar >> 12)
            output[offset + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            output[offset + 2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            output[offset] = UInt8(0xF0 | scalar >> 18)
            output[offset + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            output[offset + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            output[offset + 3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}
