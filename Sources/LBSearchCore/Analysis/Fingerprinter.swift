/// Computes a document's `TextFingerprint` from its title and body.
///
/// The text is width-folded (`CJKText.folded`), lower-cased and cut into tokens: runs of
/// letters and digits, and each CJK character alone (so Japanese, written without spaces, is
/// shingled by characters). Everything else (white space, punctuation, symbols) only separates
/// tokens. The exact key hashes the token sequence; the near fingerprint is a SimHash over
/// every run of `shingleWidth` consecutive tokens (Charikar 2002; Manku, Jain and Das Sarma,
/// "Detecting near-duplicates for web crawling", WWW 2007, who use 64-bit SimHash for
/// exactly this).
public enum Fingerprinter {
    /// Tokens per shingle: 3 words keep the order of a sentence, so two stories on one topic
    /// share few shingles while an edited copy keeps most of them (chosen by
    /// `scripts/bench-dedup`).
    static let shingleWidth = 3
    /// A body with fewer tokens is keyed with its title, and gets no near fingerprint: two
    /// different stories can share a short body ("Photo: Reuters"), and a SimHash of a handful
    /// of shingles moves by many bits for one word changed.
    static let minimumBodyTokens = 20

    /// The fingerprint of a document with this title and body.
    public static func fingerprint(title: String, body: String) -> TextFingerprint {
        var state = State()
        feed(body, into: &state)
        guard state.tokens >= minimumBodyTokens else {
            var keyed = State()
            feed(title, into: &keyed)
            feed(body, into: &keyed)
            return TextFingerprint(exact: keyed.exact, near: nil)
        }
        return TextFingerprint(exact: state.exact, near: state.simHash)
    }

    /// Feeds the tokens of `text` to `state`.
    static func feed(_ text: String, into state: inout State) {
        var folded = CJKText.folded(text)
        let done = folded.withUTF8 { bytes -> Bool in
            feed(bytes, into: &state)
            return true
        }
        if !done { feed(scalars: folded.unicodeScalars, into: &state) }
    }

    /// Feeds the tokens of UTF-8 `bytes` (valid, as a String's) to `state`: ASCII byte by
    /// byte, the rest decoded to scalars.
    static func feed(_ bytes: UnsafeBufferPointer<UInt8>, into state: inout State) {
        var token = Hash()
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                if let folded = asciiTokenValue(UInt32(byte)) {
                    token.add(folded)
                } else {
                    state.end(&token)
                }
                continue
            }
            let (value, length) = decode(bytes, at: index)
            index += length
            guard let scalar = Unicode.Scalar(value) else { continue }
            feed(scalar, &token, &state)
        }
        state.end(&token)
    }

    /// Feeds `scalars` one by one (a string without contiguous UTF-8).
    static func feed(scalars: String.UnicodeScalarView, into state: inout State) {
        var token = Hash()
        for scalar in scalars {
            if let folded = scalar.isASCII ? asciiTokenValue(scalar.value) : nil {
                token.add(folded)
            } else if scalar.isASCII {
                state.end(&token)
            } else {
                feed(scalar, &token, &state)
            }
        }
        state.end(&token)
    }

    /// One scalar outside ASCII: a CJK character is a token alone, a letter, mark or digit
    /// joins the token (lower-cased), anything else ends it.
    static func feed(_ scalar: Unicode.Scalar, _ token: inout Hash, _ state: inout State) {
        if CJKText.isCJK(scalar) {
            state.end(&token)
            token.add(scalar.value)
            state.end(&token)
        } else if isWordScalar(scalar) {
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                token.add(lower.value)
            }
        } else {
            state.end(&token)
        }
    }

    /// The scalar value of the multi-byte UTF-8 sequence at `index`, and its length.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count else { return (0xFFFD, 1) }
        var value = lead & (0x7F >> UInt32(length))
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (value, length)
    }

    /// The lower-case value of an ASCII letter or digit; nil for anything else.
    static func asciiTokenValue(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x30...0x39, 0x61...0x7A: return value
        case 0x41...0x5A: return value + 0x20
        default: return nil
        }
    }

    /// True for a letter, mark or digit outside ASCII (part of a word).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
            || properties.generalCategory == .nonspacingMark
    }

    /// FNV-1a, 64 bits, over scalar values.
    struct Hash {
        static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
        static let prime: UInt64 = 0x100_0000_01b3
        var value = Hash.offset
        var isEmpty = true

        mutating func add(_ scalar: UInt32) {
            value = (value ^ UInt64(scalar)) &* Self.prime
            isEmpty = false
        }

        mutating func add64(_ word: UInt64) {
            value = (value ^ word) &* Self.prime
            isEmpty = false
        }
    }

    /// The running exact key, the last tokens and the SimHash's bit counters.
    struct State {
        var key = Hash()
        var tokens = 0
        var recent: (UInt64, UInt64) = (0, 0)
        /// Bit `8 · i + j` of the shingle hashes is counted in lane `j` of `counters[i]`.
        var counters = [SIMD8<Int32>](repeating: .zero, count: 8)
        var shingles = 0

        /// The exact key: the token hashes in order, and how many there were.
        var exact: UInt64 {
            var final = key
            final.add64(UInt64(tokens))
            return final.value
        }

        /// The SimHash: bit `i` set when more shingles have it set than not.
        var simHash: UInt64 {
            var bits: UInt64 = 0
            for bit in 0..<64 where counters[bit / 8][bit % 8] > 0 { bits |= 1 << UInt64(bit) }
            return bits
        }

        /// Ends the token being read (if any): it joins the key and closes a shingle.
        mutating func end(_ token: inout Hash) {
            guard !token.isEmpty else { return }
            let hash = token.value
            token = Hash()
            key.add64(hash)
            tokens += 1
            if tokens >= Fingerprinter.shingleWidth {
                count(Fingerprinter.mixed(recent.0, recent.1, hash))
            }
            recent = (recent.1, hash)
        }

        /// Adds one shingle's hash to the bit counters, a byte (eight lanes) at a time.
        mutating func count(_ shingle: UInt64) {
            shingles += 1
            let table = Fingerprinter.byteVotes
            counters.withUnsafeMutableBufferPointer { counts in
                for byte in 0..<8 {
                    counts[byte] &+=
                        table[Int(truncatingIfNeeded: shingle >> (8 * UInt64(byte))) & 0xFF]
                }
            }
        }
    }

    /// For each byte value, its eight bits as votes: +1 for a set bit, -1 for a clear one.
    static let byteVotes: [SIMD8<Int32>] = (0..<256).map { value in
        var votes = SIMD8<Int32>()
        for bit in 0..<8 { votes[bit] = value >> bit & 1 == 1 ? 1 : -1 }
        return votes
    }

    /// One well-mixed hash of three token hashes, in order (SplitMix64's finalizer).
    static func mixed(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        var z = a &* 0x9E37_79B9_7F4A_7C15 ^ (b &* 0xC2B2_AE3D_27D4_EB4F) ^ c
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
