import ArgumentParser
import Foundation
import LBSearchCore

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the index holds and how the last index run went.",
        discussion: """
            Shows the index file and its size, the indexed roots (each with its \
            documents, and whether the last run could read it, or stopped before \
            indexing a root it added), the number of \
            documents, the schema and tokenizer versions, and the last run: when it \
            started and ended, its result (ok, partial when a root could not be read, \
            failed with the error, running, or \
            interrupted when its process died), its counts, and its run id, with the \
            oldest run 'lbsearch export --changes-since' still takes.

            Exit status: 0, or 2 when the index cannot be read.
            """)

    @OptionGroup var indexOptions: IndexOptions

    @Flag(help: "Print the status as one JSON object.")
    var json = false

    func run() throws {
        let status = try IndexStore.open(at: indexOptions.location.path, create: false).status()
        let text = status.text.split(separator: "\n", omittingEmptySubsequences: false).map {
            TerminalSafety.sanitize(String($0))
        }
        try Terminal.write((json ? status.json : text.joined(separator: "\n")) + "\n")
    }
}

extension IndexStatus {
    var text: String {
        var lines = [
            "index:     \(path) (\(Self.megabytes(bytes)))",
            "roots:     \(rootStates.isEmpty ? "(none)" : rootStates.map(Self.line).joined(separator: "\n           "))",
            "documents: \(documents) in \(files) files",
            "schema:    \(schemaVersion)",
            "tokenizer: \(tokenizer)",
        ]
        guard let run = lastRun else {
            return (lines + ["last run:  (none recorded)"]).joined(separator: "\n")
        }
        let kind = run.full ? "full rebuild" : "incremental"
        let end = run.ended.map { " to \(Self.timestamp($0))" } ?? ""
        lines.append("last run:  \(kind), pid \(run.pid), \(Self.timestamp(run.started))\(end)")
        lines.append("result:    \(run.outcome)")
        lines.append("run id:    \(run.id)" + Self.changeLog(changesSince))
        let r = run.report
        lines.append(
            "counts:    \(r.added) added, \(r.updated) updated, \(r.moved) moved, \(r.removed) removed, "
                + "\(r.unchanged) unchanged, \(r.skipped) skipped, \(r.tokenized) tokenized in \((r.seconds * 100).rounded() / 100)s"
        )
        return lines.joined(separator: "\n")
    }

    /// `/a (ok, 12 documents)`, or what is wrong and how to remove the kept documents (or, for
    /// a root whose first run did not finish, to finish it).
    static func line(_ root: RootStatus) -> String {
        switch root.state {
        case .available: return "\(root.root) (ok, \(root.documents) documents)"
        case .unfinished:
            return "\(root.root) (\(root.state); \(root.documents) documents so far; "
                + "'lbsearch index' finishes it)"
        default: break
        }
        return "\(root.root) (\(root.state): \(root.documents) documents kept; "
            + "'lbsearch index --forget \(root.root)' removes them)"
    }

    /// Which runs `export --changes-since` accepts.
    static func changeLog(_ since: Int64?) -> String {
        guard let since else { return "" }
        return " (export --changes-since takes run \(since) or later)"
    }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
