import GRDB

/// Reading the index's vocabulary for the suggester at a cost that does not grow with it.
///
/// `documents_vocab` ('row') counts every term's documents as it steps, so a scan of all terms
/// with a first letter reads the document lists of `the` and `that` (a second at a million
/// documents). The 'instance' table steps one occurrence at a time: a seek to the first term at
/// or after a key reads one entry, so the walk seeks from term to term, and skips at once every
/// term under a beginning already too far from the word (as a Levenshtein automaton does).
/// Documents are then counted only for the few terms near the word, up to `countCap`.
extension Suggester {
    /// The temporary 'instance' vocabulary table, one per connection.
    static let instanceTable = "temp.documents_vocab_instance"
    /// Seeks made per first letter at most; a walk stopped there has read the terms before.
    static let seeksAllowed = 100_000
    /// Documents counted per term at most: a commoner term counts as this many.
    static let countCap = 50_000

    /// Creates the connection's temporary vocabulary table (nothing is written to the index).
    static func registerVocabulary(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE IF NOT EXISTS \(instanceTable)
                USING fts5vocab(main, documents_fts, instance)
                """)
    }

    /// The terms starting with `initial`, of a length near `word`'s, that some edit within
    /// `maxDistance` of the word or its beginning may reach, in term order.
    func vocabulary(
        startingWith initial: Character, near word: [Character], _ db: Database,
        seeks: Int = seeksAllowed
    ) throws -> [String] {
        let lengths = max(1, word.count - Self.maxDistance - 2)...(word.count + Self.maxDistance)
        let end = String(initial) + "\u{10FFFF}"
        var from = String(initial)
        var terms: [String] = []
        for _ in 0..<seeks {
            guard let term = try nextTerm(from: from, before: end, db) else { break }
            let letters = Array(term)
            if let depth = EditDistance.hopelessDepth(word, letters, limit: Self.maxDistance) {
                // No term starting with these letters is near: skip past all of them.
                from = String(letters.prefix(depth)) + "\u{10FFFF}"
            } else {
                if lengths.contains(term.unicodeScalars.count) { terms.append(term) }
                from = term + "\u{1}"
            }
        }
        return terms
    }

    /// The first term at or after `from` and before `end`, by one seek.
    ///
    /// The statement is the connection's cached one: a walk makes thousands of seeks, and
    /// preparing each again (with GRDB's authorizer and FTS5's `xBestIndex`) cost more than
    /// the seek.
    func nextTerm(from: String, before end: String, _ db: Database) throws -> String? {
        let statement = try db.cachedStatement(
            sql: "SELECT term FROM \(Self.instanceTable) WHERE term >= ? AND term < ? LIMIT 1")
        return try String.fetchOne(statement, arguments: [from, end])
    }

    /// The number of documents with `term`, counted up to `countCap`: a common term's stored
    /// count (`knownCounts`) is taken as it is, capped alike, where stepping through its
    /// occurrences would read tens of thousands of them (`be`, in 912,597 of a million
    /// documents, took 16 ms to step 200,000).
    func documentCount(of term: String, _ db: Database) throws -> Int {
        if let known = knownCounts[term] { return min(known, Self.countCap) }
        let documents = try Int.fetchCursor(
            db.cachedStatement(sql: "SELECT doc FROM \(Self.instanceTable) WHERE term = ?"),
            arguments: [term])
        var count = 0
        var last: Int?
        while count < Self.countCap, let document = try documents.next() {
            if document != last { (count, last) = (count + 1, document) }
        }
        return count
    }
}

extension EditDistance {
    /// The number of letters of `term` after which no ending brings it within `limit` of
    /// `word` or of any beginning of it, or nil when every beginning of `term` may.
    static func hopelessDepth(_ word: [Character], _ term: [Character], limit: Int) -> Int? {
        var previous2 = [Int](repeating: 0, count: word.count + 1)
        var previous = Array(0...word.count)
        var current = [Int](repeating: 0, count: word.count + 1)
        for i in term.indices {
            current[0] = i + 1
            var rowMin = current[0]
            for j in word.indices {
                let cost = term[i] == word[j] ? 0 : 1
                var value = min(previous[j + 1] + 1, current[j] + 1, previous[j] + cost)
                if i > 0, j > 0, term[i] == word[j - 1], term[i - 1] == word[j] {
                    value = min(value, previous2[j - 1] + 1)
                }
                current[j + 1] = value
                rowMin = min(rowMin, value)
            }
            if rowMin > limit { return i + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return nil
    }
}
