import Foundation
import GRDB
import LBSearchCore
import LBSearchTestSupport
import Testing

/// `status`, `doctor`, and what happens with damaged, foreign, read-only files or a full disk.
@Suite(.serialized)
struct HealthCommandTests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        (folder, index) = try CLI.indexedCorpus(300)
    }

    @Test func statusShowsRootsCountsVersionsAndLastRun() throws {
        let run = try CLI.run(["status", "--index", index], cwd: folder.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("roots:     \(folder.file("corpus")) (ok, 300 documents)\n"))
        #expect(run.stdout.contains("documents: 300 in 300 files\n"))
        #expect(run.stdout.contains("schema:    \(Schema.partialRecordMigration)\n"))
        #expect(
            run.stdout.contains("run id:    1 (export --changes-since takes run 1 or later)\n"))
        #expect(run.stdout.contains("tokenizer: \(Schema.tokenizerRecord)\n"))
        #expect(run.stdout.contains("last run:  incremental, pid "))
        #expect(run.stdout.contains("result:    ok\n"))
        #expect(
            run.stdout.contains(
                "counts:    300 added, 0 updated, 0 moved, 0 removed, 0 unchanged, 0 skipped, 300 tokenized"
            ))
        let json = try CLI.run(["status", "--index", index, "--json"], cwd: folder.path)
        let object =
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["documents"] as? Int == 300)
        #expect((object?["last_run"] as? [String: Any])?["result"] as? String == "ok")
    }

    @Test func doctorFindsAndRepairsADamagedFullTextIndex() throws {
        #expect(try CLI.run(["doctor", "--index", index], cwd: folder.path).status == 0)
        let queue = try DatabaseQueue(path: index)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER documents_fts_update")
            try db.execute(
                sql:
                    "UPDATE documents SET title = 'replaced without the index knowing' WHERE id = 1"
            )
        }
        try queue.close()
        let sick = try CLI.run(["doctor", "--index", index], cwd: folder.path)
        #expect(sick.status == 2)
        #expect(sick.stdout.isEmpty)
        #expect(
            sick.stderr.hasSuffix(
                ": its full-text index does not match its documents; fix it with 'lbsearch doctor --repair'\n"
            ))
        #expect(sick.stderr.split(separator: "\n").count == 1)
        let repaired = try CLI.run(["doctor", "--repair", "--index", index], cwd: folder.path)
        #expect(repaired.status == 0, "\(repaired.stdout)")
        #expect(repaired.stdout.contains("repaired:"))
        let hits = try CLI.run(["replaced", "--index", index], cwd: folder.path)
        #expect(hits.status == 0)
    }

    /// Damaged pages (not the schema's) are beyond --repair, but a full rebuild replaces them.
    @Test func damagedPagesAreReportedAndAFullRebuildRecovers() throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: index))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2 / 4096 * 4096)
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 3 * 4096))
        try handle.close()
        let sick = try CLI.run(["doctor", "--index", index], cwd: folder.path)
        #expect(sick.status == 2)
        #expect(sick.stdout.isEmpty)
        #expect(
            sick.stderr.hasSuffix(
                "its stored documents cannot be read in full; fix it with 'lbsearch index --full'\n"
            ))
        let rebuilt = try CLI.run(["index", "--full", "--index", index], cwd: folder.path)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(try CLI.run(["doctor", "--index", index], cwd: folder.path).status == 0)
        #expect(try IndexChecks.verify(index).count == 300)
    }

    @Test(arguments: ["garbage", "truncated", "foreign", "readonly"])
    func badIndexFilesAreOneLineErrorsAndLeftUntouched(kind: String) throws {
        let path = folder.file("\(kind).db")
        switch kind {
        case "garbage": try folder.write("garbage.db", String(repeating: "garbage ", count: 1000))
        case "truncated":
            let data = try Data(contentsOf: URL(fileURLWithPath: index))
            try folder.write("truncated.db", data.prefix(data.count / 2))
        case "foreign":
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "CREATE TABLE notes(x)") }
            try queue.close()
        default:
            try FileManager.default.copyItem(atPath: index, toPath: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let commands =
            kind == "readonly"
            ? [["index"], ["doctor", "--repair"]] : [["index"], ["status"], ["doctor"], ["art"]]
        for command in commands {
            let run = try CLI.run(command + ["--index", path], cwd: folder.path)
            #expect(run.status == 2, "\(command) on \(kind)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
            #expect(!run.stderr.lowercased().contains("sqlite"))
        }
        if kind == "readonly" {
            // Reading a read-only index still works, and writes nothing.
            #expect(try CLI.run(["status", "--index", path], cwd: folder.path).status == 0)
            #expect(try CLI.run(["uniq7", "--index", path], cwd: folder.path).status == 0)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let wal = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        #expect((wal ?? 0) == 0)
    }

    /// A file size limit (`ulimit -f`) stands in for a full disk.
    ///
    /// SQLite sees the same short writes. The signal is not trapped here: lbsearch ignores
    /// SIGXFSZ itself.
    @Test(arguments: [false, true])
    func aFullDiskFailsTheRunCleanly(full: Bool) throws {
        try GeneratedCorpus.write(1200, into: folder, version: 0)
        let limitBlocks = (try Data(contentsOf: URL(fileURLWithPath: index)).count + 600_000) / 512
        let binary = CLI.binary.path
        let command =
            "ulimit -f \(limitBlocks); exec '\(binary)' index \(full ? "--full" : "") --index '\(index)'"
        let run = try CLI.run(["-c", command], cwd: folder.path, executable: "/bin/sh")
        #expect(run.status == 2)
        #expect(
            run.stderr.hasPrefix("lbsearch: error: could not write the index at \(index): "),
            "\(run.stderr)")
        #expect(run.stderr.hasSuffix("; it keeps its previous state\n"))
        #expect(run.stderr.split(separator: "\n").count == 1)
        let versions = try IndexChecks.verify(index)
        #expect(versions.count >= 300)
        #expect(!FileManager.default.fileExists(atPath: IndexStore.scratchPath(for: index)))
        let status = try CLI.run(["status", "--index", index], cwd: folder.path)
        #expect(
            status.stdout.contains("result:    failed: could not write the index"),
            "\(status.stdout)")
        #expect(
            status.stdout.contains("counts:    \(versions.count - 300) added"), "\(status.stdout)")
        let next = try CLI.run(["index", "--index", index], cwd: folder.path)
        #expect(next.status == 0)
        #expect(try IndexChecks.verify(index).count == 1200)
    }

    /// A root added by a run that failed part-way is not shown as "ok": `status` says its run did
    /// not finish (with what it committed) until a plain `lbsearch index` finishes it.
    @Test func aNewRootWhoseRunFailedIsShownUnfinished() throws {
        for n in 0..<600 {
            let words = (0..<300).map { "w\(n)x\($0)" }.joined(separator: " ")
            try folder.write("more/m\(n / 100)/f\(n).txt", "More \(n)\n\n\(words)")
        }
        let more = folder.file("more")
        let limitBlocks = (try Data(contentsOf: URL(fileURLWithPath: index)).count + 300_000) / 512
        let command =
            "ulimit -f \(limitBlocks); exec '\(CLI.binary.path)' index more --index '\(index)'"
        let failed = try CLI.run(["-c", command], cwd: folder.path, executable: "/bin/sh")
        #expect(failed.status == 2, "\(failed.stderr)")
        let status = try CLI.run(["status", "--index", index], cwd: folder.path)
        #expect(status.stdout.contains("\(folder.file("corpus")) (ok, 300 documents)\n"))
        let line = try #require(
            status.stdout.split(separator: "\n").first { $0.contains(more) }, "\(status.stdout)")
        #expect(
            line.contains("\(more) (not fully indexed: the run that added it did not finish; "),
            "\(line)")
        #expect(line.hasSuffix(" documents so far; 'lbsearch index' finishes it)"), "\(line)")
        let json = try CLI.run(["status", "--json", "--index", index], cwd: folder.path)
        #expect(json.stdout.contains("{\"root\":\"\(more)\",\"state\":\"unfinished\","))
        #expect(try CLI.run(["index", "--index", index], cwd: folder.path).status == 0)
        let finished = try CLI.run(["status", "--index", index], cwd: folder.path)
        #expect(finished.stdout.contains("\(more) (ok, 600 documents)\n"), "\(finished.stdout)")
    }
}
