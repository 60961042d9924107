/// A quick, conservative test for text that Unicode normalization form C would leave as it is.
///
/// The costly normalization then runs only where it can matter. NFC changes text only around
/// combining marks, conjoining Hangul jamo, and the scalars that NFC never keeps ("singletons" such
/// as U+212B ANGSTROM SIGN and the CJK compatibility ideographs, Unicode Standard Annex #15,
/// section 9). Anything else — most text in any script — is left alone. The test may answer "may
/// change" for text that is in fact NFC; it never answers "unchanged" for text that is not.
enum NFC {
    /// True when NFC may change `text` (see the type).
    static func mayChange(_ text: String) -> Bool {
        scan(text).mayChange
    }

    /// One pass over `text`: whether NFC may change it, and whether it holds a highlight
    /// marker (`HighlightMarker`), which NFC neither makes nor removes.
    static func scan(_ text: String) -> (mayChange: Bool, hasMarker: Bool) {
        var text = text
        return text.withUTF8(scan)
    }

    /// `scan(_:)` over valid UTF-8: ASCII is skipped eight bytes at a time and two-byte
    /// sequences below U+0300 unread; only the other scalars are decoded and tested.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (mayChange: Bool, hasMarker: Bool) {
        var found = (mayChange: false, hasMarker: false)
        var index = UTF8Scan.firstNonASCII(bytes)
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            // A lead byte below 0xCC starts a scalar below U+0300.
            if lead >= 0xCC, index + length <= bytes.count {
                let value = Fingerprinter.decode(bytes, at: index).0
                if value == HighlightMarker.open.value || value == HighlightMarker.close.value {
                    found.hasMarker = true
                } else if !found.mayChange, let scalar = Unicode.Scalar(value) {
                    found.mayChange = mayChange(scalar)
                }
                if found.mayChange, found.hasMarker { break }
            }
            index = UTF8Scan.firstNonASCII(bytes, from: index + length)
        }
        return found
    }

    /// `text` in NFC, as `precomposedStringWithCanonicalMapping` makes it, with only the parts
    /// that may change given to it.
    ///
    /// An ASCII scalar is a normalization boundary (UAX #15, section 9.1: combining class 0,
    /// NFC_Quick_Check=Yes, and never the second scalar of a composition), so NFC of the text is
    /// NFC of its pieces cut before each ASCII scalar. Each run of other scalars is given with
    /// the ASCII scalar before it (which a mark after it may compose with) when it holds a
    /// scalar that may change (`mayChange`); the rest is copied. Foundation reads each text it
    /// normalizes as UTF-16 and back: a long article with one accent took it whole.
    static func normalized(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            var copied = 0
            var index = UTF8Scan.firstNonASCII(bytes)
            while index < bytes.count {
                let run = index
                let (end, changes) = nonASCIIRun(bytes, from: run)
                if changes {
                    let start = max(run - 1, copied)
                    output.reserveCapacity(bytes.count + 16)
                    output += UnsafeBufferPointer(rebasing: bytes[copied..<start])
                    let piece = String(
                        decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                    output += piece.precomposedStringWithCanonicalMapping.utf8
                    copied = end
                }
                index = UTF8Scan.firstNonASCII(bytes, from: end)
            }
            guard copied > 0 else { return String(decoding: bytes, as: UTF8.self) }
            output += UnsafeBufferPointer(rebasing: bytes[copied...])
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The end of the run of non-ASCII scalars at `start`, and whether NFC may change one of
    /// them (the test of `scan`).
    static func nonASCIIRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Bool) {
        var index = start
        var changes = false
        while index < bytes.count, bytes[index] >= 0x80 {
            let lead = bytes[index]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            if !changes, lead >= 0xCC, index + length <= bytes.count,
                let scalar = Unicode.Scalar(Fingerprinter.decode(bytes, at: index).0)
            {
                changes = mayChange(scalar)
            }
            index += length
        }
        return (min(index, bytes.count), changes)
    }

    static func mayChange(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x300 { return false }
        switch value {
        // Most of CJK text, none of it a mark, none changed by NFC: CJK punctuation (before the
        // tone marks U+302A..), kana (not the sound marks U+3099, U+309A), ideographs, Hangul
        // syllables, full-width ASCII. Decided here, without the general category's table.
        case 0x3000...0x3029, 0x3041...0x3098, 0x309B...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xAC00...0xD7A3,
            0xFF01...0xFF5E:
            return false
        // General Punctuation after its two singletons (quotes, dashes, spaces): no marks.
        case 0x2002...0x206F:
            return false
        case 0x0340...0x0344, 0x0374, 0x037E, 0x0387, 0x0958...0x095F, 0x09DC...0x09DF, 0x0A33,
            0x0A36,
            0x0A59...0x0A5E, 0x0B5C...0x0B5D, 0x0F43...0x0FB9, 0x1100...0x11FF, 0x1F00...0x1FFF,
            0x2000...0x2001, 0x2126, 0x212A...0x212B, 0x2329...0x232A, 0x2ADC, 0xA960...0xA97F,
            0xD7B0...0xD7FF, 0xF900...0xFAFF, 0xFB1D...0xFB4E, 0x1D15E...0x1D1C0, 0x2F800...0x2FA1D:
            return true
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
