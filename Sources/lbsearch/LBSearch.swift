import ArgumentParser
import Foundation
import LBSearchCore

@main
struct LBSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lbsearch",
        abstract: "Full-text search for a folder of documents, ranked, with highlighted snippets.",
        discussion: """
            Examples:
              lbsearch "AI art"               best matches, with snippets
              lbsearch '"key frames" -manga'  a phrase, without a word
              lbsearch index corpus/          index a folder; again: only changes
              lbsearch show corpus/03-copyright-office-ai-art-guidance.txt -q "AI art"
                                              one document whole, matches highlighted
              lbsearch "AI art" --format csv -o hits.csv
              lbsearch status                 what is indexed; the last run
              lbsearch doctor                 check the index for damage

            The index is .lbsearch/index.db in the current folder, or the file
            named by --index or $LBSEARCH_INDEX.
            Exit status: 0 hits found, 1 no hits, 2 error.
            """,
        version: "0.1.0",
        subcommands: [
            Search.self, Index.self, Show.self, Similar.self, Status.self, Doctor.self, Batch.self,
            Serve.self, Export.self,
        ],
        defaultSubcommand: Search.self)

    /// Runs the command and exits like grep: 0 found, 1 not found, 2 error.
    ///
    /// A write error (full disk, closed pipe, `ulimit -f`) is one line and exit 2, or a quiet end
    /// when the reader of standard output is gone.
    static func main() {
        Terminal.ignoreWriteSignals()
        var status: Int32 = 0
        do {
            try OpenFileLimit.prepare()
            if CommandLine.arguments.count == 1 { try printUsage() }
            if let plain = PlainSearch.settings(Array(CommandLine.arguments.dropFirst())) {
                try plain.check()
                try plain.run()
            } else {
                let arguments = QueryArguments.wrapped(
                    NumericArguments.joined(Array(CommandLine.arguments.dropFirst())))
                try checkDashArguments(arguments)
                var command = try parseAsRoot(arguments)
                try command.run()
            }
        } catch {
            status = Terminal.report(error, helpFor: self)
        }
        Foundation.exit(Terminal.finalStatus(status))
    }

    /// The subcommands a mistyped first word may be meant for (`search` is the default).
    ///
    /// Every command names itself in its configuration: a name derived from the type goes
    /// through `String(describing:)`, a scan of the binary's protocol conformances at each start.
    static var commandNames: [String] {
        configuration.subcommands.map { $0._commandName }.filter { $0 != "search" } + ["help"]
    }

    /// Bare `lbsearch`: a short usage on standard output, then exit 0.
    ///
    /// Every subcommand has a line (a test checks it against `configuration.subcommands`).
    static let usage = """
        usage: lbsearch WORDS... [options]     search the index (also 'lbsearch search')
               lbsearch index [FOLDER...]      index folders; again: only what changed
               lbsearch show DOCUMENT [-q Q]   one document whole, matches highlighted
               lbsearch similar DOCUMENT       the documents most like one document
               lbsearch status                 what the index holds; the last run
               lbsearch doctor [--repair]      check the index for damage
               lbsearch batch --queries FILE   a TREC run for a BEIR queries.jsonl
               lbsearch serve [--port 8080]    a search page and JSON API over HTTP
               lbsearch export [-o FILE]       every document as NDJSON, or what changed

        Example: lbsearch "AI art"    More: lbsearch --help, lbsearch help COMMAND

        """

    /// Prints `usage` and ends with exit 0.
    static func printUsage() throws {
        try Terminal.write(usage)
        throw ExitCode.success
    }

    /// Help is `-h` or `--help` alone.
    ///
    /// ArgumentParser reads `-dash.txt` as the short flags `-d -a -s -h …` and prints help with
    /// exit 0; any such word (before `--`) with an `h` in it is an unknown option instead, with the
    /// way to name a file that starts with '-'.
    static func checkDashArguments(_ arguments: [String]) throws {
        for argument in arguments.prefix(while: { $0 != "--" }) {
            guard argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.count > 2 else {
                continue
            }
            let letters = argument.dropFirst()
            guard letters.contains("h"), !letters.allSatisfy({ "hq".contains($0) }) else {
                continue
            }
            throw LBSearchError.unknownOption(argument)
        }
    }
}
