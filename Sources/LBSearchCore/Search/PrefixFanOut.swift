import GRDB

/// Bounds how many indexed words the prefixes of a query stand for.
///
/// FTS5 expands `anim*` to
/// every indexed term that starts with "anim" and merges their document lists before it
/// returns a first row (FTS5 documentation, section 3.4 "FTS5 Prefix Queries"); that merge
/// cannot be interrupted, so its size is bounded before the query runs. A prefix over the
/// bounds (`a*` over a large vocabulary) is searched as the plain word, and reported.
///
/// The terms are counted in the `documents_vocab` table over the range the prefix covers,
/// reading no further than the bound.
struct PrefixFanOut {
    /// Most indexed terms one prefix may stand for.
    static let maxTerms = 2_000
    /// Most terms, and most document entries, all prefixes of one query may stand for.
    static let maxTotalTerms = 4_000
    static let maxTotalPostings = 150_000

    var terms = 0
    var postings = 0
    /// The prefixes searched as plain words, as typed (`a*`).
    var narrowed: [String] = []

    /// `query` with its over-broad prefixes made plain words.
    mutating func bounded(_ query: Query, _ db: Database) throws -> Query {
        guard let root = query.root, Self.hasPrefix(root),
            let anchor = try Int64.fetchOne(db, sql: "SELECT id FROM documents LIMIT 1")
        else {
            return query
        }
        var copy = query
        copy.root = try bounded(root, anchor: anchor, db)
        return copy
    }

    /// At least as many rows as `query` (as `bounded` made it) matches, when it is one prefix
    /// and nothing else: the document counts of the terms the prefix stands for, summed.
    func rowBound(_ query: Query) -> Int? {
        guard case .text(_, _, true, _) = query.root, narrowed.isEmpty, terms > 0 else {
            return nil
        }
        return postings
    }

    static func hasPrefix(_ node: QueryNode) -> Bool {
        switch node {
        case .text(_, _, let prefix, _): return prefix
        case .and(let children), .or(let children): return children.contains(where: hasPrefix)
        case .not(let child): return hasPrefix(child)
        }
    }

    mutating func bounded(_ node: QueryNode, anchor: Int64, _ db: Database) throws -> QueryNode {
        switch node {
        case .text(let text, let phrase, true, let titleOnly):
            guard try !fits(text, anchor: anchor, db) else { return node }
            narrowed.append(text + "*")
            return .text(text, phrase: phrase, prefix: false, titleOnly: titleOnly)
        case .text: return node
        case .and(let children):
            return .and(try children.map { try bounded($0, anchor: anchor, db) })
        case .or(let children): return .or(try children.map { try bounded($0, anchor: anchor, db) })
        case .not(let child): return .not(try bounded(child, anchor: anchor, db))
        }
    }

    /// True when the prefix `text` stays within the bounds (and counts what it read against them).
    mutating func fits(_ text: String, anchor: Int64, _ db: Database) throws -> Bool {
        // The prefix as the index's tokenizer makes it (folded, stemmed); the last token is
        // the one FTS5 expands.
        guard let term = try RankingFunctions.tokens(of: text, row: anchor, db).last else {
            return true
        }
        let termLimit = min(Self.maxTerms, Self.maxTotalTerms - terms)
        let postingLimit = Self.maxTotalPostings - postings
        let cursor = try Int.fetchCursor(
            db, sql: "SELECT doc FROM documents_vocab WHERE term >= ? AND term < ?",
            arguments: [term, term + "\u{10FFFF}"])
        var (count, entries) = (0, 0)
        // What was read counts against the query's bound even when the prefix is refused, so
        // 256 broad prefixes cannot each read the most one may.
        defer { (terms, postings) = (terms + count, postings + entries) }
        while let documents = try cursor.next() {
            count += 1
            entries += documents
            if count > termLimit || entries > postingLimit { return false }
        }
        return true
    }
}
