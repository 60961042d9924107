import Foundation
import Testing

@testable import LBSearchCore

/// `JSONRecordScanner` against Foundation: every line it takes gives the object and the record
/// that `JSONSerialization` gives, compared scalar by scalar (`String`'s `==` would take two
/// canonically equivalent texts as equal).
@Suite struct JSONRecordScannerTests {
    /// A line, and whether the scanner takes it (else Foundation reads it).
    static let cases: [(String, Bool)] = [
        (#"{"_id":"d1","title":"T","text":"Body","source":"S","url":"u","tags":["a","b"]}"#, true),
        (#"{"_id":12,"text":"x"}"#, true),
        (#"{"_id":-12,"text":"x"}"#, true),
        (#"{"_id":0,"text":"x"}"#, true),
        (#"{"_id":123456789012345678,"text":"x"}"#, true),
        (#"{"_id":1234567890123456789,"text":"x"}"#, false),
        (#"{"_id":-0,"text":"x"}"#, false),
        (#"{"_id":012,"text":"x"}"#, false),
        (#"{"_id":1.5,"text":"x"}"#, false),
        (#"{"_id":1e3,"text":"x"}"#, false),
        (#"{"_id":1E3,"text":"x"}"#, false),
        (#"{"_id":1.,"text":"x"}"#, false),
        (#"{"_id":-,"text":"x"}"#, false),
        (#"{"_id":+1,"text":"x"}"#, false),
        (#"{"_id":"d","text":"a\"b\\c\/d\be\ff\ng\rh\ti"}"#, true),
        (#"{"_id":"d","text":"\u00e9\u00C9\u4e2d\u0041\u0000end"}"#, true),
        (#"{"_id":"d","text":"clef \uD834\uDD1E pair"}"#, true),
        (#"{"_id":"d","text":"lone \uD834 high"}"#, false),
        (#"{"_id":"d","text":"lone \uDD1E low"}"#, false),
        (#"{"_id":"d","text":"high at end \uD834"}"#, false),
        (#"{"_id":"d","text":"bad \x escape"}"#, false),
        (#"{"_id":"d","text":"bad \U0041 escape"}"#, false),
        (#"{"_id":"d","text":"short \u12"}"#, false),
        (#"{"_id":"d","text":"not hex \u12G4"}"#, false),
        ("{\"_id\":\"d\",\"text\":\"raw\ttab\"}", false),
        ("{\"_id\":\"d\",\"text\":\"raw\u{7F}delete and é and 😀\"}", true),
        ("{\"_id\":\"d\",\"text\":\"nul \\u0000 escaped\"}", true),
        ("{\"_id\":\"d\",\"text\":\"nul \u{0} raw\"}", false),
        ("{\"_id\":\"d\",\"text\":\"bad utf8 \u{FFFD}\"}", true),
        (" \t{ \"_id\" : \"d\" ,\r\"text\"\t:\t\"x\" , \"tags\" : [ \"a\" , 1 , null ] } \r", true),
        (#"{"_id":"d","text":"x"} trailing"#, false),
        (#"{"_id":"d","text":"x"}}"#, false),
        (#"{"_id":"d","text":"x",}"#, false),
        (#"{"_id":"d","tags":["a",],"text":"x"}"#, false),
        (#"{}"#, true),
        (#"{ }"#, true),
        (#"{"_id":"d","text":"x","_id":"e"}"#, false),
        (#"{"_id":"d","text":"x","other":{"nested":1}}"#, false),
        (#"{"_id":"d","text":"x","other":[[1]]}"#, false),
        (#"{"_id":"d","text":"x","other":[true,false,null,"s",-3]}"#, true),
        (#"{"_id":"d","text":"x","flag":true,"off":false,"none":null}"#, true),
        (#"{"_id":true,"text":"x"}"#, true),
        (#"{"_id":"d","text":"x","tags":[true,2]}"#, true),
        (#"{"_id":"d","text":null,"title":"T"}"#, true),
        (#"{"_id":"d","text":5,"title":"T"}"#, true),
        (#"{"_id":"d","text":"x","date":20240309}"#, true),
        (#"{"\u005fid":"d","te\u0078t":"escaped keys"}"#, true),
        (#"{"_id":"d","text":"x","nul":nul}"#, false),
        (#"{"_id":"d","text":"x","t":tru}"#, false),
        (#"{"_id":"d","text":"x","t":truex}"#, false),
        (#"{"_id":"d","text":"unterminated}"#, false),
        (#"{"_id":"d","text":"x""#, false),
        (#"{"_id":"d" "text":"x"}"#, false),
        (#"{"_id":"d","text":"x"  "#, false),
        (#"{"_id" "d"}"#, false),
        (#"{_id:"d"}"#, false),
        ("\u{FEFF}{\"_id\":\"d\",\"text\":\"bom\"}", false),
        (#"["_id","d"]"#, false),
        (#""just a string""#, false),
        ("", false),
        ("{\"_id\":\"d\",\"text\":\"x\"}\u{0B}", false),
        ("{\"_id\":\"e\u{301}\",\"text\":\"e\u{301} decomposed\"}", true),
        ("{\"e\u{301}\":1,\"\u{E9}\":2,\"_id\":\"d\",\"text\":\"x\"}", false),
    ]

    @Test(arguments: cases)
    func agreesWithFoundation(line: String, taken: Bool) {
        let data = Data(line.utf8)
        let scanned = JSONLReader.isUTF8(data) ? JSONRecordScanner.object(data) : nil
        #expect((scanned != nil) == taken, "\(line)")
        if let scanned {
            let foundation = JSONSurrogates.json(data) as? [String: Any]
            #expect(foundation.map(Self.rendered) == Self.rendered(scanned), "\(line)")
        }
        #expect(
            Self.rendered(JSONLReader.parse(data, fast: true))
                == Self.rendered(JSONLReader.parse(data, fast: false)), "\(line)")
    }

    @Test func invalidUTF8IsReportedAsBefore() {
        let valid = Data(#"{"_id":"d","text":"x"}"#.utf8)
        for bytes: [UInt8] in [
            [0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        ] {
            var line = valid
            line.insert(contentsOf: bytes, at: 20)
            #expect(JSONLReader.isUTF8(line) == false)
            #expect(
                Self.rendered(JSONLReader.parse(line))
                    == Self.rendered(.failure(SkipReason.invalidEncoding)))
            #expect(
                Self.rendered(JSONLReader.parse(line, fast: false))
                    == Self.rendered(.failure(SkipReason.invalidEncoding)))
        }
        #expect(JSONLReader.isUTF8(Data("é中😀".utf8)))
    }

    @Test func integerIDsAndEscapesGiveTheRecord() throws {
        let line = #"{"_id":12,"title":"A\u00e9\tB","text":"one\ntwo \uD83D\uDE00","tags":["x",3]}"#
        let (id, extracted) = try JSONLReader.parse(Data(line.utf8)).get()
        #expect(id == "12")
        #expect(Array(extracted.title?.unicodeScalars ?? "".unicodeScalars).count == 4)
        #expect(extracted.title == "A\u{E9} B")
        #expect(extracted.body == "one\ntwo \u{1F600}")
        #expect(extracted.tags == ["x", "3"])
    }

    /// A record or skip, written with every scalar's value.
    static func rendered(_ result: Result<(String, Extracted), SkipReason>) -> String {
        switch result {
        case .failure(let reason): return "skip \(reason)"
        case .success(let (id, extracted)):
            let fields =
                [
                    id, extracted.title, extracted.body, extracted.date, extracted.source,
                    extracted.url,
                ] + extracted.tags.map(Optional.some)
            return fields.map { $0.map(scalars) ?? "nil" }.joined(separator: " | ")
        }
    }

    /// An object with its keys in order, each value with its type and scalars.
    static func rendered(_ object: [String: Any]) -> String {
        object.map { (scalars($0.key), rendered(value: $0.value)) }.sorted { $0.0 < $1.0 }
            .map { "\($0.0): \($0.1)" }.joined(separator: ", ")
    }

    static func rendered(value: Any) -> String {
        switch value {
        case let text as String: return "string \(scalars(text))"
        case let number as NSNumber:
            return "number \(number.stringValue) \(String(cString: number.objCType))"
        case is NSNull: return "null"
        case let array as [Any]:
            return "[" + array.map(rendered(value:)).joined(separator: ", ") + "]"
        default: return "other \(type(of: value))"
        }
    }

    static func scalars(_ text: String) -> String {
        text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: ".")
    }
}
