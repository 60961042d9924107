import Foundation

/// Checks the 100-byte SQLite header of a file before SQLite opens it, reading only.
///
/// Layout from the SQLite documentation, "Database File Format", section 1.3 "The Database
/// Header": the magic string at offset 0, the page size at 16 (big-endian 16 bits, 1 meaning
/// 65536), the change counter at 24, the page count at 28, and "version-valid-for" at 92 (the
/// page count is trustworthy only when it equals the change counter), the schema cookie at 40
/// (0 until a table exists) and the application id at 68.
///
/// Deciding from the header alone matters: even a read-only SQLite connection creates `-wal`
/// and `-shm` files beside a WAL database, which a refused file should not get.
enum FileHeader {
    static let magic = Array("SQLite format 3\u{0}".utf8)
    static let size = 100

    /// Checks the file's header: whether it can only be an lbsearch index (or a new one).
    ///
    /// Throws `.notAnIndex` for a file that is not SQLite, `.corruptIndex` for one cut short
    /// (shorter than its header says, with no write-ahead log that could explain it).
    ///
    /// Returns true when the header proves the file is an lbsearch index or a database that never
    /// had a schema; false when only SQLite can tell: a write-ahead log holds pages newer than the
    /// header, or a schema existed under another application id (an index killed before its first
    /// migration committed has no table left, a foreign database has some).
    static func check(_ path: String, applicationID: Int32) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: size)) ?? Data())
        if header.isEmpty { return true }
        guard header.starts(with: magic.prefix(header.count)) else {
            throw LBSearchError.notAnIndex(path: path)
        }
        guard header.count == size else { throw LBSearchError.corruptIndex(path: path) }
        if hasLog(path) { return false }
        let fileSize = (try? handle.seekToEnd()).map(Int64.init) ?? 0
        if let expected = expectedSize(header), fileSize < expected {
            throw LBSearchError.corruptIndex(path: path)
        }
        let ours = Int32(bitPattern: integer(header, at: 68, bytes: 4)) == applicationID
        return ours || integer(header, at: 40, bytes: 4) == 0
    }

    /// Page size times page count, when the header vouches for its page count.
    static func expectedSize(_ header: [UInt8]) -> Int64? {
        let rawPageSize = Int64(integer(header, at: 16, bytes: 2))
        let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        let changeCounter = integer(header, at: 24, bytes: 4)
        let pageCount = Int64(integer(header, at: 28, bytes: 4))
        guard pageCount > 0, changeCounter == integer(header, at: 92, bytes: 4) else { return nil }
        return pageSize * pageCount
    }

    static func integer(_ bytes: [UInt8], at offset: Int, bytes count: Int) -> UInt32 {
        bytes[offset..<offset + count].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// True when a non-empty write-ahead log sits beside the file: its frames may extend it.
    static func hasLog(_ path: String) -> Bool {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path + "-wal")
        return ((attributes?[.size] as? NSNumber)?.int64Value ?? 0) > 0
    }
}
