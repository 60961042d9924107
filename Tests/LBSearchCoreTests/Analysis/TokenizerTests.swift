import Foundation
import GRDB
import GRDBSQLite
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// One token as a tokenizer reported it: text, byte offsets in the input, and whether it shares
/// the previous token's position.
struct Token: Equatable, CustomStringConvertible {
    var text: String
    var start: Int
    var end: Int
    var colocated: Bool

    var description: String { "\(text)@\(start)-\(end)\(colocated ? "+" : "")" }
}

/// Runs FTS5 tokenizers by name on a connection where `lbsearch` is registered.
enum Tokens {
    static let queue: DatabaseQueue? = {
        var config = Configuration()
        config.prepareDatabase { db in Tokenizer.register(db) }
        return try? DatabaseQueue(configuration: config)
    }()

    /// The tokens of `text` by the tokenizer `name` (arguments after the first word), in
    /// document mode, or query mode when `query`.
    static func of(_ text: String, tokenizer name: String = Tokenizer.name, query: Bool = false)
        throws -> [Token]
    {
        let queue = try #require(queue)
        return try queue.read { db in
            let api = UnsafeMutablePointer(mutating: FTS5.api(db))
            let words = name.split(separator: " ").map(String.init)
            var context: UnsafeMutableRawPointer?
            var methods = fts5_tokenizer()
            try #require(
                api.pointee.xFindTokenizer?(api, words[0], &context, &methods) == SQLITE_OK)
            var arguments = words.dropFirst().map { strdup($0) }
            defer { for argument in arguments { free(argument) } }
            var instance: OpaquePointer?
            let created = arguments.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { pointers in
                    methods.xCreate?(
                        context, pointers.baseAddress, Int32(pointers.count), &instance)
                }
            }
            try #require(created == SQLITE_OK)
            defer { methods.xDelete?(instance) }
            return run(
                methods, instance, text, flags: query ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT
            )
        }
    }

    static func run(
        _ methods: fts5_tokenizer, _ instance: OpaquePointer?, _ text: String, flags: Int32
    ) -> [Token] {
        final class Sink { var tokens: [Token] = [] }
        let sink = Sink()
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = methods.xTokenize?(
                    instance, Unmanaged.passUnretained(sink).toOpaque(), flags, chars.baseAddress,
                    Int32(chars.count)
                ) {
                    user, tflags, token, length, start, end in
                    guard let user, let token else { return SQLITE_OK }
                    let text = String(
                        decoding: UnsafeRawBufferPointer(start: token, count: Int(length)),
                        as: UTF8.self)
                    let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
                    sink.tokens.append(
                        Token(
                            text: text, start: Int(start), end: Int(end),
                            colocated: tflags & FTS5_TOKEN_COLOCATED != 0))
                    return SQLITE_OK
                }
            }
        }
        return sink.tokens
    }

    /// Token texts, with a `+` on colocated ones.
    static func texts(_ text: String, query: Bool = false) throws -> [String] {
        try of(text, query: query).map { $0.text + ($0.colocated ? "+" : "") }
    }
}

struct TokenizerTests {
    @Test(arguments: [
        ("新作アニメの放送", ["新作", "作ア", "アニ", "ニメ", "メの", "の放", "放送", "送+"]),
        ("猫", ["猫"]),
        ("猫と犬", ["猫と", "と犬", "犬+"]),
        ("AIアート", ["ai", "アー", "ート", "ト+"]),
        ("アートAI", ["アー", "ート", "ト+", "ai"]),
        ("ＡＩ ｱﾆﾒ", ["ai", "アニ", "ニメ", "メ+"]),
        ("ｶﾞｯﾂ", ["ガッ", "ッツ", "ツ+"]),
        ("ﾊﾟﾝ", ["パン", "ン+"]),
        ("２０２５年", ["2025", "年"]),
        ("한국어 검색", ["한국", "국어", "어+", "검색", "색+"]),
        ("東京、大阪。", ["東京", "京+", "大阪", "阪+"]),
        ("𠮷野家", ["𠮷野", "野家", "家+"]),
        ("日々の生活", ["日々", "々の", "の生", "生活", "活+"]),
        ("スーパー・マリオ", ["スー", "ーパ", "パー", "ー+", "マリ", "リオ", "オ+"]),
        ("Running cafés", ["run", "cafe"]),
    ])
    func documentTokens(text: String, expected: [String]) throws {
        #expect(try Tokens.texts(text) == expected)
    }

    @Test(arguments: [
        ("漫画家", ["漫画", "画家"]),
        ("猫", ["猫"]),
        ("AIアート", ["ai", "アー", "ート"]),
        ("ｱﾆﾒ", ["アニ", "ニメ"]),
    ])
    func queryTokensLeaveOutTheRunsLastCharacter(text: String, expected: [String]) throws {
        #expect(try Tokens.texts(text, query: true) == expected)
    }

