import Foundation

/// Byte-level scans of UTF-8 text that step over ASCII eight bytes at a time.
///
/// Most indexed text is ASCII, so the scalar-by-scalar work of NFC and the other checks is
/// only done around the bytes that are not.
enum UTF8Scan {
    /// The offset of the first byte at or after `start` that is not ASCII, else `bytes.count`.
    @inline(__always)
    static func firstNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var index = start
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < bytes.count, bytes[index] < 0x80 { index += 1 }
        return index
    }

    /// True when every byte is ASCII.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstNonASCII(bytes) == bytes.count
    }

    /// True when every byte of `data` is ASCII.
    static func isASCII(_ data: Data) -> Bool {
        data.withUnsafeBytes { isASCII($0.bindMemory(to: UInt8.self)) }
    }

    /// True when `text` is all ASCII.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isASCII($0) }
    }

    /// True when some byte of `bytes` is `minimum` or more (`minimum` ≥ 0x80).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, atLeast minimum: UInt8) -> Bool {
        var index = firstNonASCII(bytes)
        while index < bytes.count {
            if bytes[index] >= minimum { return true }
            index = firstNonASCII(bytes, from: index + 1)
        }
        return false
    }
}
