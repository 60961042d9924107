import Foundation
import GRDB
@_spi(Benchmarks) import LBSearchCore

/// CPU that fingerprinting costs at index time.
///
/// `Fingerprinter` over every document of an index (title and decompressed body, read first
/// and not timed), single-threaded as the preparing thread runs it, in CPU seconds of the
/// thread: `scripts/bench-dedup` sets it beside the CPU seconds of `lbsearch index`, and a
/// loaded machine inflates neither.
///
/// usage: lbsearch-bench fingerprint --index DB
enum FingerprintBenchmark {
    static func run() throws {
        guard let path = option("--index") else {
            throw UsageError("fingerprint needs --index DB")
        }
        let store = try IndexStore.openForReading(at: path)
        var (documents, bytes, seconds) = (0, 0, 0.0)
        try store.benchmarkDatabase.read { db in
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT title, lbsearch_inflate(body_z) AS body FROM documents")
            while let row = try cursor.next() {
                let title: String = row["title"]
                let body: String = row["body"]
                let start = threadCPUSeconds()
                _ = Fingerprinter.fingerprint(title: title, body: body)
                seconds += threadCPUSeconds() - start
                documents += 1
                bytes += title.utf8.count + body.utf8.count
            }
        }
        print(
            String(
                format: "fingerprint %d documents, %.1f MB: %.3f s (%.1f MB/s)", documents,
                Double(bytes) / 1e6, seconds, Double(bytes) / 1e6 / max(seconds, 1e-9)))
    }
}

/// CPU seconds the calling thread has used.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
