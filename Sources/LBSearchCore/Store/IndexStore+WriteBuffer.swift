import GRDB

/// How much indexed text FTS5 keeps in memory before it writes it out as a segment.
///
/// FTS5 buffers new index data in a hash table and writes it as a new segment when the table
/// grows past 'hashsize' bytes (1 MB by default) or the transaction commits (FTS5
/// documentation, section 6.5 "The 'hashsize' Configuration Option"). Every segment is merged
/// again later ('automerge', and the final 'optimize'), so with 1 MB a batch of CJK text, which
/// gives about ten tokens for every one of English, was written as dozens of small segments
/// and then rewritten several times: most of the cost of indexing it. With a buffer larger than
/// a batch (`Indexer.batchBytes` of input), each transaction writes one segment.
extension IndexStore {
    /// FTS5 'hashsize' of `documents_fts`: the most memory it buffers per transaction.
    public static let ftsHashSize = 64 * 1_048_576

    /// Sets `documents_fts`'s 'hashsize' to `ftsHashSize` unless it is already (the setting is
    /// stored in the index, in `documents_fts_config`).
    static func setWriteBuffer(_ db: Database) throws {
        let current = try Int.fetchOne(
            db, sql: "SELECT v FROM documents_fts_config WHERE k = 'hashsize'")
        guard current != ftsHashSize else { return }
        try db.execute(
            sql: "INSERT INTO documents_fts(documents_fts, rank) VALUES ('hashsize', ?)",
            arguments: [ftsHashSize])
    }
}

/// How FTS5 merges its segments while documents are written (FTS5 documentation, sections
/// 6.1 "The 'automerge' Configuration Option" and 6.3 "The 'crisismerge' Configuration Option").
///
/// By default FTS5 merges every four segments of a level as it goes, so a token written in a
/// batch is rewritten at each level it climbs, and once more by the final 'optimize'. A first
/// build (an empty index, optimized at its end anyway) merges nothing on the way: each batch
/// leaves one segment, and the 'optimize' merges them all once. The defaults come back at the
/// end of the run, or at the start of the next one when it was killed.
extension IndexStore {
    /// 'crisismerge' during a first build: FTS5 keeps at most 2,000 segments
    /// (`FTS5_MAX_SEGMENT`), so a level of this many is merged on the way.
    static let bulkCrisisMerge = 1_000
    /// 'automerge' and 'crisismerge' during a first build, and FTS5's defaults.
    static let bulkMerging = [("automerge", 0), ("crisismerge", bulkCrisisMerge)]
    static let defaultMerging = [("automerge", 4), ("crisismerge", 16)]

    /// Sets `documents_fts`'s merging for a first build (`bulk`) or to FTS5's defaults, writing
    /// only what differs (an index that never changed them has no row for them).
    static func setMerging(bulk: Bool, _ db: Database) throws {
        for ((key, value), (_, standard)) in zip(
            bulk ? bulkMerging : defaultMerging, defaultMerging)
        {
            let current = try Int.fetchOne(
                db, sql: "SELECT v FROM documents_fts_config WHERE k = ?", arguments: [key])
            guard (current ?? standard) != value else { continue }
            try db.execute(
                sql: "INSERT INTO documents_fts(documents_fts, rank) VALUES (?, ?)",
                arguments: [key, value])
        }
    }
}
