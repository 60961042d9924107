import Foundation
import GRDB
@_spi(Benchmarks) import LBSearchCore

/// Interactive top-10 latency of lbsearch's ranking against plain FTS5 `bm25()`.
///
/// lbsearch's ranking (`lbsearch_rank`, BM25F + proximity) runs against plain FTS5
/// `ORDER BY bm25(documents_fts, 1, 4) LIMIT 10` (title weighted 4: `documents_fts` is
/// (body, title) since "v12"), the same MATCH expressions (every word, and
/// any word as batch runs use), in the same process and run, interleaved so machine noise hits
/// both alike; then the whole interactive search with snippets runs, for reference.
///
/// usage: lbsearch-bench ranking INDEX QUERIES_FILE [ROUNDS]
/// QUERIES_FILE holds one query a line. Prints p50/p95 in ms and their ratios.
enum RankingBenchmark {
    /// `arguments`: the program name, then INDEX QUERIES_FILE [ROUNDS].
    static func run(_ arguments: [String]) throws {
        guard arguments.count >= 3 else {
            FileHandle.standardError.write(
                Data("usage: lbsearch-bench ranking INDEX QUERIES_FILE [ROUNDS]\n".utf8))
            exit(2)
        }
        let store = try IndexStore.open(at: arguments[1], create: false)
        let queries = try String(contentsOfFile: arguments[2], encoding: .utf8).split(
            whereSeparator: \.isNewline
        ).map(String.init)
        let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3
        let workloads: [(String, [String])] = [
            (
                "all words",
                try queries.compactMap {
                    try QueryParser.parse($0).root.flatMap(MatchExpression.of)
                }
            ),
            (
                "any word",
                try queries.compactMap {
                    try NaturalQuery.rewritten(QueryParser.parse($0)).root.flatMap(
                        MatchExpression.of)
                }
            ),
        ]
        let spec = RankingSpec().encoded
        var timings: [String: [Double]] = [:]
        let searcher = Searcher(store: store)
        try store.benchmarkDatabase.read { db in
            for round in 0..<rounds {
                for (workload, expressions) in workloads {
                    for expression in expressions {
                        let plain = try time {
                            try Int64.fetchAll(db, sql: plainSQL, arguments: [expression])
                        }
                        let ranked = try time {
                            try Int64.fetchAll(db, sql: rankedSQL, arguments: [spec, expression])
                        }
                        if round > 0 {  // the first round warms the page cache
                            timings["\(workload): plain bm25()", default: []].append(plain)
                            timings["\(workload): lbsearch_rank", default: []].append(ranked)
                        }
                    }
                }
            }
        }
        for round in 0..<rounds {
            for query in queries {
                let full = try time { try searcher.search(query) }
                if round > 0 { timings["full search (snippets)", default: []].append(full) }
            }
        }
        report(timings, queries: queries.count, workloads: workloads.map(\.0))
    }

    static let plainSQL =
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts, 1.0, 4.0) LIMIT 10"
    static let rankedSQL =
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?2 ORDER BY lbsearch_rank(documents_fts, ?1) DESC LIMIT 10"

    static func time<T>(_ body: () throws -> T) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))]
    }

    static func report(_ timings: [String: [Double]], queries: Int, workloads: [String]) {
        print(
            "\(queries) queries, \(timings["all words: plain bm25()"]?.count ?? 0) timed runs each; ratios to plain bm25() on the same expressions"
        )
        for workload in workloads {
            let base = timings["\(workload): plain bm25()"] ?? []
            for name in ["plain bm25()", "lbsearch_rank"] {
                line("\(workload): \(name)", timings, base)
            }
        }
        line("full search, snippets", timings, timings["all words: plain bm25()"] ?? [])
    }

    static func line(_ name: String, _ timings: [String: [Double]], _ base: [Double]) {
        let values =
            timings[name == "full search, snippets" ? "full search (snippets)" : name] ?? []
        let (p50, p95) = (percentile(values, 0.5), percentile(values, 0.95))
        let ratio50 = p50 / max(percentile(base, 0.5), 1e-9)
        let ratio95 = p95 / max(percentile(base, 0.95), 1e-9)
        print(
            String(
                format: "%-34@ p50 %8.3f ms  p95 %8.3f ms   ×%.2f / ×%.2f", name as NSString, p50,
                p95, ratio50, ratio95))
    }
}
