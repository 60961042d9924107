// Named benchmark workloads for scripts/bench-*. Each prints one line per measurement with
// p50/p95 in milliseconds, and a baseline measured in the same run where one exists.
//
//   lbsearch-bench parse [--bytes N] [--runs N]
//   lbsearch-bench search --index DB --queries FILE [--runs N]
//   lbsearch-bench facets --index DB --queries FILE [--runs N]
//   lbsearch-bench serve --index DB --queries FILE --port PORT [--runs N]
//   lbsearch-bench ranking INDEX QUERIES_FILE [ROUNDS]
//   lbsearch-bench tokenizers --roots DIR --baseline TOKENIZER --work DIR [--runs N] [--only TOKENIZER]
//   lbsearch-bench fingerprint --index DB
//   lbsearch-bench html --roots DIR[,DIR…] [--runs N]
//   lbsearch-bench jsonl --roots DIR [--runs N]
import Foundation
import GRDB
@_spi(Benchmarks) import LBSearchCore

/// A workload named without the options it needs; printed as it is.
struct UsageError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Milliseconds taken by `body`.
func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))]
}

func report(_ name: String, _ times: [Double]) {
    print(
        String(
            format: "%-28@ p50 %8.3f ms   p95 %8.3f ms   (%d runs)", name as NSString,
            percentile(times, 0.5), percentile(times, 0.95), times.count))
}

func option(_ name: String, _ fallback: String? = nil) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else {
        return fallback
    }
    return arguments[index + 1]
}

/// A query of about `bytes` bytes mixing words, phrases, exclusions, OR, groups and filters.
func hostileQuery(bytes: Int) -> String {
    let pieces = [
        "anime", "\"key frames\"", "-manga", "OR", "(art", "film)", "anim*", "title:art", "C++",
        "AI-art", "NEAR", "\"", "😀", "date:2024..2025",
    ]
    var text = ""
    var index = 0
    while text.utf8.count < bytes {
        text += pieces[index % pieces.count] + " "
        index += 1
    }
    return text
}

func parseWorkload() throws {
    let bytes = Int(option("--bytes", "10240") ?? "") ?? 10_240
    let runs = Int(option("--runs", "200") ?? "") ?? 200
    let query = hostileQuery(bytes: bytes)
    var times: [Double] = []
    for _ in 0..<runs {
        times.append(
            try milliseconds {
                let parsed = try QueryParser.parse(query)
                _ = parsed.root.flatMap(MatchExpression.of)
            })
    }
    report("parse+plan \(query.utf8.count) B", times)
}

func searchWorkload() throws {
    guard let index = option("--index"), let file = option("--queries") else {
        throw UsageError("search needs --index DB and --queries FILE")
    }
    let runs = Int(option("--runs", "3") ?? "") ?? 3
    let queries = try String(contentsOfFile: file, encoding: .utf8).split(
        whereSeparator: \.isNewline
    ).map(String.init)
    let store = try IndexStore.open(at: index, create: false)
    let searcher = Searcher(store: store)
    var full: [Double] = []
    var bare: [Double] = []
    var plain: [Double] = []
    var options = SearchOptions()
    options.suggest = false
    var noSnippets = options
    noSnippets.snippets = false
    for _ in 0..<runs {
        for text in queries {
            full.append(try milliseconds { _ = try searcher.search(text, options: options) })
            bare.append(try milliseconds { _ = try searcher.search(text, options: noSnippets) })
            guard let expression = try QueryParser.parse(text).root.flatMap(MatchExpression.of)
            else { continue }
            plain.append(
                try milliseconds {
                    _ = try store.benchmarkDatabase.read { db in
                        try Row.fetchAll(
                            db,
                            sql:
                                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts, 1.0, 4.0) LIMIT 10",
                            arguments: [expression])
                    }
                })
        }
    }
    report("lbsearch search (top 10)", full)
    report("  the same without snippets", bare)
    print(
        String(
            format: "snippets add p50 %.3f ms   p95 %.3f ms",
            percentile(full, 0.5) - percentile(bare, 0.5),
            percentile(full, 0.95) - percentile(bare, 0.95)))
    report("plain ORDER BY bm25 LIMIT 10", plain)
    print(
        String(
            format: "ratio p50 %.2f   p95 %.2f", percentile(full, 0.5) / percentile(plain, 0.5),
            percentile(full, 0.95) / percentile(plain, 0.95)))
}

/// Each query searched with and without `facets` source, tag and year, alternately.
func facetsWorkload() throws {
    guard let index = option("--index"), let file = option("--queries") else {
        throw UsageError("facets needs --index DB and --queries FILE")
    }
    let runs = Int(option("--runs", "3") ?? "") ?? 3
    let queries = try String(contentsOfFile: file, encoding: .utf8).split(
        whereSeparator: \.isNewline
    ).map(String.init)
    let searcher = Searcher(store: try IndexStore.open(at: index, create: false))
    var options = SearchOptions()
    options.suggest = false
    var faceted = options
    faceted.facets = [.source, .tag, .year]
    var plain: [Double] = []
    var counted: [Double] = []
    for _ in 0..<runs {
        for text in queries {
            plain.append(try milliseconds { _ = try searcher.search(text, options: options) })
            counted.append(try milliseconds { _ = try searcher.search(text, options: faceted) })
        }
    }
    report("search (top 10)", plain)
    report("  with facets source,tag,year", counted)
    print(
        String(
            format: "ratio p50 %.2f   p95 %.2f", percentile(counted, 0.5) / percentile(plain, 0.5),
            percentile(counted, 0.95) / percentile(plain, 0.95)))
}

do {
    switch CommandLine.arguments.dropFirst().first {
    case "parse": try parseWorkload()
    case "search": try searchWorkload()
    case "facets": try facetsWorkload()
    case "serve": try ServeBenchmark.run()
    case "ranking": try RankingBenchmark.run(Array(CommandLine.arguments.dropFirst()))
    case "tokenizers": try TokenizerBenchmark.run()
    case "fingerprint": try FingerprintBenchmark.run()
    case "html": try HTMLBenchmark.run()
    case "jsonl": try JSONLBenchmark.run()
    default:
        print(
            "usage: lbsearch-bench parse [--bytes N] [--runs N] | search|facets --index DB --queries FILE [--runs N] | serve --index DB --queries FILE --port PORT [--runs N] | ranking INDEX QUERIES [ROUNDS] | tokenizers --roots DIR --baseline TOKENIZER --work DIR [--runs N] | html --roots DIR [--runs N] | jsonl --roots DIR [--runs N]"
        )
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("lbsearch-bench: \(error)\n".utf8))
    exit(2)
}
