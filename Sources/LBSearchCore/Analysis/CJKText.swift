import CLBSearchTokenizer

/// The tokenizer's CJK rules as Swift sees them: width folding and what forms a CJK run.
///
/// CJK runs are indexed as overlapping bigrams. The rules live once, in C.
public enum CJKText {
    /// True when `scalar` (already folded) belongs to a CJK run.
    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        lbsearch_is_cjk(scalar.value) != 0
    }

    /// True when `text` holds a CJK character (after folding).
    public static func containsCJK(_ text: String) -> Bool {
        folded(text).unicodeScalars.contains(where: isCJK)
    }

    /// `text` with full-width and half-width forms folded (`ＡＩ` → `AI`, `ｶﾞ` → `ガ`).
    public static func folded(_ text: String) -> String {
        var text = text
        // Only scalars from U+3000 (lead byte 0xE3) up are folded.
        guard text.withUTF8({ UTF8Scan.contains($0, atLeast: 0xE3) }) else { return text }
        var bytes = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: bytes.count)
        let length = bytes.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                input.withMemoryRebound(to: CChar.self) { source in
                    out.withMemoryRebound(to: CChar.self) { target in
                        lbsearch_fold(source.baseAddress, source.count, target.baseAddress, nil)
                    }
                }
            }
        }
        bytes = Array(output[..<length])
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Token positions a query text spans in the index, for proximity.
    ///
    /// 1 without CJK (as every word and phrase always counted), else one per CJK character plus
    /// one per other word, since overlapping bigrams take one position per character.
    public static func positions(_ text: String) -> Int {
        let scalars = Array(folded(text).unicodeScalars)
        guard scalars.contains(where: isCJK) else { return 1 }
        var count = 0
        for (index, scalar) in scalars.enumerated() where QueryParser.isTokenScalar(scalar) {
            let startsWord =
                index == 0 || !QueryParser.isTokenScalar(scalars[index - 1])
                || isCJK(scalars[index - 1])
            if isCJK(scalar) || startsWord { count += 1 }
        }
        return max(1, count)
    }

    /// True when the last CJK run of `text` (after folding) is one character that ends the text.
    ///
    /// Such a query word is indexed inside bigrams, so it must match as a prefix.
    public static func endsWithSingleCharacterRun(_ text: String) -> Bool {
        let scalars = Array(
            folded(text).unicodeScalars.reversed().drop { !QueryParser.isTokenScalar($0) })
        guard let last = scalars.first, isCJK(last) else { return false }
        return scalars.count == 1 || !isCJK(scalars[1])
    }
}
