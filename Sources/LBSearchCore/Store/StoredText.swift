import CLBSearchTokenizer
import Foundation
import GRDB

/// Document bodies as the index stores them since "v5": raw deflate in `documents.body_z`
/// (`Sources/CLBSearchTokenizer/include/lbsearch_text.h`), read back by SQL through
/// `lbsearch_inflate`, which the view `documents_text` gives FTS5 as its content.
enum StoredText {
    /// The zlib level of stored bodies.
    ///
    /// Measured on `../shared/data/large` (raw deflate, one document at a time): level 1
    /// stores 0.447 of the text, 4 0.407, 6 0.396 and 9 0.396 at 1.2× the time of 6; 6 is
    /// zlib's default.
    static let level: Int32 = 6

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
