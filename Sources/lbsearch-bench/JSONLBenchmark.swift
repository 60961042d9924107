import Foundation
@_spi(Benchmarks) import LBSearchCore

/// CPU that reading JSONL records costs the preparing threads.
///
/// `lbsearch-bench jsonl --roots DIR [--runs N]` reads every `.jsonl` and `.jsonl.gz` file under
/// `DIR` (decompressed and split first, not timed) and times, on one thread in CPU seconds of
/// the thread, over all their lines: the JSON object read by Foundation and by
/// `JSONRecordScanner`; `JSONLReader.parse` as it was (Foundation) and with the scanner (its
/// UTF-8 check, JSON, fields and normalization); and `ContentHash` of each line, one at a
/// time and four at a time. It then says whether both parses gave the same records, byte for
/// byte.
enum JSONLBenchmark {
    static func run() throws {
        guard let root = option("--roots") else { throw UsageError("jsonl needs --roots DIR") }
        let runs = Int(option("--runs", "3") ?? "") ?? 3
        let files = try Self.files(under: root)
        let lines = files.flatMap(\.lines)
        let bytes = lines.reduce(0) { $0 + $1.count }
        print(String(format: "%d lines, %.1f MB", lines.count, Double(bytes) / 1e6))
        for _ in 0..<runs {
            let foundation = cpuSeconds {
                for line in lines { _ = JSONLReader.benchmarkObject(line, fast: false) }
            }
            let scanner = cpuSeconds {
                for line in lines { _ = JSONLReader.benchmarkObject(line, fast: true) }
            }
            let before = cpuSeconds {
                for line in lines { _ = JSONLReader.benchmarkParse(line, fast: false) }
            }
            let after = cpuSeconds {
                for line in lines { _ = JSONLReader.benchmarkParse(line, fast: true) }
            }
            let hash = cpuSeconds { for line in lines { _ = ContentHash.of(line) } }
            let hashes = cpuSeconds {
                for file in files { _ = JSONLReader.benchmarkHashes(file.lines, of: file.data) }
            }
            print(
                String(
                    format:
                        "JSON object: Foundation %.3f s, scanner %.3f s   parse: before %.3f s, after %.3f s   ContentHash one line at a time %.3f s, four %.3f s",
                    foundation, scanner, before, after, hash, hashes))
        }
        let taken = lines.filter { JSONLReader.benchmarkObject($0, fast: true) }.count
        let same = lines.allSatisfy {
            rendered(JSONLReader.benchmarkParse($0, fast: true))
                == rendered(JSONLReader.benchmarkParse($0, fast: false))
        }
        print("lines the scanner read: \(taken) of \(lines.count); same records: \(same)")
    }

    /// Thread CPU seconds taken by `body`.
    static func cpuSeconds(_ body: () -> Void) -> Double {
        let start = threadCPUSeconds()
        body()
        return threadCPUSeconds() - start
    }

    /// Every JSONL file under `root`, decompressed, and its non-blank lines.
    static func files(under root: String) throws -> [(data: Data, lines: [Data])] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [(data: Data, lines: [Data])] = []
        for case let name as String in walker.allObjects.sorted(by: { "\($0)" < "\($1)" }) {
            guard name.hasSuffix(".jsonl") || name.hasSuffix(".jsonl.gz") else { continue }
            var data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + name))
            if name.hasSuffix(".gz") { data = Gzip.decompress(data) ?? Data() }
            files.append((data, JSONLReader.benchmarkLines(data).filter { !$0.isEmpty }))
        }
        return files
    }

    /// A record or skip, every field as its UTF-8 bytes (`==` on `String` is canonical).
    static func rendered(_ result: Result<(String, Extracted), SkipReason>) -> [[UInt8]] {
        switch result {
        case .failure(let reason): return [Array("\(reason)".utf8)]
        case .success(let (id, fields)):
            let texts =
                [id, fields.title, fields.body, fields.date, fields.source, fields.url]
                + fields.tags
            return texts.map { Array(($0 ?? "\u{0}").utf8) }
        }
    }
}
