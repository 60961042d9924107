import Foundation
import LBSearchTestSupport
import Testing

/// `lbsearch export` over time: change mode, checkpoints, refusals and bad options, as cron
/// and a person use it.
@Suite(.serialized)
struct ExportSyncTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("docs/a.txt", "Alpha\n\nfirst text")
        try folder.write("docs/b.txt", "Beta\n\nsecond")
        try folder.write("docs/c.txt", "Gamma\n\nthird")
        #expect(try lbsearch(["index", "docs"]).status == 0)
    }

    func lbsearch(_ arguments: [String]) throws -> CLI.Run {
        try CLI.run(arguments + ["--index", "idx.db"], cwd: folder.path)
    }

    func text(_ name: String) -> String? {
        try? String(contentsOfFile: folder.file(name), encoding: .utf8)
    }

    /// The ids of the lines of `output`, `-ID` for a deletion.
    static func ids(_ output: String) throws -> [String] {
        try output.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let id = object?["id"] as? String ?? "?"
            return object?["deleted"] as? Bool == true ? "-" + id : id
        }
    }

    @Test func aCheckpointExportsEverythingThenOnlyTheChanges() throws {
        let first = try lbsearch(["export", "--checkpoint", "sync.run"])
        #expect(try Self.ids(first.stdout) == ["docs/a.txt", "docs/b.txt", "docs/c.txt"])
        #expect(text("sync.run") == "1\n")
        try folder.write("docs/a.txt", "Alpha\n\nedited")
        try FileManager.default.moveItem(
            atPath: folder.file("docs/b.txt"), toPath: folder.file("docs/b2.txt"))
        try FileManager.default.removeItem(atPath: folder.file("docs/c.txt"))
        try folder.write("docs/d.txt", "Delta\n\nnew")
        #expect(try lbsearch(["index"]).status == 0)
        let second = try lbsearch(["export", "--checkpoint", "sync.run"])
        #expect(
            try Self.ids(second.stdout) == [
                "-docs/b.txt", "-docs/c.txt", "docs/a.txt", "docs/b2.txt", "docs/d.txt",
            ])
        #expect(text("sync.run") == "2\n")
        #expect(try lbsearch(["export", "--changes-since", "1"]).stdout == second.stdout)
        let third = try lbsearch(["export", "--checkpoint", "sync.run"])
        #expect(third.status == 0 && third.stdout.isEmpty)
    }

    /// After `--full` the log starts again: an older checkpoint is refused in one line, and
    /// neither the checkpoint nor the output file changes.
    @Test func aRebuildRefusesAnOlderCheckpointAndTouchesNothing() throws {
        #expect(
            try lbsearch(["export", "--checkpoint", "sync.run", "-o", "out.ndjson"]).status == 0)
        let written = text("out.ndjson")
        #expect(try lbsearch(["index", "--full"]).status == 0)
        let run = try lbsearch(["export", "--checkpoint", "sync.run", "-o", "out.ndjson"])
        #expect(run.status == 2 && run.stdout.isEmpty)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(
            run.stderr.hasPrefix(
                "lbsearch: error: the index no longer holds the changes since run 1 (it keeps them since run 2"
            ))
        #expect(run.stderr.contains("do a full export"))
        #expect(text("sync.run") == "1\n" && text("out.ndjson") == written)
    }

    /// A failed write leaves the checkpoint as it was and no temporary file behind; the same
    /// export run again gives the same result.
    @Test func aFailedExportLeavesTheCheckpoint() throws {
        try "0\n".write(toFile: folder.file("sync.run"), atomically: true, encoding: .utf8)
        let failed = try lbsearch([
            "export", "--checkpoint", "sync.run", "-o", "no/such/out.ndjson",
        ])
        #expect(failed.status == 2 && failed.stderr.hasPrefix("lbsearch: error: cannot write"))
        #expect(text("sync.run") == "0\n")
        let again = try lbsearch(["export", "--checkpoint", "sync.run", "-o", "out.ndjson"])
        #expect(again.status == 2, "run 0 is before the log: a full export is asked for")
        try FileManager.default.removeItem(atPath: folder.file("sync.run"))
        #expect(
            try lbsearch(["export", "--checkpoint", "sync.run", "-o", "out.ndjson"]).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.contains(".lbsearch-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test(arguments: [
        (["--changes-since", "1", "--checkpoint", "x"], "--changes-since and --checkpoint cannot"),
        (["--max-bytes", "10"], "--max-bytes needs --format bulk"),
        (["--index-name", "news"], "--index-name needs --format bulk"),
        (["--format", "bulk", "--max-bytes", "0"], "--max-bytes must be between 1 and"),
        (["--format", "bulk", "--index-name", "_News"], "'_News' is not an index name"),
        (["--mapping", "opensearch", "--changes-since", "1"], "--mapping and --changes-since"),
        (["--mapping", "solr"], "'solr' is invalid for '--mapping"),
        (["--format", "xml"], "'xml' is invalid for '--format"),
        (["--changes-since", "-1"], "--changes-since must be 0 or more"),
        (["--changes-since", "7"], "run 7 is not in this index (its latest run is 1)"),
        (["--checkpoint", "docs/a.txt"], "does not hold a run id"),
        (["--checkpoint", "/dev/null"], "the checkpoint /dev/null is a device, not a file"),
        (["--checkpoint", "docs"], "the checkpoint docs is a folder, not a file"),
        (["--checkpoint", "docs/", "-o", "out.ndjson"], "docs/ is a folder, not a file"),
        (["--format", "bulk", "--max-bytes", "250"], "would be split; write it to files with -o"),
    ])
    func badOptionsAreOneLineAndExit2(arguments: [String], message: String) throws {
        let run = try lbsearch(["export"] + arguments)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty, "nothing is written")
        #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains(message))
    }

    /// A named pipe as the checkpoint is refused before anything is read from it or exported.
    @Test func aNamedPipeCheckpointIsRefused() throws {
        #expect(mkfifo(folder.file("sync.fifo"), 0o600) == 0)
        let run = try lbsearch(["export", "--checkpoint", "sync.fifo", "-o", "out.ndjson"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("the checkpoint sync.fifo is a named pipe, not a file"))
        #expect(text("out.ndjson") == nil)
    }

    /// `-o` parts are numbered, at most --max-bytes each, and parts left by a larger earlier
    /// export are removed.
    @Test func bulkPartsAreNumberedAndStalePartsRemoved() throws {
        let run = try lbsearch([
            "export", "--format", "bulk", "--max-bytes", "200", "-o", "b.ndjson",
        ])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(text("b-0003.ndjson") != nil && text("b-0004.ndjson") == nil)
        #expect(text("b.ndjson") == nil)
        let again = try lbsearch(["export", "--format", "bulk", "-o", "b.ndjson"])
        #expect(again.status == 0)
        #expect(text("b-0002.ndjson") == nil)
        #expect(text("b-0001.ndjson")?.split(separator: "\n").count == 6)
    }

    /// `lbsearch export | head -1` ends quietly when head has read its line.
    @Test func aClosedPipeEndsQuietly() throws {
        let (corpus, index) = try CLI.indexedCorpus(300)
        let run = try CLI.run(
            [
                "-c",
                "'\(CLI.binary.path)' export --index '\(index)' | head -1; echo \"${PIPESTATUS[0]}\"",
            ],
            cwd: corpus.path, executable: "/bin/bash")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("{\"id\":"))
        #expect(["0", "141"].contains(lines.last ?? ""))
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    /// The bundled corpus: each hit of a search is exported with the fields the search shows.
    @Test func theBundledCorpusExportsWhatSearchShows() throws {
        let index = folder.file("corpus.db")
        let repository = GoldenOutputTests.repository
        #expect(try CLI.run(["index", "corpus", "--index", index], cwd: repository).status == 0)
        let export = try CLI.run(["export", "--index", index], cwd: repository)
        var exported: [String: [String: Any]] = [:]
        for line in export.stdout.split(separator: "\n") {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            exported[try #require(object["id"] as? String)] = object
        }
        let status = try CLI.run(["status", "--json", "--index", index], cwd: repository)
        let counts =
            try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(exported.count == counts?["documents"] as? Int)
        let search = try CLI.run(
            ["AI art", "--format", "json", "--limit", "50", "--index", index], cwd: repository)
        let page =
            try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any]
        let hits = try #require(page?["hits"] as? [[String: Any]])
        #expect(hits.count > 10)
        for hit in hits {
            let id = try #require(hit["id"] as? String)
            let document = try #require(exported[id], "\(id) is not exported")
            for key in ["title", "date", "source", "path", "url"] {
                #expect((hit[key] as? NSObject) == (document[key] as? NSObject), "\(id) \(key)")
            }
        }
    }
}
