import Foundation
import GRDB

/// For each very common term, the documents where it weighs most: what lets a one-word query
/// over most of the index score a few hundred rows instead of all of them, with the same
/// answer (`TopDocumentsQuery`).
///
/// Stored in `top_documents` ("v11", see `Schema`): per term, the row ids of the `listLength`
/// documents with the largest BM25F pseudo-frequency (`Ranker.pseudoFrequency`: field
/// frequencies, weighted and length normalized) at the field averages of the time, and `cut`,
/// the largest pseudo-frequency of any other document that held the term then. Only counts
/// and lengths enter it, never the collection statistics a score also depends on, so it
/// bounds the documents left out whatever the index holds later: their field lengths and
/// counts are unchanged, and a later average `A'` instead of `A` multiplies a field's share by
/// at most `max(1, A'/A)`. Documents added or changed since (the change log after meta
/// `top_documents_run`) are scored as well. Built at the end of an index run (`refresh`)
/// for the terms of at least `Settings.minShare` of the documents.
struct TopDocuments {
    /// What the lists are built from.
    struct Settings {
        /// Below this many documents no list is kept: scoring every match is fast enough.
        var minDocuments = 20_000
        /// A term gets a list when at least this share of the documents holds it (about
        /// 50,000 rows at a million documents: what `lbsearch_rank` scores in some 100 ms).
        var minShare = 0.05
        /// Documents read to find the terms that may reach `minShare` (those in at least half
        /// that share of the sample are counted exactly).
        var sampleSize = 1_000
        /// Row ids kept per term: enough for the pool of stories of the first pages
        /// (`CopyCollapse.poolSize`).
        var listLength = 1_000
        /// The lists are rebuilt when more documents than this share have changed since.
        var rebuildShare = 0.002
        /// The parameters whose values the pseudo-frequency depends on.
        var parameters = RankingParameters()
    }

    /// One term's list.
    struct List {
        var ids: [Int64]
        var cut: Double
        /// Average length of each field when it was made.
        var averages: [Double]
        /// "titleWeight titleB bodyB" it was made with.
        var parameters: String
    }

    /// "titleWeight titleB bodyB" of `parameters`: a list made with others cannot bound a score.
    static func key(_ parameters: RankingParameters) -> String {
        [parameters.titleWeight, parameters.titleB, parameters.bodyB].map(\.description)
            .joined(separator: " ")
    }

    /// The run after which the lists were made, when the change log still answers for every
    /// run since (else they cannot be used).
    static func run(_ db: Database) throws -> Int64? {
        guard try db.tableExists("top_documents") else { return nil }
        let value = try String.fetchOne(
            db, sql: "SELECT value FROM meta WHERE key = 'top_documents_run'")
        guard let run = value.flatMap({ Int64($0) }) else { return nil }
        return try IndexStore.changesSince(db) <= run ? run : nil
    }

    /// The list of `term`, if it has one.
    static func list(_ term: String, _ db: Database) throws -> List? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT ids, cut, title_average, body_average, parameters
                    FROM top_documents WHERE term = ?
                    """, arguments: [term])
        else { return nil }
        let ids: String = row["ids"]
        return List(
            ids: ids.split(separator: " ").compactMap { Int64($0) }, cut: row["cut"],
            averages: [row["title_average"], row["body_average"]], parameters: row["parameters"])
    }

    /// Documents added or changed after run `run` (still in the index or not).
    static func changed(since run: Int64, _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(
            db,
            sql: """
                SELECT DISTINCT document FROM changes
                WHERE document IS NOT NULL AND (run IS NULL OR run > ?)
                """, arguments: [run])
    }

    /// Rebuilds the lists when they are missing, unusable or too many documents changed since,
    /// in the transaction that ends run `run`.
    static func refresh(run: Int64, settings: Settings = Settings(), _ db: Database) throws {
        guard try db.tableExists("top_documents") else { return }
        let documents = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0
        if let built = try Self.run(db) {
            let pending = try changed(since: built, db).count
            if Double(pending) <= settings.rebuildShare * Double(documents) { return }
        } else if documents < settings.minDocuments {
            return
        }
        try rebuild(run: run, documents: documents, settings: settings, db)
    }

    /// Makes every list anew; none below `settings.minDocuments`.
    static func rebuild(run: Int64, documents: Int, settings: Settings, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM top_documents")
        try IndexStore.setMeta("top_documents_run", "\(run)", db)
        guard documents >= max(1, settings.minDocuments) else { return }
        let minimum = settings.minShare * Double(documents)
        let sizes = try DocumentSizes(db)
        for term in try frequentTerms(settings, db) {
            guard let (key, df, list) = try scan(term, sizes, settings, db), Double(df) >= minimum,
                list.ids.count < df
            else { continue }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO top_documents
                    (term, df, cut, title_average, body_average, parameters, ids)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    key, df, list.cut, list.averages[0], list.averages[1], list.parameters,
                    list.ids.map(String.init).joined(separator: " "),
                ])
        }
    }

    /// The plain terms (ASCII letters and digits) in at least half of `settings.minShare` of
    /// an evenly spaced sample of the documents.
    static func frequentTerms(_ settings: Settings, _ db: Database) throws -> [String] {
        let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM documents") ?? 0
        let size = max(1, settings.sampleSize)
        let step = max(1, last / Int64(size))
        let wanted = stride(from: step, through: last, by: Int(step)).map { String($0) }
        guard !wanted.isEmpty else { return [] }
        let texts = try String.fetchAll(
            db,
            sql: """
                SELECT lbsearch_tokens(documents_fts) FROM documents_fts
                WHERE rowid IN (\(wanted.joined(separator: ",")))
                """)
        var counts: [Substring: Int] = [:]
        for text in texts {
            for term in Set(text.split(separator: " ")) where isPlain(term) {
                counts[term, default: 0] += 1
            }
        }
        let needed = settings.minShare / 2 * Double(texts.count)
        return counts.filter { Double($0.value) >= needed }.keys.map(String.init).sorted()
    }

    /// True for a term of ASCII letters and digits: one the tokenizer leaves as it is in
    /// queries and documents alike (no CJK rules apply).
    static func isPlain<S: StringProtocol>(_ term: S) -> Bool {
        !term.isEmpty
            && term.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
            }
    }

    /// The term's key (its one token), document frequency and list; nil when it is not one
    /// plain token or matches nothing.
    static func scan(
        _ term: String, _ sizes: DocumentSizes, _ settings: Settings, _ db: Database
    ) throws -> (String, Int, List)? {
        let p = settings.parameters
        guard let (token, summary) = try TopDocumentFunctions.scan(term, sizes, settings, db)
        else { return nil }
        let scan = summary.split(separator: " ")
        guard token == term, isPlain(token), scan.count >= 4, let df = Int(scan[0]),
            let cut = Double(scan[1]), let title = Double(scan[2]), let body = Double(scan[3])
        else { return nil }
        let list = List(
            ids: scan.dropFirst(4).compactMap { Int64($0) }, cut: cut, averages: [title, body],
            parameters: key(p))
        return (token, df, list)
    }
}
