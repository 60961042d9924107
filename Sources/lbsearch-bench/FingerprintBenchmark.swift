import Foundation
import GRDB
@_spi(Benchmarks) import LBSearchCore

/// CPU that fingerprinting costs at index time.
///
/// `Fingerprinter` over every document of an index (title and decompressed body, read first
/// and not timed), single-threaded as the preparing thread runs it. `scripts/bench-dedup` sets it beside the CPU of `lbsearch index`.
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
                let start = DispatchTime.now().uptimeNanoseconds
                _ = Fingerprinter.fingerprint(title: title, body: body)
                seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
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
