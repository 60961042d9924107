/// Decodes HTML character references: numeric ones and the named ones news pages use.
enum EntityDecoder {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
        "mdash": "—", "ndash": "–", "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“",
        "rdquo": "”", "laquo": "«", "raquo": "»", "copy": "©", "reg": "®", "trade": "™",
        "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "iacute": "í", "oacute": "ó",
        "uacute": "ú", "ntilde": "ñ", "ouml": "ö", "uuml": "ü", "auml": "ä", "szlig": "ß",
        "ccedil": "ç", "euro": "€", "pound": "£", "yen": "¥", "middot": "·", "bull": "•",
        "times": "×", "deg": "°", "shy": "", "zwj": "\u{200D}", "zwnj": "\u{200C}",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(32).firstIndex(of: ";"),
                let value = reference(after[..<semi])
            {
                out += value
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    /// The text of one reference body (`amp`, `#8217`, `#x2019`), or nil when unknown.
    static func reference(_ body: Substring) -> String? {
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            return scalar(UInt32(body.dropFirst(2), radix: 16))
        }
        if body.hasPrefix("#") { return scalar(UInt32(body.dropFirst(), radix: 10)) }
        return named[String(body)]
    }

    static func scalar(_ value: UInt32?) -> String? {
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else {
            return value == nil ? nil : "\u{FFFD}"
        }
        return String(Character(scalar))
    }
}
