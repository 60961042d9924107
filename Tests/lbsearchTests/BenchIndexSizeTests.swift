import Foundation
import Testing

/// Checks the size `scripts/bench` gives an index: the main file as it stays after the run,
/// never with its `-wal` file, in `reindex-1pct` as in `cold-index`.
struct BenchIndexSizeTests {
    /// The `reindex-1pct` size row for an index of 1 MB whose `-wal` file holds `logBytes`, beside
    /// a sqlite3 copy of 2 MB: lbsearch's figure, the baseline's and the number of notes, as
    /// printed by Python.
    func sizeRow(logBytes: Int) throws -> String {
        let program = """
            import os, sys, tempfile
            sys.dont_write_bytecode = True
            sys.path.insert(0, sys.argv[1])
            import workloads
            from measure import Run, Table
            work = tempfile.mkdtemp()
            class Variant:
                name = "files"
            class Context:
                table = Table("sizes")
                def index_of(self, variant):
                    return os.path.join(work, "lbsearch-files.db")
            def write(path, size):
                with open(path, "wb") as file:
                    file.write(bytes(size))
            context = Context()
            index, copy = context.index_of(Variant), os.path.join(work, "sqlite3-1pct.db")
            write(index, 1_000_000)
            write(index + "-wal", int(sys.argv[2]))
            write(copy, 2_000_000)
            run = Run(1.0, 1.0, 10.0, 0, b'{"updated": 20, "tokenized": 20}')
            workloads.add_reindex_rows(context, Variant, run, run, copy, 20)
            row = next(row for row in context.table.rows if row["measure"] == "size MB")
            print(row["lbsearch"], row["base"], len(context.table.notes))
            """
        let run = try CLI.run(
            ["python3", "-c", program, BenchQuerySampleTests.library, "\(logBytes)"], cwd: "/",
            executable: "/usr/bin/env")
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    @Test func theSizeIsTheMainFileAndAFullLogIsNoted() throws {
        guard GenCorpusScriptTests.hasPython else {
            print("skipped: scripts/bench needs python3")
            return
        }
        #expect(try sizeRow(logBytes: 0) == "1.0 2.0 1\n")
        #expect(try sizeRow(logBytes: 500_000) == "1.0 2.0 2\n")
    }
}
