import Foundation
import LBSearchTestSupport
import Testing

/// Every `lbsearch …` example of the README and of `--help` works on the bundled corpus.
///
/// The README's code blocks and each command's `--help` discussion are read; each example runs
/// in a fresh clone's layout: exit 0, some output, and for a search its named document among
/// the top hits. A new or changed example needs its line in `expectations`, so an example that
/// stops finding its document fails here.
@Suite(.serialized)
struct ExampleCommandTests {
    /// What an example must show.
    enum Expectation: Sendable {
        /// This corpus file among the first `top` documents the output names.
        case finds(String, top: Int)
        /// Exit 0 and some output.
        case succeeds
        /// `lbsearch serve`: it answers `/api/status` (on a free port instead of the one given).
        case serves
    }

    /// Each example, as written without its comment, in the order they run: the README's, then
    /// `--help`'s.
    static let expectations: [(String, Expectation)] = [
        ("lbsearch \"AI art\"", .finds("02-fan-artists-boycott-ai-app.html", top: 1)),
        (
            "lbsearch search AI art --limit 5 --offset 5",
            .finds("06-ai-art-generators-concept-artists-roundup.txt", top: 5)
        ),
        (
            "lbsearch \"AI art\" --facets source,year --limit 3",
            .finds("02-fan-artists-boycott-ai-app.html", top: 1)
        ),
        ("lbsearch index corpus/", .succeeds),
        ("lbsearch index", .succeeds),
        (
            "lbsearch show corpus/03-copyright-office-ai-art-guidance.txt --query \"AI art\"",
            .finds("03-copyright-office-ai-art-guidance.txt", top: 1)
        ),
        (
            "lbsearch show corpus/07-manga-publisher-ai-policy-contest.md --format json",
            .finds("07-manga-publisher-ai-policy-contest.md", top: 1)
        ),
        ("lbsearch status", .succeeds),
        ("lbsearch doctor", .succeeds),
        ("lbsearch doctor --repair", .succeeds),
        (
            "lbsearch \"AI art\" --format csv -o hits.csv",
            .finds("02-fan-artists-boycott-ai-app.html", top: 1)
        ),
        (
            "lbsearch \"AI art\" --format csv --limit 10000 --timeout 0 -o all.csv",
            .finds("12-japanese-illustrators-ai-art-reactions.md", top: 14)
        ),
        (
            "lbsearch \"AI art\" --format jsonl | jq .title",
            .finds("02-fan-artists-boycott-ai-app.html", top: 1)
        ),
        ("lbsearch \"concept art\" --explain", .finds("26-sci-fi-film-concept-art.md", top: 1)),
        (
            "lbsearch \"machine translation\" --expand",
            .finds("15-simulcast-ai-subtitles.txt", top: 2)
        ),
        (
            "lbsearch \"game studio\" --recent",
            .finds("09-game-studio-controversy-store-labels.md", top: 2)
        ),
        (
            "lbsearch batch --queries docs/sample-queries.jsonl --limit 10 --format trec --tag mine > run.txt",
            .finds("41-manga-piracy-site-shutdown.txt", top: 11)
        ),
        ("lbsearch '\"key frames\" -manga'", .finds("23-cel-art-key-frame-exhibition.md", top: 1)),
        (
            "lbsearch show corpus/03-copyright-office-ai-art-guidance.txt -q \"AI art\"",
            .finds("03-copyright-office-ai-art-guidance.txt", top: 1)
        ),
        ("lbsearch index --full", .succeeds),
        ("lbsearch serve", .serves),
        ("lbsearch serve --port 9000", .serves),
        ("lbsearch export -o all.ndjson", .finds("01-studio-tests-ai-backgrounds.md", top: 1)),
        (
            "lbsearch export --checkpoint sync.run -o changes.ndjson",
            .finds("01-studio-tests-ai-backgrounds.md", top: 1)
        ),
        (
            "lbsearch export --format bulk --index-name news > bulk.ndjson",
            .finds("01-studio-tests-ai-backgrounds.md", top: 1)
        ),
        ("lbsearch export --mapping opensearch", .succeeds),
        ("lbsearch export --mapping opensearch -o mapping.json", .succeeds),
        (
            "lbsearch export --format bulk --index-name news --checkpoint bulk.run > bulk.ndjson",
            .finds("01-studio-tests-ai-backgrounds.md", top: 1)
        ),
    ]

