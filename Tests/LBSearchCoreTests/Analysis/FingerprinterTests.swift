import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The exact key ignores case, width, spacing and punctuation; the SimHash of an edited copy
/// stays within the threshold, that of another story on the same topic far outside it.
struct FingerprinterTests {
    static func fingerprint(_ body: String, title: String = "Title") -> TextFingerprint {
        Fingerprinter.fingerprint(title: title, body: body)
    }

    @Test(arguments: [
        ("The HARBOR  bridge, closed!\n\nFerries run.", "the harbor bridge closed ferries run"),
        ("ＡＩ art — “new” rules", "AI art new rules"),
        ("港の橋が閉鎖された。", "港の橋が 閉鎖 された"),
        ("ｶﾞｲﾄﾞ ブック", "ガイドブック"),
        ("Café au lait", "CAFÉ AU LAIT"),
    ])
    func normalizedTextsShareTheExactKey(a: String, b: String) {
        #expect(Self.fingerprint(a).exact == Self.fingerprint(b).exact, "\(a) / \(b)")
    }

    @Test func differentWordsOrOrderMakeDifferentKeys() {
        let base = Self.fingerprint("the harbor bridge closed")
        #expect(base.exact != Self.fingerprint("the harbor bridge opened").exact)
        #expect(base.exact != Self.fingerprint("the bridge harbor closed").exact)
    }

    @Test func aShortBodyIsKeyedWithItsTitleAndHasNoSimHash() {
        let photo = Self.fingerprint("Photo: Reuters", title: "Storm hits the coast")
        let other = Self.fingerprint("Photo: Reuters", title: "Budget passes")
        #expect(photo.exact != other.exact)
        #expect(photo.near == nil)
        let long = SyndicatedCorpus.body(1)
        #expect(
            Self.fingerprint(long, title: "A").exact == Self.fingerprint(long, title: "B").exact)
        #expect(Self.fingerprint(long).near != nil)
    }

    /// Bodies of 200 words (a short news story): a byline added and a sentence cut.
    @Test(arguments: 1...20)
    func anEditedCopyIsNearAndAnotherStoryIsFar(seed: UInt64) throws {
        let body = SyndicatedCorpus.body(seed, words: 200)
        let original = Self.fingerprint(body)
        let copy = Self.fingerprint(SyndicatedCorpus.edited(body, byline: "By Jane Doe, Reuters"))
        let other = Self.fingerprint(SyndicatedCorpus.body(seed + 1000, words: 200))
        let near = try #require(original.distance(to: copy))
        let far = try #require(original.distance(to: other))
        #expect(near <= CopyCollapse.nearThreshold, "seed \(seed): copy \(near) bits apart")
        #expect(far > CopyCollapse.nearThreshold, "seed \(seed): other story \(far) bits apart")
    }

    @Test func japaneseCopiesAreNearByCharacters() throws {
        let body =
            String(
                repeating: "港の橋は修理のため来週から閉鎖される予定で、市はフェリーの増便を決めた。", count: 1)
            + "住民は通勤への影響を心配している。市長は記者会見で工事の日程を説明した。漁業組合も港の利用について協議を始めた。"
        let copy = "【共同】" + body.dropLast(16)
        let original = Self.fingerprint(body)
        let edited = Self.fingerprint(String(copy))
        let other = Self.fingerprint(
            "新しい映画祭が東京で開かれ、多くの監督や俳優が集まった。上映作品は百本を超え、観客は昨年の二倍になった。会場では記者会見も行われた。")
        let near = try #require(original.distance(to: edited))
        let far = try #require(original.distance(to: other))
        #expect(near <= CopyCollapse.nearThreshold, "\(near)")
        #expect(far > CopyCollapse.nearThreshold, "\(far)")
    }
}
