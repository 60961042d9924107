import Foundation
import GRDB
@_spi(Benchmarks) import LBSearchCore

/// Indexing time and index size with lbsearch's tokenizer against a baseline tokenizer.
///
/// Runs the whole indexing pipeline (`Indexer` over DIR into a new index file) with lbsearch's
/// tokenizer and with `baseline` in its place, alternately, in the same process; prints the
/// least CPU time (user + system, all threads) and the index size of each, and their ratios
/// (scripts/bench-cjk). With `--only`, indexes once with that tokenizer and prints its time
/// alone (for profiling).
///
/// usage: lbsearch-bench tokenizers --roots DIR --baseline TOKENIZER --work DIR [--runs N]
/// [--only TOKENIZER]
enum TokenizerBenchmark {
    static func run() throws {
        guard let roots = option("--roots"), let baseline = option("--baseline"),
            let work = option("--work")
        else {
            throw UsageError(
                "tokenizers needs --roots DIR --baseline TOKENIZER --work DIR")
        }
        let runs = Int(option("--runs", "1") ?? "") ?? 1
        if let only = option("--only") {
            let measured = try index(roots, tokenizer: only, at: work + "/tokenizer-bench.db")
            return print(
                String(
                    format: "lbsearch index, %@ %9.3f s %10.1f MB", only as NSString,
                    measured.seconds, Double(measured.bytes) / 1e6))
        }
        var best: [String: (seconds: Double, bytes: Int)] = [:]
        for _ in 0..<runs {
            for tokenizer in [baseline, Schema.tokenizer] {
                let measured = try index(
                    roots, tokenizer: tokenizer, at: work + "/tokenizer-bench.db")
                if let old = best[tokenizer], old.seconds <= measured.seconds { continue }
                best[tokenizer] = measured
            }
        }
        guard let base = best[baseline], let ours = best[Schema.tokenizer] else { return }
        for (name, value) in [(baseline, base), (Schema.tokenizer, ours)] {
            let label = "lbsearch index, \(name.prefix(20))".padding(
                toLength: 42, withPad: " ", startingAt: 0)
            print(
                String(
                    format: "%@ %9.3f %7.2fx %10.1f %6.2fx", label as NSString,
                    value.seconds, value.seconds / base.seconds, Double(value.bytes) / 1e6,
                    Double(value.bytes) / Double(base.bytes)))
        }
    }

    /// Seconds to index `roots` into a new file at `path` whose FTS5 table uses `tokenizer`,
    /// and the file's size after a checkpoint.
    static func index(_ roots: String, tokenizer: String, at path: String) throws -> (
        seconds: Double, bytes: Int
    ) {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
        let store = try IndexStore.openForWriting(at: path)
        if tokenizer != Schema.tokenizer { try useTokenizer(tokenizer, store) }
        let cpuBefore = cpuSeconds()
        _ = try Indexer(store: store).run(roots: [roots])
        let seconds = cpuSeconds() - cpuBefore
        _ = try store.benchmarkDatabase.writeWithoutTransaction { db in try db.checkpoint(.truncate)
        }
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return (seconds, bytes)
    }

    /// CPU seconds (user and system, every thread) this process has used: steadier than wall
    /// time on a shared machine.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// Replaces the empty index's FTS5 table by one with `tokenizer` (same columns and triggers).
    static func useTokenizer(_ tokenizer: String, _ store: IndexStore) throws {
        try store.benchmarkDatabase.write { db in
            try db.execute(
                sql: """
                    DROP TABLE documents_vocab;
                    DROP TABLE documents_fts;
                    CREATE VIRTUAL TABLE documents_fts USING fts5(
                        body, title, content = 'documents_text', content_rowid = 'id', tokenize = '\(tokenizer)');
                    CREATE VIRTUAL TABLE documents_vocab USING fts5vocab(documents_fts, row);
                    """)
        }
    }
}
