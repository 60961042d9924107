import Foundation

/// A fast 64-bit content fingerprint (FNV-1a) used to confirm that a file really changed.
///
/// It detects changes; it is not a security boundary, so a cryptographic hash (and the
/// build time of a crypto package) would buy nothing here.
public enum ContentHash {
    /// FNV-1a 64-bit offset basis and prime, from the FNV specification (IETF draft-eastlake-fnv).
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of `bytes` as 16 lowercase hex digits.
    public static func of<Bytes: Collection>(_ bytes: Bytes) -> String
    where Bytes.Element == UInt8 {
        var hash = offsetBasis
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            for byte in buffer {
                hash = (hash ^ UInt64(byte)) &* prime
            }
        }
        if done == nil {
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* prime
            }
        }
        return hex(hash)
    }

    /// `hash` as 16 lowercase hex digits.
    static func hex(_ hash: UInt64) -> String {
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The hash of each of `ranges` of `bytes`, as `of` gives it, four ranges at a time.
    ///
    /// Each byte of FNV-1a waits on the product of the byte before, so one hash keeps the
    /// multiplier idle most of the time; four hashes in one loop keep it busy. A range that ends
    /// makes way for the next one.
    static func of(_ ranges: [Range<Int>], in bytes: UnsafeRawBufferPointer) -> [String] {
        var hashes = [UInt64](repeating: offsetBasis, count: ranges.count)
        // Each lane: the range it hashes, its next byte and its hash so far.
        var lanes: [(item: Int, next: Int, hash: UInt64)] = []
        var waiting = 0
        while true {
            while lanes.count < 4, waiting < ranges.count {
                lanes.append((waiting, ranges[waiting].lowerBound, offsetBasis))
                waiting += 1
            }
            guard lanes.count == 4 else { break }
            let step = lanes.map { ranges[$0.item].upperBound - $0.next }.min() ?? 0
            var (a, b, c, d) = (lanes[0].hash, lanes[1].hash, lanes[2].hash, lanes[3].hash)
            let (pa, pb, pc, pd) = (lanes[0].next, lanes[1].next, lanes[2].next, lanes[3].next)
            for offset in 0..<step {
                a = (a ^ UInt64(bytes[pa + offset])) &* prime
                b = (b ^ UInt64(bytes[pb + offset])) &* prime
                c = (c ^ UInt64(bytes[pc + offset])) &* prime
                d = (d ^ UInt64(bytes[pd + offset])) &* prime
            }
            (lanes[0].hash, lanes[1].hash, lanes[2].hash, lanes[3].hash) = (a, b, c, d)
            for lane in lanes.indices { lanes[lane].next += step }
            for lane in lanes where lane.next == ranges[lane.item].upperBound {
                hashes[lane.item] = lane.hash
            }
            lanes.removeAll { $0.next == ranges[$0.item].upperBound }
        }
        for lane in lanes {
            var hash = lane.hash
            for offset in lane.next..<ranges[lane.item].upperBound {
                hash = (hash ^ UInt64(bytes[offset])) &* prime
            }
            hashes[lane.item] = hash
        }
        return hashes.map(hex)
    }

    /// The hash of a `Data` value.
    public static func of(_ data: Data) -> String {
        data.withUnsafeBytes { of($0.bindMemory(to: UInt8.self)) }
    }
}
