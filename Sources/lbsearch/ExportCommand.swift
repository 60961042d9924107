import ArgumentParser
import Foundation
import LBSearchCore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every indexed document, or what changed since a run, for another engine.",
        discussion: """
            Writes every document with all its fields (id, title, body, date, source, url, \
            tags, path, hash) as NDJSON, one JSON object a line (Typesense, Meilisearch, \
            Quickwit), or as OpenSearch/Elasticsearch _bulk bodies. With --changes-since RUN \
            (a run id that 'lbsearch status' shows) or --checkpoint FILE, only what the runs \
            after it added, changed, moved or removed: a removed document is \
            {"id": ID, "deleted": true} (a delete action in bulk). Ids and paths are as a \
            search run in the same folder shows them.

            Examples:
              lbsearch export -o all.ndjson
              lbsearch export --checkpoint sync.run -o changes.ndjson

            Exit status: 0 written, 2 error (the change log no longer reaches back to RUN: do \
            a full export).
            """)

    @OptionGroup var indexOptions: IndexOptions

    @Option(help: "Output format: ndjson or bulk (OpenSearch/Elasticsearch _bulk).")
    var format = ExportFormatChoice.ndjson

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Only what the runs after this one changed (a run id from 'lbsearch status').",
            valueName: "run"))
    var changesSince: Int64?

    @Option(
        help: ArgumentHelp(
            "Export the changes since the run this file holds (all when it is absent), then "
                + "record the last run exported in it.",
            valueName: "file"))
    var checkpoint: String?

    func run() throws {
        if let changesSince, changesSince < 0 {
            throw LBSearchError.badOption(.negativeCount(option: "--changes-since"))
        }
        if changesSince != nil, checkpoint != nil {
            throw LBSearchError.export(.conflictingOptions("--changes-since", "--checkpoint"))
        }
        let index = indexOptions.location.path
        let store = try IndexStore.open(at: index, create: false)
        let since = try changesSince ?? checkpoint.flatMap(ExportCheckpoint.read)
        let stream = try output.map { try ExportStream.file($0, index: index) } ?? .standardOutput()
        let covered = try write(store, since: since, to: stream)
        if let checkpoint { try ExportCheckpoint.write(covered, to: checkpoint, index: index) }
    }

    /// Streams the export to `stream`; returns the last run it covers.
    func write(_ store: IndexStore, since: Int64?, to stream: ExportStream) throws -> Int64 {
        do {
            let covered = try stream.guarding {
                let base = FileManager.default.currentDirectoryPath
                return try store.export(since: since, displayBase: base) { record in
                    try stream.write(NDJSONExport.line(record))
                }
            }
            try stream.finish()
            return covered
        } catch let failure as StreamWriter.Failure {
            stream.discard()
            if failure == .readerGone { Terminal.endForClosedPipe() }
            throw LBSearchError.outputFailed(errno: Self.errno(failure))
        } catch {
            stream.discard()
            throw error
        }
    }

    static func errno(_ failure: StreamWriter.Failure) -> Int32 {
        if case .failed(let code) = failure { return code }
        return EPIPE
    }
}

enum ExportFormatChoice: String, ExpressibleByArgument, CaseIterable {
    case ndjson, bulk
}
