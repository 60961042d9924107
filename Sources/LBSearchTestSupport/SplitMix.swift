import Foundation

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators"): a
/// tiny deterministic generator, so generated corpora and random tests are the same on every
/// run.
///
/// Random tests start from `SplitMix.testSeed` and name it in every expectation, so a failure
/// is replayed with `LBSEARCH_TEST_SEED=SEED swift test --filter NAME`.
public struct SplitMix: RandomNumberGenerator, Sendable {
    /// The seed random tests use unless `LBSEARCH_TEST_SEED` gives another.
    public static let defaultSeed: UInt64 = 20_251_129
    /// The environment variable that sets `testSeed`.
    public static let seedVariable = "LBSEARCH_TEST_SEED"

    /// The seed of random tests: `LBSEARCH_TEST_SEED` when it is a number, else `defaultSeed`.
    public static var testSeed: UInt64 {
        ProcessInfo.processInfo.environment[seedVariable].flatMap { UInt64($0) } ?? defaultSeed
    }

    var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
