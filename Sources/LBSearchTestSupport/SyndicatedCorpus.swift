import Foundation

/// Files of syndicated news for collapse tests: stories made of generated sentences, copies of
/// some of them as other outlets republish them, and other stories on the same topic.
///
/// Every document mentions "harbor", so one query finds them all. Bodies draw their words
/// from one vocabulary with a seed per story: stories share words but not word order.
public enum SyndicatedCorpus {
    /// The vocabulary bodies are drawn from (one topic: a port city).
    static let vocabulary = """
        harbor council ferry bridge tide dock crane cargo ship captain night storm pier
        lighthouse fishing fleet market city mayor budget repair engineer traffic closure
        workers union strike vote plan report week morning residents plant river north south
        east west new old first last season summer winter water level rail station line
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Story 1 in three outlets (the wire copy, with "harbor" in its title, ranks above the
    /// original; the third is edited), story 2 once, and story 3 with a version that keeps only
    /// its first half (a different story by the threshold).
    public static let files: [String: String] = {
        let one = "harbor " + body(1)
        let three = "harbor " + body(3)
        let half = three.split(separator: ".").prefix(13).joined(separator: ".") + ". "
        return [
            "one-original.md": file(title: "Bridge closes", source: "Harbor Times", body: one),
            "one-wire.md": file(title: "Harbor bridge closes", source: "Reuters", body: one),
            "one-edited.md": file(
                title: "Bridge to close", source: "Metro Wire",
                body: edited(one, byline: "By Jane Doe, Metro Wire")),
            "two.md": file(title: "Ferry plan", source: "Harbor Times", body: "harbor " + body(2)),
            "three.md": file(title: "Council vote", source: "Harbor Times", body: three),
            "three-half.md": file(
                title: "Council vote, then", source: "Coastal Herald",
                body: half + body(33, words: 100)),
        ]
    }()

    /// A body of `words` words (200: a short news story) for story `seed`, in sentences of
    /// eight words.
    public static func body(_ seed: UInt64, words: Int = 200) -> String {
        var generator = SplitMix(seed: seed)
        var sentences: [String] = []
        var sentence: [String] = []
        for _ in 0..<words {
            sentence.append(vocabulary[Int(generator.next() % UInt64(vocabulary.count))])
            if sentence.count == 8 {
                sentences.append(sentence.joined(separator: " ").capitalizedFirst + ".")
                sentence = []
            }
        }
        if !sentence.isEmpty { sentences.append(sentence.joined(separator: " ") + ".") }
        return sentences.joined(separator: " ")
    }

    /// A Markdown file with front matter.
    public static func file(title: String, source: String, body: String) -> String {
        "---\ntitle: \(title)\nsource: \(source)\ndate: 2025-03-01\n---\n\n\(body)\n"
    }

    /// `body` as a wire service republishes it: a byline first and its last sentence cut.
    public static func edited(_ body: String, byline: String) -> String {
        let sentences = body.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) }
        return byline + "\n\n" + sentences.dropLast(2).joined(separator: ". ") + "."
    }
}

extension String {
    /// The string with its first letter in upper case.
    var capitalizedFirst: String {
        prefix(1).uppercased() + dropFirst()
    }
}