    /// Lucene's assertTokenStreamContents checks, for any text: offsets in order and inside the
    /// text, on character boundaries, and each token is the folded text it points at.
    @Test(arguments: [
        "新作アニメの放送が始まる。", "ＡＩとｱﾆﾒとｶﾞｯﾂ、ﾎﾟｯﾌﾟ", "漫画家 manga-ka and 漫画", "한국어 텍스트와 日本語 mixed",
        "　全角スペース　と　ＡＢＣ１２３！", "ﾞ starts with a sound mark ﾟ", "end with kanji 終", "😀 emoji 絵文字 😀",
    ])
    func offsetsPointAtWhatTheTokenSays(text: String) throws {
        try checkInvariants(text)
    }

    /// The same checks over random mixes of every kind of character the tokenizer treats
    /// apart (`SplitMix` from the test seed, so every run tests the same strings).
    @Test func invariantsHoldForRandomMixedText() throws {
        let pieces = [
            "ｱ", "ﾞ", "ﾟ", "ｶ", "ﾊ", "ｰ", "Ａ", "１", "　", "ア", "ー", "漫", "画", "々", "の", "한", "ᄀ",
            "ㄱ", "𠮷", "、", "。",
            "「", "・", "a", "Z", "9", " ", "-", "é", "e\u{301}", "😀", "\u{FFFD}", "ﾡ", "￥", "ｷﾞｬ",
        ]
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<24 { text += pieces.randomElement(using: &generator) ?? "" }
            try checkInvariants(text, context: "seed \(seed): ")
        }
    }

    /// Checks the tokens of `text`; `context` starts every failure's message (the seed).
    func checkInvariants(_ text: String, context: String = "") throws {
        let bytes = Array(text.utf8)
        let tokens = try Tokens.of(text)
        #expect(tokens.first?.colocated != true, "\(context)\(text)")
        var previousStart = 0
        for token in tokens {
            #expect(
                0 <= token.start && token.start < token.end && token.end <= bytes.count,
                "\(context)\(token)")
            #expect(
                token.start >= previousStart, "\(context)\(token) starts before the one before it")
            previousStart = token.start
            let source = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            #expect(!source.contains("\u{FFFD}"), "\(context)\(token) cuts a character")
            if CJKText.containsCJK(token.text) {
                #expect(
                    CJKText.folded(source) == token.text,
                    "\(context)\(token) is not the folded text \(source)")
            }
        }
    }

    /// English goes through the fast path untouched: the same tokens and offsets as the
    /// tokenizer of earlier indexes, so English ranking and highlights cannot change.
    @Test(arguments: [
        "The running dogs’ cafés — naïve “quotes” and AI-art, C++ 3.14 e.g. ﬁ",
        "Ünïcödé Straße résumé Ελληνικά русский",
    ])
    func textWithoutCJKTokenizesAsBefore(text: String) throws {
        #expect(try Tokens.of(text) == Tokens.of(text, tokenizer: Schema.legacyTokenizer))
    }

    /// Latin text between CJK runs is tokenized as before, its offsets moved to where it stands.
    @Test func latinBetweenCJKKeepsItsTokensAtTheirOffsets() throws {
        let latin = "running cafés"
        let tokens = try Tokens.of("映画" + latin + "映画").filter { !CJKText.containsCJK($0.text) }
        let alone = try Tokens.of(latin, tokenizer: Schema.legacyTokenizer)
        let shift = "映画".utf8.count
        #expect(
            tokens
                == alone.map {
                    Token(
                        text: $0.text, start: $0.start + shift, end: $0.end + shift,
                        colocated: false)
                })
    }
}

struct WidthFoldingTests {
    /// Every form of the Halfwidth and Fullwidth Forms block folds as NFKC folds it, except
    /// where NFKC goes a step further than the form's own decomposition: half-width Hangul
    /// letters fold to the compatibility jamo people type (`ㅋ`, not conjoining `ᄏ`), and `￣`
    /// to `¯` (not a space and a combining macron).
    @Test func foldsLikeNFKCOverTheWholeBlock() {
        for value in UInt32(0xFF01)...0xFFEE
        where !(0xFFA0...0xFFDC).contains(value) && value != 0xFFE3 {
            guard let scalar = Unicode.Scalar(value),
                scalar.properties.generalCategory != .unassigned
            else { continue }
            let text = String(scalar)
            #expect(
                CJKText.folded(text) == text.precomposedStringWithCompatibilityMapping,
                "U+\(String(value, radix: 16))")
        }
    }

    /// Half-width katakana followed by a sound mark compose into one character, as NFKC does.
    @Test func halfWidthSoundMarksCompose() {
        for value in UInt32(0xFF66)...0xFF9D {
            guard let kana = Unicode.Scalar(value) else { continue }
            for mark in ["\u{FF9E}", "\u{FF9F}"] {
                let text = String(kana) + mark
                #expect(
                    CJKText.folded(text) == text.precomposedStringWithCompatibilityMapping,
                    "\(text)")
            }
        }
    }

    @Test(arguments: [
        ("ＡＩアート", "AIアート"), ("ｱﾆﾒ", "アニメ"), ("ｶﾞﾝﾀﾞﾑ", "ガンダム"), ("１２３", "123"), ("plain", "plain"),
        ("日本　語", "日本 語"), ("ﾍﾝｸﾞﾙ ￡", "ヘングル £"), ("\u{FFA1}\u{FFC2}", "ㄱㅏ"),
    ])
    func foldsText(text: String, expected: String) {
        #expect(CJKText.folded(text) == expected)
    }
}
