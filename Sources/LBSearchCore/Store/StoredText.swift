import CLBSearchTokenizer
import Foundation
import GRDB

/// Document bodies as the index stores them since "v5": raw deflate in `documents.body_z`
/// (`Sources/CLBSearchTokenizer/include/lbsearch_text.h`), with a preset dictionary of common
/// English words since "v8" (0.397 of the text without it, 0.373 with it, on a sample of
/// `../shared/data/large`), read back by SQL through
/// `lbsearch_inflate`, which the view `documents_text` gives FTS5 as its content.
enum StoredText {
    /// The zlib level of stored bodies.
    ///
    /// Measured on two files of `../shared/data/large` (raw deflate, one document at a time,
    /// CPU time): level 1 stores 0.447 of the text at 58 MB/s, 4 0.407 at 39 MB/s, 5 0.398 at
    /// 31 MB/s, 6 0.395 at 20 MB/s, 9 no smaller than 6. Level 5 costs 0.3 % more bytes than
    /// 6 and a third less time.
    static let level: Int32 = 5

    /// `text` compressed for `documents.body_z`.
    static func compressed(_ text: String) -> Data {
        var text = text
        return text.withUTF8 { bytes in
            var length = 0
            guard let data = lbsearch_deflate(bytes.baseAddress, bytes.count, level, &length)
            else { return Data() }
            return Data(bytesNoCopy: data, count: length, deallocator: .free)
        }
    }

    /// The text `data` holds, or nil when it is damaged.
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

    /// Registers `lbsearch_inflate` and `lbsearch_deflate` on `db`.
    ///
    /// SQL functions are per connection, and the schema's view and triggers call them, so every
    /// connection that opens an index needs them.
    static func register(_ db: Database) {
        _ = lbsearch_text_register(UnsafeMutableRawPointer(db.sqliteConnection))
    }
}
