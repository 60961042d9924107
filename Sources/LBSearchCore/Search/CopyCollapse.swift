import GRDB

/// Syndicated copies shown once: the ranked candidates of a query grouped into stories.
///
/// Walking the candidates best first, each one joins the first story whose best-ranked copy
/// (its leader) it is a copy of (`TextFingerprint.isCopy`: the same exact key, or SimHashes at
/// most `nearThreshold` bits apart), or else starts a story of its own. Whether a candidate
/// leads a story depends only on the candidates ranked above it, so every page is a slice of
/// one list of stories and page 2 never repeats page 1's story.
///
/// Only a pool of the best candidates is grouped (`poolSize`, grown while it yields too few
/// stories), never the whole index: a copy ranked far below the page is not folded in.
/// Documents without a fingerprint (none stored) are stories of their own.
struct CopyCollapse {
    /// SimHash bits two copies may differ in, chosen on data by `scripts/bench-dedup`: copies
    /// with an edited headline, an added byline and a paragraph trimmed differ by a few bits;
    /// distinct stories on one topic by twenty and more.
    static let nearThreshold = 12
    /// The pool grows this many times at most, by `growth` each time.
    static let maxGrowths = 3
    static let growth = 4

    /// Stories (`offset + limit` of them) are looked for among this many candidates first.
    static func poolSize(stories: Int) -> Int {
        stories * 3 + 20
    }

    /// The stories of `fingerprints` (candidates best first): each one the indices of its
    /// copies, its leader first; stories in the order of their leaders.
    static func stories(_ fingerprints: [TextFingerprint?], threshold: Int = nearThreshold)
        -> [[Int]]
    {
        var stories: [[Int]] = []
        var leaders: [TextFingerprint] = []
        var storyOfLeader: [Int] = []
        var byExact: [UInt64: Int] = [:]
        for (index, fingerprint) in fingerprints.enumerated() {
            guard let fingerprint else {
                stories.append([index])
                continue
            }
            if let story = byExact[fingerprint.exact]
                ?? leaders.firstIndex(where: { fingerprint.isCopy(of: $0, threshold: threshold) })
                .map({ storyOfLeader[$0] })
            {
                stories[story].append(index)
                // An exact copy of this near copy belongs to the same story.
                if byExact[fingerprint.exact] == nil { byExact[fingerprint.exact] = story }
                continue
            }
            byExact[fingerprint.exact] = stories.count
            leaders.append(fingerprint)
            storyOfLeader.append(stories.count)
            stories.append([index])
        }
        return stories
    }

    /// The page of stories `options` asks for (`offset`, `limit`), from `fetch`, which ranks
    /// the best `n` candidates of the query; `excluded` documents are left out first.
    static func page(
        _ options: SearchOptions, excluded: Set<Int64> = [], budget: QueryBudget, _ db: Database,
        fetch: (Int) throws -> RankedPage
    ) throws -> RankedPage {
        let wanted = options.offset + options.limit
        var pool = poolSize(stories: wanted)
        var growths = 0
        while true {
            var page = try fetch(pool)
            let candidates = page.candidates.filter { !excluded.contains($0.id) }
            let fingerprints = try Self.fingerprints(of: candidates.map(\.id), db)
            let stories = Self.stories(candidates.map { fingerprints[$0.id] })
            let exhausted = page.candidates.count < pool || page.candidates.count >= page.total
            if stories.count >= wanted || exhausted || budget.cut || growths == maxGrowths {
                page.candidates = stories.dropFirst(options.offset).prefix(options.limit).map {
                    story in
                    var leader = candidates[story[0]]
                    leader.copies = story.dropFirst().map { candidates[$0].id }
                    return leader
                }
                return page
            }
            pool *= growth
            growths += 1
        }
    }

    /// The stored fingerprint of each of `ids` that has one.
    static func fingerprints(of ids: [Int64], _ db: Database) throws -> [Int64: TextFingerprint] {
        guard !ids.isEmpty else { return [:] }
        let list = ids.map(String.init).joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, exact_key, near_key FROM documents
                WHERE id IN (\(list)) AND exact_key IS NOT NULL
                """)
        var fingerprints: [Int64: TextFingerprint] = [:]
        for row in rows {
            let exact: Int64 = row["exact_key"]
            let near: Int64? = row["near_key"]
            fingerprints[row["id"]] = TextFingerprint(
                exact: UInt64(bitPattern: exact), near: near.map { UInt64(bitPattern: $0) })
        }
        return fingerprints
    }

    /// The copies with row ids `ids`, in that order, as hits show them.
    static func copies(_ ids: [Int64], base: String?, _ db: Database) throws -> [DocumentCopy] {
        guard !ids.isEmpty else { return [] }
        let list = ids.map(String.init).joined(separator: ",")
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, path, record, source FROM documents WHERE id IN (\(list))")
        var byID: [Int64: DocumentCopy] = [:]
        for row in rows {
            let path: String = row["path"]
            let record: String = row["record"]
            let display = DocumentLookup.display(path, base: base)
            byID[row["id"]] = DocumentCopy(
                id: try DocumentIdentity.id(
                    path: path, record: record, displayPath: display, base: base, db),
                source: row["source"])
        }
        return ids.compactMap { byID[$0] }
    }
}
