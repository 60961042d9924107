import Foundation
import LBSearchTestSupport
import Testing

/// `lbsearch show`: one document whole, found by what a search shows.
@Suite(.serialized)
struct ShowCommandTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        try folder.write(
            "docs/ai-art.md",
            "---\ntitle: AI art today\ndate: 2024-05-01\nsource: Wire\nurl: https://example.org/a\n---\n\nA studio uses AI art for backgrounds.\n\nPainters still paint the key frames."
        )
        try folder.write(
            "docs/records.jsonl",
            #"{"_id": "k1", "title": "Key frames", "text": "Animators draw key frames first."}"#
                + "\n"
                + #"{"_id": "k2", "title": "In\u001b[31mbetween", "text": "Red \u001b]0;pwned\u0007text and \u001b[2Jmore art."}"#
                + "\n")
        let run = try CLI.run(["index", "docs", "--index", "idx.db"], cwd: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
    }

    func show(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Run {
        try CLI.run(
            ["show"] + arguments + ["--index", "idx.db"], cwd: folder.path, environment: environment
        )
    }

    @Test func byPathPrintsTheFieldsThenTheWholeText() throws {
        let run = try show(["docs/ai-art.md"])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(
            run.stdout == """
                AI art today
                date: 2024-05-01
                source: Wire
                url: https://example.org/a
                path: docs/ai-art.md

                A studio uses AI art for backgrounds.

                Painters still paint the key frames.

                """)
        #expect(try show([folder.file("docs/ai-art.md")]).stdout == run.stdout)
    }

    /// What a search's text output shows on a hit's second line names the document.
    @Test func theLocationASearchShowsIsAnID() throws {
        let search = try CLI.run(["key", "frames", "--index", "idx.db"], cwd: folder.path)
        let lines = search.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        // Each hit's second line ends with its location.
        let locations = zip(lines, lines.dropFirst()).filter { $0.0.first?.isNumber == true }
            .compactMap { $0.1.split(separator: " · ").last }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(locations.contains("docs/records.jsonl#k1"))
        for location in locations {
            let run = try show([location])
            #expect(run.status == 0, "\(location): \(run.stderr)")
        }
    }

    @Test func byJSONLRecord() throws {
        let run = try show(["docs/records.jsonl#k1"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("Key frames\npath: docs/records.jsonl#k1\n\nAnimators draw"))
        #expect(try show(["k1"]).stdout == run.stdout)
    }

    @Test func queryMatchesAreHighlightedInColourWhenForced() throws {
        let run = try show(["docs/ai-art.md", "--query", "paint AI", "--color", "always"])
        let match = "\u{1B}[1;31m"
        #expect(run.stdout.contains("uses \(match)AI\u{1B}[0m art"))
        #expect(run.stdout.contains("Painters still \(match)paint\u{1B}[0m the"))
        let plain = try show(["docs/ai-art.md", "-q", "\"key frames\""])
        #expect(plain.stdout.contains("paint the [key frames]."))
    }

    @Test func jsonHasTheStoredFields() throws {
        let run = try show(["k1", "--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "k1")
        #expect(object["path"] as? String == "docs/records.jsonl")
        #expect(object["title"] as? String == "Key frames")
        #expect(object["text"] as? String == "Animators draw key frames first.")
        #expect(object.keys.contains("url") && object.keys.contains("date"))
    }

    @Test(arguments: ["nothing.md", "docs/records.jsonl#k9", "k9", "docs/records.jsonl"])
    func unknownOrAmbiguousIsOneLineAndExitTwo(reference: String) throws {
        let run = try show([reference])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.hasPrefix("lbsearch: error: ")
                && run.stderr.split(separator: "\n").count == 1)
    }

    @Test func escapeBytesInADocumentNeverReachTheTerminal() throws {
        for arguments in [["k2"], ["k2", "--color", "always", "-q", "art"]] {
            let run = try show(arguments)
            #expect(run.status == 0)
            let escapes = run.stdout.unicodeScalars.filter { $0 == "\u{1B}" || $0 == "\u{07}" }
            let ours = run.stdout.components(separatedBy: "\u{1B}[").count - 1
            #expect(escapes.count == ours, "\(run.stdout.debugDescription)")
            #expect(run.stdout.contains("Red ]0;pwnedtext and [2Jmore"))
        }
    }

    @Test func aClosedPipeEndsQuietly() throws {
        let long = (1...3000).map { "Line \($0) about art." }.joined(separator: "\n")
        try folder.write("docs/long.txt", "Long\n\n" + long)
        _ = try CLI.run(["index", "--index", "idx.db"], cwd: folder.path)
        let binary = CLI.binary.path
        let run = try CLI.run(
            ["-c", "'\(binary)' show docs/long.txt --index idx.db | head -1"], cwd: folder.path,
            executable: "/bin/sh")
        #expect(run.stdout == "Long\n" && run.stderr.isEmpty, "\(run.stderr)")
    }

    /// On a terminal the text goes through $PAGER; a pager that cannot start is no error.
    @Test func aTerminalGetsThePager() throws {
        let paged = folder.file("paged.txt")
        let run = try PseudoTerminal.run(
            ["show", "k1", "--index", "idx.db"], cwd: folder.path,
            environment: ["PAGER": "tee '\(paged)' >/dev/null"], stdoutToo: true)
        #expect(run.status == 0)
        let text = try String(contentsOfFile: paged, encoding: .utf8)
        #expect(text.hasPrefix("\u{1B}[1mKey frames"))
        #expect(!run.terminal.contains("Animators"))
        let missing = try PseudoTerminal.run(
            ["show", "k1", "--index", "idx.db"], cwd: folder.path,
            environment: ["PAGER": "no-such-pager-here -R"], stdoutToo: true)
        #expect(missing.status == 0 && missing.terminal.contains("Animators draw"))
    }

    /// The example of `lbsearch show --help` works on the bundled corpus, in a checkout.
    @Test func theHelpExampleWorksOnTheBundledCorpus() throws {
        let help = try CLI.run(["show", "--help"], cwd: folder.path).stdout
        let example = try #require(
            help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix("lbsearch show ") })
        let checkout = try CLITests.checkout()
        let run = try CLI.run(
            ["-c", example.replacingOccurrences(of: "lbsearch", with: "'\(CLI.binary.path)'")],
            cwd: checkout.path, executable: "/bin/sh")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Copyright Office Says [AI] [Art] Needs"))
        #expect(run.stdout.contains("most detailed statement yet on [AI] [art]"))
    }

    /// The pager runs in the terminal's foreground process group.
    ///
    /// So `less` may read keys (in a group of its own it would stop at its first read). Needs `script` for a session
    /// with a controlling terminal.
    @Test func thePagerIsInTheForeground() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            print("skipped: needs /usr/bin/script")
            return
        }
        let pager =
            #"cat >/dev/null; awk '{print ($5 == $8 ? "FORE" "GROUND" : "BACK" "GROUND")}' /proc/$$/stat"#
        let command = "'\(CLI.binary.path)' show k1 --index idx.db"
        let run = try CLI.run(
            ["-qec", command, "/dev/null"], cwd: folder.path,
            environment: ["PAGER": pager, "TERM": "xterm"], executable: "/usr/bin/script")
        #expect(run.status == 0)
        #expect(run.stdout.contains("FOREGROUND"), "\(run.stdout.debugDescription)")
    }
}
