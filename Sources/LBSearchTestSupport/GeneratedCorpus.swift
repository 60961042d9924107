import Foundation

/// A corpus of many small generated text files, for tests that need volume.
///
/// Crash and concurrency tests use it. File `n` is `corpus/dNNN/fN.txt`, titled `Title N uniqN`
/// so every document can be found by one word of its own; `version` changes every body (and
/// its length).
public enum GeneratedCorpus {
    /// Common words the bodies are made of.
    static let words = [
        "alpha", "beta", "gamma", "delta", "river", "stone", "cloud", "market", "policy", "studio",
        "artist", "engine", "signal", "harbor", "winter", "summer", "garden", "library",
    ]
    /// How many files go in each `dNNN` folder: file `n` is in folder `n / filesPerFolder`.
    static let filesPerFolder = 250

    /// Writes `count` files into `folder` and returns their paths.
    @discardableResult
    public static func write(
        _ count: Int, into folder: TemporaryFolder, version: Int = 0, wordsPerFile: Int = 300
    ) throws -> [String] {
        try (0..<count).map { n in
            try folder.write(name(n), text(n, version: version, wordsPerFile: wordsPerFile))
        }
    }

    /// The relative path of file `n`.
    static func name(_ n: Int) -> String {
        String(format: "corpus/d%03d/f%d.txt", n / filesPerFolder, n)
    }

    /// The text of file `n` in `version`: a title line, a version marker word, then words.
    static func text(_ n: Int, version: Int, wordsPerFile: Int = 300) -> String {
        var generator = SplitMix(seed: UInt64(n * 7919 + version))
        let body = (0..<wordsPerFile + version).map { _ in
            words[Int(generator.next() % UInt64(words.count))]
        }
        return "Title \(n) uniq\(n)\n\nversion\(version) " + body.joined(separator: " ") + "\n"
    }
}
