import Foundation
import Testing

/// Checks which queries `scripts/bench --rg-queries N` gives to rg.
///
/// The workload lists its queries kind by kind, common words first, so the first N would be
/// common words only. The sample must follow the kinds' shares and be the same on every run.
struct BenchQuerySampleTests {
    static let library = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/bench_lib").path

    /// Kind counts of `scripts/bench_lib/queries.py`'s sample of `count` of the 200-query
    /// workload with `seed`, then the chosen query numbers, as printed by Python.
    func sample(_ count: Int, seed: Int) throws -> String {
        let program = """
            import sys
            sys.dont_write_bytecode = True
            sys.path.insert(0, sys.argv[1])
            import queries
            kinds = [("common", 20), ("words", 90), ("phrase", 50), ("prefix", 40)]
            made = [queries.Query(k, k, k, [k]) for k, n in kinds for _ in range(n)]
            chosen = queries.spread_sample(made, int(sys.argv[2]), int(sys.argv[3]))
            print(*[sum(made[i].kind == k for i in chosen) for k, _ in kinds])
            print(*chosen)
            """
        let run = try CLI.run(
            ["python3", "-c", program, Self.library, "\(count)", "\(seed)"], cwd: "/",
            executable: "/usr/bin/env")
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    @Test func theSampleFollowsTheKindsSharesAndTheSeed() throws {
        guard GenCorpusScriptTests.hasPython else {
            print("skipped: scripts/bench needs python3")
            return
        }
        let twenty = try sample(20, seed: 1)
        #expect(twenty.split(separator: "\n").first == "2 9 5 4")
        #expect(twenty.split(separator: "\n").last?.split(separator: " ").count == 20)
        #expect(try sample(20, seed: 1) == twenty)
        #expect(try sample(20, seed: 2) != twenty)
        #expect(try sample(4, seed: 1).hasPrefix("1 1 1 1\n"))
        #expect(try sample(500, seed: 1).hasPrefix("20 90 50 40\n"))
        #expect(try sample(0, seed: 1) == "0 0 0 0\n\n")
    }
}
