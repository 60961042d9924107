/// File names as bytes, shown to people.
public enum FileName {
    /// `bytes` as text that is safe to show, with `\xNN` escapes for what is not.
    ///
    /// Valid UTF-8 stays as it is; every byte that is not valid UTF-8 and every control
    /// character becomes a `\xNN` escape (as `ls --quoting-style=escape` shows them). Escaping
    /// what it returns changes nothing, so a name may be escaped twice.
    public static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes[index])
            if length > 0, index + length <= bytes.count,
                let text = String(validating: bytes[index..<index + length], as: UTF8.self),
                let scalar = text.unicodeScalars.first,
                !TerminalSafety.isUnsafe(scalar) || scalar.value >= 0xA0
            {
                out += text
                index += length
            } else {
                out += "\\x" + String(bytes[index], radix: 16).leftPadded(to: 2)
                index += 1
            }
        }
        return out
    }

    /// The length of the UTF-8 sequence a lead byte starts; 0 for a byte that cannot lead.
    static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0x00..<0x80: return 1
        case 0xC2..<0xE0: return 2
        case 0xE0..<0xF0: return 3
        case 0xF0..<0xF5: return 4
        default: return 0
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
