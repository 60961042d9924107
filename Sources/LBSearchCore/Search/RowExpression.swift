import GRDB

/// A MATCH expression with its prefixes written out for one row: each prefix phrase
/// (`"velbe" *`) as the terms of that row it stands for (`("velberlamgran" OR "velbertri")`).
///
/// FTS5 merges the document lists of every term a prefix stands for before a statement's first
/// row, even when the statement asks for one row id (FTS5 documentation, section 3.4 "FTS5
/// Prefix Queries"): on a large index, a merge of the whole prefix for ten highlighted rows.
/// The written-out expression seeks the short lists of a few terms to the row instead.
///
/// It matches the row at the same positions. A token of the row matches the prefix exactly
/// when its term starts with the prefix's term, byte for byte, and those are the terms listed;
/// a prefix none of the row's terms starts with (one alternative of an `OR`, an exclusion) is
/// its own term, which the row does not have either. So the row's highlights are those the
/// prefix gives.
struct RowExpression {
    /// Most terms one row's expression lists; past it the row is read with the prefixes.
    static let maxTerms = 64

    /// The expression's text around its prefix phrases: `pieces[0]`, the first prefix,
    /// `pieces[1]`, …, the last prefix, `pieces.last`.
    let pieces: [String]
    /// The term each prefix phrase stands for the start of, as the index's tokenizer makes it.
    let prefixes: [String]
    /// The phrase of each term met so far under each prefix (`phrase(for:_:row:_:)`).
    private var readBack: [PrefixedTerm: String?] = [:]

    /// A term of a row and the prefix it was listed under.
    private struct PrefixedTerm: Hashable {
        let term: String
        let prefix: String
    }

    /// The prefixes of `expression`; nil when it has none, or when FTS5 could match the
    /// written-out terms elsewhere than the prefix: a phrase of several terms (a prefix
    /// `"new yor" *` or any other) or a column filter (`title : ...`).
    ///
    /// FTS5 checks positions for those, and then drops the positions of some terms of an
    /// `OR` that it reads with them: for `(("much" OR "mum") AND "rock band") OR "band"`, its
    /// own `highlight()` marks no "mum", where `("mus" * AND "rock band") OR "band"` does.
    ///
    /// `row` is any row of the index (the tokenizer is reached through one).
    init?(_ expression: String, row: Int64, _ db: Database) throws {
        guard let phrases = Self.phrases(expression), phrases.contains(where: \.prefix) else {
            return nil
        }
        var pieces: [String] = []
        var prefixes: [String] = []
        var copied = expression.startIndex
        for (range, text, prefix) in phrases {
            let tokens = try RankingFunctions.tokens(of: text, row: row, db)
            guard tokens.count == 1 else { return nil }
            guard prefix else { continue }
            pieces.append(String(expression[copied..<range.lowerBound]))
            prefixes.append(tokens[0])
            copied = range.upperBound
        }
        pieces.append(String(expression[copied...]))
        self.pieces = pieces
        self.prefixes = prefixes
    }

    /// The expression for row `id`; nil when it is not written out: the row has more than
    /// `maxTerms` such terms, or one that no phrase matches alone (`phrase(for:_:row:_:)`).
    mutating func expression(for id: Int64, _ db: Database) throws -> String? {
        // Every term listed starts with a prefix: more than `maxTerms` of them list too many.
        guard let terms = try Self.rowTerms(id, startingWith: prefixes, db) else { return nil }
        var count = 0
        var written = pieces[0]
        for (index, prefix) in prefixes.enumerated() {
            let starting = terms.filter { $0.utf8.starts(with: prefix.utf8) }.sorted()
            count += max(starting.count, 1)
            guard count <= Self.maxTerms else { return nil }
            var phrases: [String] = []
            for term in starting.isEmpty ? [prefix] : starting {
                guard let phrase = try phrase(for: term, prefix, row: id, db) else { return nil }
                phrases.append(phrase)
            }
            written +=
                phrases.count == 1 ? phrases[0] : "(" + phrases.joined(separator: " OR ") + ")"
            written += pieces[index + 1]
        }
        return written
    }

    /// The phrase that matches `term` of a row, and in that row nothing but terms starting
    /// with `prefix`; nil when there is none.
    ///
    /// FTS5 tokenizes a phrase's text again. A term that comes back as itself is its own
    /// phrase. A stem that stems further (`defiwicksal` is indexed as "defiwicks", which is
    /// read back as "defiwick") is a prefix phrase of what comes back, when the term starts
    /// with it and it starts with `prefix`: it matches the term, and only terms the prefix
    /// matches too. The prefix's own term, for a row without it, must come back as itself.
    mutating func phrase(
        for term: String, _ prefix: String, row: Int64, _ db: Database
    ) throws -> String? {
        let key = PrefixedTerm(term: term, prefix: prefix)
        if let known = readBack[key] { return known }
        let tokens = try RankingFunctions.tokens(of: term, row: row, db)
        var phrase: String?
        if tokens == [term] {
            phrase = MatchExpression.quoted(term)
        } else if tokens.count == 1, term.utf8.starts(with: tokens[0].utf8),
            tokens[0].utf8.starts(with: prefix.utf8)
        {
            phrase = MatchExpression.quoted(term) + " *"
        }
        readBack[key] = .some(phrase)
        return phrase
    }

    /// Every phrase of `expression` (a quoted string, then ` *` for a prefix, as `MatchPlan`
    /// writes it): its range, ` *` included, its text unquoted and whether it is a prefix; nil
    /// when the expression has a column filter (a `:` outside its strings).
    static func phrases(_ expression: String) -> [(Range<String.Index>, String, prefix: Bool)]? {
        let scalars = expression.unicodeScalars
        var found: [(Range<String.Index>, String, prefix: Bool)] = []
        var index = scalars.startIndex
        while index < scalars.endIndex {
            guard scalars[index] == "\"" else {
                if scalars[index] == ":" { return nil }
                index = scalars.index(after: index)
                continue
            }
            let start = index
            var text = String.UnicodeScalarView()
            index = scalars.index(after: index)
            // The string ends at a quote that is not doubled.
            while index < scalars.endIndex {
                let next = scalars.index(after: index)
                if scalars[index] == "\"" {
                    guard next < scalars.endIndex, scalars[next] == "\"" else { break }
                    text.append("\"")
                    index = scalars.index(after: next)
                } else {
                    text.append(scalars[index])
                    index = next
                }
            }
            guard index < scalars.endIndex else { break }
            index = scalars.index(after: index)
            let prefix = scalars[index...].starts(with: " *".unicodeScalars)
            if prefix { index = scalars.index(index, offsetBy: 2) }
            found.append((start..<index, String(text), prefix))
        }
        return found
    }

    /// The distinct terms of row `id`'s title and body that start with one of `prefixes`;
    /// nil when there are more than `maxTerms`.
    static func rowTerms(_ id: Int64, startingWith prefixes: [String], _ db: Database) throws
        -> Set<String>?
    {
        guard
            var tokens = try String.fetchOne(
                db.cachedStatement(
                    sql: "SELECT lbsearch_tokens(documents_fts) FROM documents_fts WHERE rowid = ?"
                ), arguments: [id])
        else { return [] }
        var terms: Set<String> = []
        var more = false
        tokens.withUTF8 { bytes in
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: " ") {
                let token = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                guard prefixes.contains(where: { token.starts(with: $0.utf8) }) else { continue }
                terms.insert(String(decoding: token, as: UTF8.self))
                if terms.count > maxTerms {
                    more = true
                    return
                }
            }
        }
        return more ? nil : terms
    }
}
