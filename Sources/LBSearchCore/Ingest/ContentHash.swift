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
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The hash of a `Data` value.
    public static func of(_ data: Data) -> String {
        data.withUnsafeBytes { of($0.bindMemory(to: UInt8.self)) }
    }
}
