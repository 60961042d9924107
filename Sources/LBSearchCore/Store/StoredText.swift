import CLBSearchTokenizer
import Foundation
import GRDB

/// Document bodies as the index stores them in `documents.body_z`.
///
/// See `Sources/CLBSearchTokenizer/include/lbsearch_text.h`: since "v10" one zstd frame per body
/// with a dictionary of common English words as raw content; since "v11", once the index has
/// one, with a dictionary trained from its own bodies (`BodyDictionary`); from "v5" to "v9" raw
/// deflate, with the same words as preset dictionary since "v8". An index may hold all three,
/// row by row.
/// SQL reads them back through `lbsearch_inflate`, which the view `documents_text` gives FTS5
/// as its content.
enum StoredText {
    /// The zstd level of stored bodies with the shipped dictionary (`LBSEARCH_ZSTD_LEVEL`): an
    /// index's first bodies, and all of a small one; a trained dictionary is used at level 3
    /// (`BodyDictionary`).
    ///
    /// Measured over the 40,517 bodies of `../shared/data/large` (141.7 MB), one frame per
    /// body with the shared dictionary, CPU seconds on one core (a loaded machine, so ±15 %):
    /// zlib 5 (before "v10") 11.1 s for 0.3928 of the text, 1.00 s to decompress; zstd 1 1.5 s
    /// 0.4403, 3 1.9-2.2 s 0.4196, 5 3.2-3.4 s 0.4058, 6 4.0 s 0.3956, 7 6.2 s 0.3931;
    /// decompression 0.4-0.5 s at every level. Level 3 would put the index of `large` just over
    /// the size of its text (+3.8 MB of bodies against 3.6 MB of room); 5 adds 1.8 MB. Tuned
    /// parameters (search, hash and chain logs, minimum match, strategy) saved no more than
    /// the noise for as many bytes.
    static let level: Int32 = LBSEARCH_ZSTD_LEVEL

    /// `text` compressed for `documents.body_z`, with `dictionary` (at `LBSEARCH_TRAINED_LEVEL`)
    /// or else the shipped one (at `level`).
    static func compressed(_ text: String, with dictionary: BodyDictionary? = nil) -> Data {
        var text = text
        return text.withUTF8 { bytes in
            var length = 0
            guard
                let data = lbsearch_codec_compress(
                    dictionary?.codec, bytes.baseAddress, bytes.count, &length)
            else { return Data() }
            return Data(bytesNoCopy: data, count: length, deallocator: .free)
        }
    }

    /// The text `data` holds, or nil when it is damaged or names a trained dictionary (SQL's
    /// `lbsearch_inflate` reads those, or `BodyDictionary.decompressed`).
    static func decompressed(_ data: Data) -> String? {
        data.withUnsafeBytes { bytes in
            var length = 0
            guard let text = lbsearch_inflate(bytes.baseAddress, bytes.count, &length) else {
                return nil
            }
            defer { free(text) }
            return String(
                decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
        }
    }

    /// Registers `lbsearch_inflate`, `lbsearch_compress` and `lbsearch_deflate` on `db`.
    ///
    /// SQL functions are per connection, and the schema's view and triggers call them, so every
    /// connection that opens an index needs them. Each connection's `lbsearch_inflate` keeps the
    /// trained dictionaries it read from its own index, by zstd id.
    static func register(_ db: Database) {
        _ = lbsearch_text_register(UnsafeMutableRawPointer(db.sqliteConnection))
    }
}