    /// The example lines of the README's code blocks (indented or fenced), comments removed.
    static func readmeExamples() throws -> [String] {
        let readme = try String(
            contentsOfFile: GoldenOutputTests.repository + "/README.md", encoding: .utf8)
        var fenced = false
        var examples: [String] = []
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle() }
            guard fenced || line.hasPrefix("    ") else { continue }
            var text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("$ ") { text.removeFirst(2) }
            if text.hasPrefix("lbsearch ") || text == "lbsearch" {
                examples.append(withoutComment(text))
            }
        }
        return examples
    }

    /// The example lines of every command's `--help`: a line that starts with `lbsearch`, up to
    /// the two spaces before its description.
    static func helpExamples(cwd: String) throws -> [String] {
        var examples: [String] = []
        for command in try [[]] + subcommands(cwd: cwd).map({ [$0] }) {
            let help = try CLI.run(
                command + ["--help"], cwd: cwd, environment: ["COLUMNS": "1000"]
            ).stdout
            for line in help.split(separator: "\n") {
                let text = line.trimmingCharacters(in: .whitespaces)
                guard text.hasPrefix("lbsearch ") else { continue }
                let command = text.components(separatedBy: "  ").first ?? text
                examples.append(command.trimmingCharacters(in: .whitespaces))
            }
        }
        return examples
    }

    /// The subcommands `lbsearch --help` lists, but `help`.
    static func subcommands(cwd: String) throws -> [String] {
        let root = try CLI.run(["--help"], cwd: cwd).stdout
        let section = root.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        return section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }.filter { $0 != "help" && $0 != "See" }
    }

    /// `text` up to a `#` that starts a shell comment (outside quotes), trimmed.
    static func withoutComment(_ text: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for (offset, character) in text.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#", previous == " " {
                return String(text.prefix(offset)).trimmingCharacters(in: .whitespaces)
            }
            previous = character
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The words of a shell command up to a pipe or redirection, quotes removed.
    static func words(_ command: String) -> [String] {
        var words: [String] = []
        var word: String?
        var quote: Character?
        for character in command {
            if let open = quote {
                if character == open { quote = nil } else { word?.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                word = word ?? ""
            } else if character == " " {
                if let done = word { words.append(done) }
                word = nil
            } else if character == "|" || character == ">" {
                break
            } else {
                word = (word ?? "") + String(character)
            }
        }
        if quote == nil, let done = word { words.append(done) }
        return words
    }

    /// The corpus files `output` names, in order of first mention.
    static func documents(in output: String) -> [String] {
        let pattern = try? NSRegularExpression(pattern: "[0-9]{2}-[a-z0-9-]+\\.(md|txt|html)")
        let matches =
            pattern?.matches(in: output, range: NSRange(output.startIndex..., in: output)) ?? []
        var seen: [String] = []
        for match in matches {
            guard let range = Range(match.range, in: output) else { continue }
            let name = String(output[range])
            if !seen.contains(name) { seen.append(name) }
        }
        return seen
    }

    /// `lbsearch serve arguments` on a free port answers `/api/status`, then stops cleanly.
    static func checkServes(_ arguments: [String], cwd: String, _ example: String) async throws {
        let server = try ServeProcess(arguments, cwd: cwd)
        // Awaited, never waited for on a semaphore: a blocked thread of the task pool (one per
        // core) can starve the task that would wake it.
        let code = (try? await server.get("/api/status").0) ?? 0
        let (exit, errors) = server.stop()
        #expect(code == 200 && exit == 0, "\(example): \(errors)")
    }

    @Test func everyExampleHasAnExpectation() throws {
        let checkout = try CLITests.checkout()
        let examples = try Self.readmeExamples() + Self.helpExamples(cwd: checkout.path)
        #expect(examples.count >= Self.expectations.count, "\(examples)")
        let known = Set(Self.expectations.map(\.0))
        for example in examples {
            #expect(known.contains(example), "no expectation for the example: \(example)")
        }
        for (example, _) in Self.expectations {
            #expect(examples.contains(example), "no longer an example: \(example)")
        }
    }

    @Test func everyExampleWorksOnTheBundledCorpus() async throws {
        let checkout = try CLITests.checkout()
        let repository = GoldenOutputTests.repository
        try FileManager.default.createSymbolicLink(
            atPath: checkout.file("docs"), withDestinationPath: repository + "/docs")
        for (example, expectation) in Self.expectations {
            var words = Self.words(example)
            if case .serves = expectation {
                if let port = words.firstIndex(of: "--port") {
                    words.removeSubrange(port...port + 1)
                }
                try await Self.checkServes(
                    Array(words.dropFirst(2)), cwd: checkout.path, example)
                continue
            }
            let run = try CLI.run(Array(words.dropFirst()), cwd: checkout.path)
            #expect(run.status == 0, "\(example): \(run.stderr)")
            var output = run.stdout
            if let flag = words.firstIndex(where: { $0 == "-o" || $0 == "--output" }) {
                output = try String(contentsOfFile: checkout.file(words[flag + 1]), encoding: .utf8)
            }
            #expect(!output.isEmpty, "\(example) printed nothing")
            if case .finds(let document, let top) = expectation {
                let found = Self.documents(in: output).prefix(top)
                #expect(found.contains(document), "\(example): \(found)")
            }
        }
    }
}
