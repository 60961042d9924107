/// One `key: value` line of front matter, read without a YAML parser when its YAML reading is
/// certain.
///
/// Read here: a key of ASCII letters, digits, `_` and `-`, then a value that is empty, a plain
/// scalar on one line, a double-quoted string (escapes `\"`, `\\`, `\/` only), a single-quoted
/// string, or a flow sequence `[a, "b", 'c']` of those. A value is what Yams gives as
/// `Node.Scalar.string`: the text as written, whatever tag it resolves to (`2024-03-09`, `yes`,
/// `~`). Anything else (indentation, block lists, comments, anchors, tags, other escapes, tabs,
/// control characters, a repeated key) is left to Yams (`fields` answers nil).
struct FrontMatterLine {
    /// A value of one line.
    enum Value: Equatable {
        case scalar(String)
        case sequence([String])
    }

    /// A key and its value, in the order of the lines.
    struct Field: Equatable {
        let key: String
        let value: Value
    }

    /// Keys longer than this are left to Yams (YAML limits an implicit key to 1024 characters).
    static let maxKeyLength = 64

    let bytes: [UInt8]
    var index = 0

    /// The fields of `lines` in order, or nil when a line is not of a shape read here or a key
    /// repeats (Yams refuses the whole mapping then).
    static func fields(_ lines: [Substring]) -> [Field]? {
        var fields: [Field] = []
        // A set, not a search of `fields`: a front matter of 200,000 keys took minutes.
        var keys: Set<String> = []
        for line in lines where !line.isEmpty {
            var reader = FrontMatterLine(bytes: Array(line.utf8))
            guard reader.hasOnlyPrintable(), let field = reader.field(),
                keys.insert(field.key).inserted
            else { return nil }
            fields.append(field)
        }
        return fields
    }

    /// False when the line holds a byte YAML refuses or treats apart: ASCII controls (tab
    /// included), C1 controls, U+FEFF, U+FFFE and U+FFFF.
    func hasOnlyPrintable() -> Bool {
        for (offset, byte) in bytes.enumerated() {
            switch byte {
            case 0x00..<0x20, 0x7F: return false
            case 0xC2 where offset + 1 < bytes.count && bytes[offset + 1] < 0xA0: return false
            case 0xEF where offset + 2 < bytes.count:
                let tail = (bytes[offset + 1], bytes[offset + 2])
                if tail == (0xBB, 0xBF) || tail == (0xBF, 0xBE) || tail == (0xBF, 0xBF) {
                    return false
                }
            default: break
            }
        }
        return true
    }

    /// The line's key and value.
    mutating func field() -> Field? {
        guard let key = key(), let value = value() else { return nil }
        return Field(key: key, value: value)
    }

    /// The key and its `:`.
    mutating func key() -> String? {
        let start = index
        while index < bytes.count, Self.isKeyByte(bytes[index]) { index += 1 }
        guard index > start, index - start <= Self.maxKeyLength, bytes[start] != UInt8(ascii: "-"),
            index < bytes.count, bytes[index] == UInt8(ascii: ":")
        else { return nil }
        defer { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// The value after `key:`: nothing, a scalar or a flow sequence, then only spaces.
    mutating func value() -> Value? {
        guard index < bytes.count else { return .scalar("") }
        guard bytes[index] == Self.space else { return nil }
        skipSpaces()
        guard index < bytes.count else { return .scalar("") }
        let value: Value?
        switch bytes[index] {
        case UInt8(ascii: "\""): value = doubleQuoted().map(Value.scalar)
        case UInt8(ascii: "'"): value = singleQuoted().map(Value.scalar)
        case UInt8(ascii: "["): value = flowSequence().map(Value.sequence)
        default: value = plainScalar(inFlow: false).map(Value.scalar)
        }
        skipSpaces()
        return index == bytes.count ? value : nil
    }

    /// `"…"`, with the escapes `\"`, `\\` and `\/`.
    mutating func doubleQuoted() -> String? {
        var text: [UInt8] = []
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: text, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count, Self.isSimpleEscape(bytes[index + 1]) else {
                    return nil
                }
                index += 1
            }
            text.append(bytes[index])
            index += 1
        }
        return nil
    }

    /// `'…'`, where `''` is a quote.
    mutating func singleQuoted() -> String? {
        var text: [UInt8] = []
        index += 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "'") {
                index += 1
                guard index < bytes.count, bytes[index] == UInt8(ascii: "'") else {
                    return String(decoding: text, as: UTF8.self)
                }
            }
            text.append(bytes[index])
            index += 1
        }
        return nil
    }

    /// `[item, item]` on one line, possibly empty; no trailing comma.
    mutating func flowSequence() -> [String]? {
        var items: [String] = []
        index += 1
        skipSpaces()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return items
        }
        while index < bytes.count {
            skipSpaces()
            guard index < bytes.count, let item = flowItem() else { return nil }
            items.append(item)
            skipSpaces()
            guard index < bytes.count else { return nil }
            index += 1
            if bytes[index - 1] == UInt8(ascii: "]") { return items }
            guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
        }
        return nil
    }

    /// One item of a flow sequence.
    mutating func flowItem() -> String? {
        switch bytes[index] {
        case UInt8(ascii: "\""): return doubleQuoted()
        case UInt8(ascii: "'"): return singleQuoted()
        default: return plainScalar(inFlow: true)
        }
    }

    /// A plain scalar up to the end of the line (in a flow sequence, up to `,` or `]`), without
    /// the spaces after it.
    ///
    /// Refused: a first byte that is a YAML indicator, `: ` or a final `:` (a mapping), ` #`
    /// (a comment); in a flow sequence also `:`, `#`, brackets, braces and quotes anywhere.
    mutating func plainScalar(inFlow: Bool) -> String? {
        guard !Self.isIndicator(bytes[index]) else { return nil }
        let start = index
        var end = index
        while index < bytes.count {
            let byte = bytes[index]
            if inFlow {
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") { break }
                if Self.endsFlowScalar(byte) { return nil }
            } else if byte == UInt8(ascii: ":") {
                if index + 1 == bytes.count || bytes[index + 1] == Self.space { return nil }
            } else if byte == UInt8(ascii: "#"), bytes[index - 1] == Self.space {
                return nil
            }
            if byte != Self.space { end = index + 1 }
            index += 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == Self.space { index += 1 }
    }

    static let space = UInt8(ascii: " ")

    /// ASCII letters, digits, `_` and `-`.
    static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default: return false
        }
    }

    /// The characters that YAML gives a meaning at the start of a scalar (YAML 1.2, 5.3).
    static func isIndicator(_ byte: UInt8) -> Bool {
        "-?:,[]{}#&*!|>'\"%@`".utf8.contains(byte)
    }

    /// Bytes a plain item of a flow sequence is not read with here.
    static func endsFlowScalar(_ byte: UInt8) -> Bool {
        ":#[]{}\"'".utf8.contains(byte)
    }

    /// `"`, `\` and `/`: the escapes read here.
    static func isSimpleEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/")
    }
}
