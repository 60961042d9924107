import ArgumentParser
import Foundation
import LBSearchCore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every indexed document, or what changed since a run, for another engine.",
        discussion: """
            Writes every document with all its fields (id, title, body, date, source, url, \
            tags, path, hash) as NDJSON, one JSON object a line (Typesense, Meilisearch, \
            Quickwit), or as OpenSearch/Elasticsearch _bulk bodies. With --changes-since RUN \
            (a run id that 'lbsearch status' shows) or --checkpoint FILE, only what the runs \
            after it added, changed, moved or removed, each document once as it is now: a \
            removed document is {"id": ID, "deleted": true} (a delete action in bulk). Ids and \
            paths are as a search run in the same folder shows them: export from one folder.

            --format bulk -o STEM.EXT writes parts STEM-0001.EXT, STEM-0002.EXT, ... of at most \
            --max-bytes each (a larger document gets a part of its own, with a warning); to \
            standard output it must fit in one. --mapping opensearch prints the index settings \
            and mapping whose analyzers match lbsearch's tokenizer.

            Examples:
              lbsearch export -o all.ndjson
              lbsearch export --checkpoint sync.run -o changes.ndjson
              lbsearch export --format bulk --index-name news > bulk.ndjson
              lbsearch export --mapping opensearch

            Exit status: 0 written, 2 error (the change log no longer reaches back to RUN: do \
            a full export).
            """)

    @OptionGroup var indexOptions: IndexOptions

    @Option(help: "Output format: ndjson (default) or bulk (OpenSearch/Elasticsearch _bulk).")
    var format: ExportFormatChoice?

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp(
            "Write to this file instead of standard output (bulk: numbered parts; a dash is standard output).",
            valueName: "file"))
    var output: String?

    /// The file to write: nil for standard output (no `-o`, or `-o -` as for a search).
    var destination: String? { output == "-" ? nil : output }

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

    @Option(
        help: ArgumentHelp(
            "Bulk: largest part in bytes (default 10000000).", valueName: "bytes"))
    var maxBytes: Int?

    @Option(
        help: ArgumentHelp(
            "Bulk: the _index of every action (default lbsearch).", valueName: "name"))
    var indexName: String?

    @Option(
        help: ArgumentHelp(
            "Print the index mapping for this engine: opensearch.", valueName: "engine"))
    var mapping: MappingChoice?

    var request: ExportRequest {
        ExportRequest(
            format: format.map { $0 == .bulk ? .bulk : .ndjson }, changesSince: changesSince,
            checkpoint: checkpoint, maxBytes: maxBytes, indexName: indexName)
    }

    func run() throws {
        try LBSearchError.checkPath(output, option: "--output")
        if mapping != nil { return try writeMapping() }
        let request = request
        try request.check()
        let index = indexOptions.location.path
        let store = try IndexStore.open(at: index, create: false)
        let since = try changesSince ?? checkpoint.flatMap(ExportCheckpoint.read)
        let covered =
            try request.format == .bulk
            ? writeBulk(store, since: since, index: index)
            : writeNDJSON(store, since: since, index: index)
        if let checkpoint { try ExportCheckpoint.write(covered, to: checkpoint, index: index) }
    }

    /// `--mapping`: takes no other export option but `-o`.
    func writeMapping() throws {
        let others: [(String, Bool)] = [
            ("--format", format != nil), ("--changes-since", changesSince != nil),
            ("--checkpoint", checkpoint != nil), ("--max-bytes", maxBytes != nil),
            ("--index-name", indexName != nil),
        ]
        if let other = others.first(where: \.1) {
            throw LBSearchError.export(.conflictingOptions("--mapping", other.0))
        }
        let stream =
            try destination.map { try ExportStream.file($0, index: nil) } ?? .standardOutput()
        try Self.writing(stream) {
            try stream.write(OpenSearchMapping.json)
            try stream.finish()
        }
    }

    func writeNDJSON(_ store: IndexStore, since: Int64?, index: String) throws -> Int64 {
        let stream =
            try destination.map { try ExportStream.file($0, index: index) } ?? .standardOutput()
        return try Self.writing(stream) {
            let covered = try stream.guarding {
                try store.export(since: since, displayBase: Self.base) { record in
                    try stream.write(NDJSONExport.line(record))
                }
            }
            try stream.finish()
            return covered
        }
    }

    func writeBulk(_ store: IndexStore, since: Int64?, index: String) throws -> Int64 {
        let parts = BulkParts(
            maxBytes: maxBytes ?? BulkParts.defaultMaxBytes, output: destination, index: index
        ) { id in
            Terminal.warn("document \(id) is larger than --max-bytes; it has a part of its own")
        }
        let name = indexName ?? BulkExport.defaultIndexName
        let standardOutput = ExportStream.standardOutput()
        defer { parts.discard() }
        return try Self.writing(standardOutput) {
            let covered = try store.export(since: since, displayBase: Self.base) { record in
                try parts.add(BulkExport.lines(record, indexName: name), id: record.id)
            }
            try parts.finish(standardOutput: standardOutput)
            return covered
        }
    }

    /// Paths and ids are shown relative to the working folder, as a search shows them.
    static var base: String { FileManager.default.currentDirectoryPath }

    /// Runs `body`; a closed standard output ends quietly, another write failure is one line,
    /// and an unfinished file is removed.
    static func writing<T>(_ stream: ExportStream, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as StreamWriter.Failure {
            stream.discard()
            if failure == .readerGone { Terminal.endForClosedPipe() }
            if case .failed(let code) = failure { throw LBSearchError.outputFailed(errno: code) }
            throw LBSearchError.outputFailed(errno: EPIPE)
        } catch {
            stream.discard()
            throw error
        }
    }
}

enum ExportFormatChoice: String, ExpressibleByArgument, CaseIterable {
    case ndjson, bulk
}

enum MappingChoice: String, ExpressibleByArgument, CaseIterable {
    case opensearch
}
