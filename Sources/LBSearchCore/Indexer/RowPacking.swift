/// The order new documents are inserted in, so that they fill the pages of `documents`.
///
/// SQLite appends rows in id order, and a row that does not fit in what is left of a page
/// starts a new one (SQLite's `balance_quick`, btree.c): with rows of 0.1 to 4 KB on 4 KB pages,
/// a cold index of `../shared/data/large` left 8.2 of the 45.9 MB of the table's leaf pages
/// unused, and its final `VACUUM`, which copies rows in id order, kept them so. Inserting each
/// statement's rows in the order that fills page after page (the largest row that still fits,
/// else a new page) left 0.6 MB: the table went from 73.1 to 65.2 MB.
///
/// Ids are the only thing that order decides: searches break ties by path and record, never by
/// id, and `lbsearch export` lists documents in id order, which within one statement of a run
/// is this order rather than the order the files were read in.
enum RowPacking {
    /// Indexes into `sizes` (each row's bytes on a page, `cellSize`), in the order that fills
    /// pages of `capacity` bytes: the largest row that fits in what is left, else the largest
    /// row on a new page.
    static func order(_ sizes: [Int], capacity: Int) -> [Int] {
        var left = sizes.indices.sorted {
            sizes[$0] > sizes[$1] || sizes[$0] == sizes[$1] && $0 < $1
        }
        var order: [Int] = []
        order.reserveCapacity(sizes.count)
        var free = capacity
        while !left.isEmpty {
            let next = left.firstIndex { sizes[$0] <= free } ?? 0
            if sizes[left[next]] > free { free = capacity }
            free -= sizes[left[next]]
            order.append(left.remove(at: next))
        }
        return order
    }

    /// The bytes a row with a record of `payload` bytes and id `id` takes on a table leaf page
    /// of `pageSize` bytes: its cell and its 2-byte pointer (SQLite file format, section 1.6
    /// "B-tree Pages": a payload past `pageSize - 35` keeps only a part on the page, the rest
    /// in overflow pages named by a 4-byte page number).
    static func cellSize(payload: Int, id: Int64, pageSize: Int) -> Int {
        let maxLocal = pageSize - 35
        let minLocal = (pageSize - 12) * 32 / 255 - 23
        var local = payload
        if payload > maxLocal {
            let spread = minLocal + (payload - minLocal) % (pageSize - 4)
            local = (spread <= maxLocal ? spread : minLocal) + 4
        }
        return varintSize(Int64(payload)) + varintSize(id) + local + 2
    }

    /// The bytes of a record of `values` (SQLite file format, section 2.1 "Record Format"):
    /// a header of one serial type per value, then the values.
    static func payload(_ values: [RecordValue]) -> Int {
        let types = values.reduce(0) { $0 + varintSize($1.serialType) }
        let header = types + varintSize(Int64(types + 1))
        return values.reduce(header) { $0 + $1.size }
    }

    /// The bytes of `value` as an SQLite varint.
    static func varintSize(_ value: Int64) -> Int {
        var value = UInt64(bitPattern: value)
        var bytes = 1
        while value >= 0x80, bytes < 9 {
            value >>= 7
            bytes += 1
        }
        return bytes
    }
}

/// One value of a record, as far as its size goes.
enum RecordValue {
    case null
    case integer(Int64)
    case real
    case text(Int)
    case blob(Int)

    /// The value's serial type (SQLite file format, section 2.1).
    var serialType: Int64 {
        switch self {
        case .null: return 0
        case .integer(let value): return value == 0 ? 8 : value == 1 ? 9 : 1
        case .real: return 7
        case .text(let length): return 13 + 2 * Int64(length)
        case .blob(let length): return 12 + 2 * Int64(length)
        }
    }

    /// The bytes of the value in the record's body.
    var size: Int {
        switch self {
        case .null: return 0
        case .integer(let value):
            if value == 0 || value == 1 { return 0 }
            let magnitude = value < 0 ? ~value : value
            for (limit, bytes) in [
                (Int64(1) << 7, 1), (1 << 15, 2), (1 << 23, 3), (1 << 31, 4), (1 << 47, 6),
            ]
            where magnitude < limit {
                return bytes
            }
            return 8
        case .real: return 8
        case .text(let length), .blob(let length): return length
        }
    }
}
