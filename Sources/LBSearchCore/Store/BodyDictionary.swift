import CLBSearchTokenizer
import Foundation
import GRDB

/// A zstd dictionary trained from an index's own bodies (table `dictionaries`, since "v11").
///
/// Bodies compressed with it are zstd frames at `LBSEARCH_TRAINED_LEVEL` that name its id;
/// `lbsearch_inflate` finds it by that id in the index the connection has open. Measured in C
/// over every body (one frame each, CPU on one core, load 2-4), trained from the first 1,000
/// bodies cut to 4 KB, 110 KB, against the shipped dictionary at level 5 (bytes/text, compress):
/// `large` 0.4058 3.21 s → level 3 0.3847 1.20 s (level 4: 0.386 1.9 s); `news` 0.4487 0.10 s →
/// 0.392 0.04 s; `ja` 0.4840 0.21 s → 0.374 0.07 s; 100,000 synthetic documents 0.5038 6.2 s →
/// 0.391 2.2 s. Training takes 0.05-0.1 s once; whole bodies as samples gave 0.001 less on
/// `large` for three times the training.
///
/// A run of at least `LBSEARCH_LARGE_DICTIONARY_TEXT` bytes (16 MB) trains one of at most 256 KB
/// from the same samples instead (`DictionaryTrainer.capacity`); index bytes/text (and
/// `sum(length(body_z))`), 110 KB → 256 KB, cold index in one process: 20,000 synthetic Markdown
/// files 1.043 → 1.023 (22.02 → 21.15 MB), 200,000 synthetic JSONL documents 0.995 → 0.970
/// (216.7 → 207.8 MB), `large` 123.5 → 122.8 MB (54.85 → 53.98 MB). For smaller runs it does not
/// pay for its 150 KB more: `news` (4.8 MB of text) stored 105 KB less body for a file 45 KB
/// larger, `ja` with 192 KB 67 KB less body for a file 20 KB larger.
final class BodyDictionary: @unchecked Sendable {
    /// The dictionary as zstd wrote it (column `data`).
    let data: Data
    /// Its zstd dictionary id (column `zstd_id`), never 0: the frames it compresses name it.
    let zstdID: UInt32
    /// The digested dictionary, read by any number of threads; owned, freed with this.
    let codec: OpaquePointer

    /// The dictionary `data`, as `lbsearch_train` made it; nil when it is not one.
    init?(_ data: Data) {
        guard
            let codec = data.withUnsafeBytes({ lbsearch_codec_new($0.baseAddress, $0.count) })
        else { return nil }
        self.data = data
        self.codec = codec
        zstdID = lbsearch_codec_id(codec)
    }

    deinit { lbsearch_codec_free(codec) }

    /// A dictionary of at most `capacity` bytes trained from `samples` (`lbsearch_train`: the
    /// same samples give the same bytes), with zstd id `id`, or one zstd derives from its content
    /// when 0; nil when zstd cannot train one from them.
    static func trained(
        from samples: [Data], id: UInt32 = 0, capacity: Int = Int(LBSEARCH_DICTIONARY_CAPACITY)
    ) -> BodyDictionary? {
        var joined = Data()
        for sample in samples { joined.append(sample) }
        let sizes = samples.map(\.count)
        var length = 0
        let bytes = joined.withUnsafeBytes { samples in
            sizes.withUnsafeBufferPointer { sizes in
                lbsearch_train(
                    samples.baseAddress, sizes.baseAddress, sizes.count, id, capacity, &length)
            }
        }
        guard let bytes else { return nil }
        return BodyDictionary(Data(bytesNoCopy: bytes, count: length, deallocator: .free))
    }

    /// The dictionary new bodies use in the index `db` has open; nil when it has none.
    ///
    /// A run trains one only for an index without (`DictionaryTrainer`), so an index holds one
    /// at most.
    static func current(_ db: Database) throws -> BodyDictionary? {
        guard try db.tableExists("dictionaries") else { return nil }
        let data = try Data.fetchOne(db, sql: "SELECT data FROM dictionaries LIMIT 1")
        return data.flatMap(BodyDictionary.init)
    }

    /// Writes this dictionary into the index `db` has open, unless it holds it already (making
    /// the table with the first one): before the first body compressed with it, in the same
    /// transaction.
    func store(_ db: Database) throws {
        try db.execute(sql: Schema.dictionaries)
        try db.execute(
            sql: "INSERT OR IGNORE INTO dictionaries(zstd_id, data) VALUES (?, ?)",
            arguments: [Int64(zstdID), data])
    }
}
