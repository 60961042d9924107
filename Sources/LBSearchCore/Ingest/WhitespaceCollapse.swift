/// Text cut into lines with its white space collapsed, as the HTML extractor renders it.
///
/// The rule is the one written over `Character`s (`byCharacters`): split at line feeds (a
/// `"\r\n"` cluster is not one, it is white space), each run of white space one space, no
/// space at either end of a line, empty lines dropped. `lines` computes the same over UTF-8
/// bytes, about ten times faster; where grapheme clusters would make the two differ (a white
/// space scalar clustered with the scalar after it, such as a combining mark, or with a
/// Prepend scalar before it) it returns nil and the caller uses `byCharacters`.
enum WhitespaceCollapse {
    /// The collapsed lines of `text`, joined by line feeds: `byCharacters`' result.
    static func lines(_ text: String) -> String {
        var copy = text
        let fast = copy.withUTF8 { collapsed($0) }
        return fast.map { String(decoding: $0, as: UTF8.self) } ?? byCharacters(text)
    }

    /// The rule over `Character`s: the reference that `lines` must equal.
    static func byCharacters(_ text: String) -> String {
        text.split(separator: "\n").map { line in
            line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The collapsed lines of the UTF-8 `bytes`; nil when clusters could change the result.
    static func collapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var lineStart = 0
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : scalarLength(byte)
            switch kind(bytes, index, length) {
            case .lineFeed:
                if output.count > lineStart {
                    output.append(0x0A)
                    lineStart = output.count
                }
                pendingSpace = false
            case .space:
                guard !joinsNeighbour(bytes, index, length) else { return nil }
                pendingSpace = true
            case .text:
                if pendingSpace, output.count > lineStart { output.append(0x20) }
                pendingSpace = false
                output.append(
                    contentsOf: UnsafeBufferPointer(
                        rebasing: bytes[index..<min(index + length, bytes.count)]))
            }
            index += length
        }
        if output.last == 0x0A { output.removeLast() }
        return output
    }

    /// What the scalar at `index` is to the rule.
    enum Kind {
        case lineFeed, space, text
    }

    static func kind(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ length: Int) -> Kind {
        let byte = bytes[index]
        switch byte {
        case 0x0A: return index > 0 && bytes[index - 1] == 0x0D ? .space : .lineFeed
        case 0x09...0x0D, 0x20: return .space
        case 0xC2, 0xE1, 0xE2, 0xE3:
            guard let scalar = scalar(bytes, index, length) else { return .text }
            return scalar.properties.isWhitespace ? .space : .text
        default: return .text
        }
    }

    /// True when the white space scalar at `index` could share a cluster with a neighbour.
    ///
    /// Unicode UAX #29 rules GB9, GB9a and GB9b join it to a mark or joiner after it or a
    /// Prepend scalar before it; control characters never join (GB4, GB5). Conservative: a
    /// false alarm only costs the slower path.
    static func joinsNeighbour(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ length: Int)
        -> Bool
    {
        let byte = bytes[index]
        if (0x09...0x0D).contains(byte) { return false }
        if let scalar = scalar(bytes, index, length),
            scalar.value == 0x85 || scalar.value == 0x2028
                || scalar.value == 0x2029
        {
            return false
        }
        let next = index + length
        if next < bytes.count, bytes[next] >= 0x80,
            let after = scalar(bytes, next, scalarLength(bytes[next])), extends(after)
        {
            return true
        }
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard start >= 0, bytes[start] >= 0x80,
            let before = scalar(bytes, start, scalarLength(bytes[start]))
        else { return false }
        return mayPrepend(before)
    }

    /// True for a scalar that may extend the cluster before it: Grapheme_Extend, marks,
    /// joiners, emoji modifiers and tags.
    static func extends(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value == 0x200C || value == 0x200D || (0x1F3FB...0x1F3FF).contains(value)
            || (0xE0000...0xE0FFF).contains(value)
        {
            return true
        }
        if scalar.properties.isGraphemeExtend { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// True for a scalar that may be Grapheme_Cluster_Break=Prepend (UAX #29 table 2), with
    /// whole blocks taken where the list is short: Arabic signs, Malayalam, and the Brahmic
    /// scripts of the Supplementary Multilingual Plane.
    static func mayPrepend(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x0D4E, 0x11000...0x11FFF:
            return true
        default:
            return scalar.properties.generalCategory == .format
        }
    }

    /// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
    static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC0...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF7: return 4
        default: return 1
        }
    }

    /// The scalar of the `length` bytes at `index`; nil when they are not whole.
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ length: Int)
        -> Unicode.Scalar?
    {
        guard index + length <= bytes.count else { return nil }
        var value =
            length == 1 ? UInt32(bytes[index]) : UInt32(bytes[index] & (0xFF >> (length + 1)))
        for offset in 1..<max(length, 1) {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return Unicode.Scalar(value)
    }
}
