import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The suggester's walk over the vocabulary finds what a scan of every term finds, by seeks
/// that skip the terms too far from the word.
struct VocabularyWalkTests {
    /// Words with shared beginnings, so that the walk both skips and steps.
    static let words = [
        "status", "starts", "state", "statue", "station", "stats", "stay", "stew", "the", "then",
        "there", "these", "theatre", "that", "tamale", "tamarind", "timber", "index", "indie",
        "indicate", "inside", "plan", "plat", "plant", "planet", "model", "modal", "mode",
        "achieved", "achieve", "acheron", "status", "state", "the", "the", "that",
    ]

    static func store() throws -> (IndexStore, TemporaryFolder) {
        var files: [String: String] = [:]
        for (number, start) in stride(from: 0, to: words.count, by: 6).enumerated() {
            let text = words[start..<min(start + 6, words.count)].joined(separator: " ")
            files["\(number).txt"] = "Doc \(number)\n\n\(text)"
        }
        return try indexedStore(files)
    }

    /// The stems the suggester weighed before the walk: every term with the first letter and a
    /// near length, with its documents, nearest and commonest first.
    static func scanned(_ word: [Character], initial: Character, _ db: Database) throws
        -> [String]
    {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT term, doc FROM documents_vocab
                WHERE term >= ? AND term < ? AND doc > 0 AND length(term) BETWEEN ? AND ?
                """,
            arguments: [
                String(initial), String(initial) + "\u{10FFFF}", max(1, word.count - 4),
                word.count + 2,
            ])
        var near: [(term: String, distance: Int, documents: Int)] = []
        for row in rows {
            let term: String = row["term"]
            guard let distance = Suggester.distance(word, Array(term)) else { continue }
            near.append((term, distance, row["doc"]))
        }
        near.sort { ($0.distance, -$0.documents, $0.term) < ($1.distance, -$1.documents, $1.term) }
        return near.prefix(Suggester.stemsWeighed).map(\.term)
    }

    @Test(arguments: [
        "stauts", "statuus", "stat", "teh", "tamcoros", "thier", "indx", "plam", "omdel",
        "acheived", "sttaus", "zzz",
    ])
    func walkWeighsTheStemsAScanWould(typed: String) throws {
        let (store, _) = try Self.store()
        let word = Suggester.folded(typed)
        try store.read { db in
            for initial in Set(word.prefix(2)) {
                let walked = try Suggester().nearStems(word, initial: initial, db).map(\.term)
                #expect(walked == (try Self.scanned(word, initial: initial, db)))
            }
        }
    }

    /// Many terms under a beginning far from the word cost one seek, not one each.
    @Test func farTermsAreSkippedTogether() throws {
        let letters = Array("bcdfghjklm")
        let far = letters.flatMap { a in letters.map { b in "taabb\(a)\(b)ward" } }
        let (store, _) = try indexedStore([
            "far.txt": "Far\n\n" + far.joined(separator: " "), "near.txt": "Near\n\ntamcoro",
        ])
        try store.read { db in
            let walked = try Suggester().vocabulary(
                startingWith: "t", near: Array("tamcoros"), db, seeks: 10)
            #expect(walked == ["tamcoro"])
        }
    }

    @Test func documentsAreCountedAsTheVocabularyCounts() throws {
        let (store, _) = try Self.store()
        try store.read { db in
            for term in ["the", "status", "stat", "tamarind", "nothere"] {
                let counted =
                    try Int.fetchOne(
                        db, sql: "SELECT doc FROM documents_vocab WHERE term = ?",
                        arguments: [term]) ?? 0
                #expect(try Suggester().documentCount(of: term, db) == counted)
            }
        }
    }

    /// A count the index keeps for a common term (`TermCounts`) is taken as it is.
    ///
    /// It is capped as a count by stepping is, and other terms are still stepped through. With
    /// the true counts given, the walk weighs the same stems.
    @Test func keptCountsAreTakenAsTheyAre() throws {
        let (store, _) = try Self.store()
        try store.read { db in
            var suggester = Suggester()
            suggester.knownCounts = ["the": 7, "that": 10_000_000]
            #expect(try suggester.documentCount(of: "the", db) == 7)
            #expect(try suggester.documentCount(of: "that", db) == Suggester.countCap)
            let stepped = try #require(
                try Int.fetchOne(
                    db, sql: "SELECT doc FROM documents_vocab WHERE term = 'plat'"))
            #expect(try suggester.documentCount(of: "plat", db) == stepped)
            let terms = try String.fetchAll(db, sql: "SELECT term FROM documents_vocab")
            for term in terms {
                suggester.knownCounts[term] = try Suggester().documentCount(of: term, db)
            }
            for typed in ["stauts", "teh", "plam", "indx"] {
                let word = Suggester.folded(typed)
                #expect(
                    try suggester.nearStems(word, initial: word[0], db).map(\.term)
                        == (try Suggester().nearStems(word, initial: word[0], db).map(\.term)),
                    "\(typed)")
            }
        }
    }

    /// A beginning is given up only when no ending brings it near the word or its beginning.
    @Test func hopelessDepthAgreesWithTheDistance() {
        let terms = ["status", "stew", "xylophone", "tamarind", "stsat", "sa", "tatus", "ttt"]
        for typed in ["status", "stauts", "sat", "tamcoros"] {
            let word = Array(typed)
            for term in terms.map(Array.init) {
                let depth = EditDistance.hopelessDepth(word, term, limit: 2)
                for length in 1...term.count {
                    let reachable = (0...word.count).contains {
                        EditDistance.bounded(
                            Array(word.prefix($0)), Array(term.prefix(length)),
                            limit: 2) != nil
                    }
                    #expect(reachable == (depth.map { length < $0 } ?? true))
                }
            }
        }
    }
}
