import Foundation
import LBSearchTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `lbsearch serve` run as a user would, with `--port 0`: it prints the address it got.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let output = Pipe()
    let errors = Pipe()
    /// `http://127.0.0.1:PORT/`, read from the first line it prints.
    let base: String

    init(_ arguments: [String], cwd: String) throws {
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line = ""
        while !line.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            line += String(decoding: data, as: UTF8.self)
        }
        base =
            line.range(of: #"http://\S+/"#, options: .regularExpression).map {
                String(line[$0])
            } ?? ""
    }

    /// The status and body of `GET path` (path and query, percent-encoded).
    func get(_ path: String) async throws -> (Int, Data) {
        guard let url = URL(string: base + path.dropFirst()) else { return (0, Data()) }
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// The JSON object of `GET path`.
    func json(_ path: String) async throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try await get(path).1) as? [String: Any] ?? [:]
    }

    /// SIGTERM, then the exit status and what it wrote on standard error.
    func stop() -> (Int32, String) {
        process.terminate()
        process.waitUntilExit()
        let text = String(
            decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, text)
    }
}

@Suite(.serialized)
struct ServeCLITests {
    let folder: TemporaryFolder
    let index: String

    init() throws {
        folder = try TemporaryFolder()
        _ = try folder.write(
            "docs/ai-art.md", "---\ntitle: AI art today\nsource: Wire\n---\n\nA studio uses AI art."
        )
        _ = try folder.write("docs/art.txt", "Title: Gallery art\n\nA show of painted art.")
        _ = try folder.write("docs/anime.txt", "Title: Anime\n\nStudios draw anime by hand.")
        index = folder.file("idx.db")
        #expect(try CLI.run(["index", "docs", "--index", index], cwd: folder.path).status == 0)
    }

    @Test(arguments: ["AI art", "art -gallery", "anime studio painted", "anme", "title:art"])
    func searchAnswersWhatSearchFormatJSONPrints(query: String) async throws {
        let server = try ServeProcess(["--index", index], cwd: folder.path)
        defer { _ = server.stop() }
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        var served = try await server.json("/api/search?limit=5&q=" + encoded)
        #expect(served.removeValue(forKey: "facets") != nil)
        let cli = try CLI.run(
            ["search", query, "--format", "json", "--limit", "5", "--index", index],
            cwd: folder.path)
        let expected = try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8))
        #expect(NSDictionary(dictionary: served) == expected as? NSDictionary)
    }

    @Test func fiftyParallelRequestsDuringAnIndexRunAreAllAnswered() async throws {
        let server = try ServeProcess(["--index", index], cwd: folder.path)
        defer { _ = server.stop() }
        _ = try GeneratedCorpus.write(600, into: folder)
        let run = try IndexProcess(
            ["index", "docs", "corpus", "--index", index], cwd: folder.path,
            pauseAt: "batch-committed")
        #expect(run.waitForPause())
        let during = try await Self.parallel(50, server)
        try run.resume()
        let racing = try await Self.parallel(50, server)
        #expect(try run.finish() == 0)
        #expect(during == Array(repeating: 200, count: 50))
        #expect(racing == Array(repeating: 200, count: 50))
        let status = try await server.json("/api/status")
        #expect(status["documents"] as? Int == 603)
    }

    /// The status codes of `count` searches sent at once.
    static func parallel(_ count: Int, _ server: ServeProcess) async throws -> [Int] {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for n in 0..<count {
                group.addTask { try await server.get("/api/search?q=art+\(n % 7)&match=any").0 }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func aFullRebuildIsServedWithoutARestart() async throws {
        let server = try ServeProcess(["--index", index], cwd: folder.path)
        defer { _ = server.stop() }
        #expect(try await server.json("/api/search?q=giraffe")["total"] as? Int == 0)
        _ = try folder.write("docs/giraffe.txt", "Title: Giraffe\n\nA giraffe in the zoo.")
        #expect(try CLI.run(["index", "--full", "--index", index], cwd: folder.path).status == 0)
        #expect(try await server.json("/api/search?q=giraffe")["total"] as? Int == 1)
        try FileManager.default.removeItem(atPath: folder.file("docs/giraffe.txt"))
        #expect(try CLI.run(["index", "--index", index], cwd: folder.path).status == 0)
        #expect(try await server.json("/api/search?q=giraffe")["total"] as? Int == 0)
    }

    @Test func sigtermStopsItCleanly() async throws {
        let server = try ServeProcess(["--index", index], cwd: folder.path)
        #expect(server.base.hasPrefix("http://127.0.0.1:"))
        #expect(try await server.get("/api/status").0 == 200)
        let (status, errors) = server.stop()
        #expect(status == 0)
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func anotherAddressThanLoopbackWarns() async throws {
        let server = try ServeProcess(["--index", index, "--host", "0.0.0.0"], cwd: folder.path)
        let (status, errors) = server.stop()
        #expect(status == 0)
        #expect(errors.contains("anyone who can reach this address can read the archive"))
    }

    @Test(arguments: [
        (["--host", "example.org"], "'example.org' is not an address to listen on"),
        (["--index", "none.db"], "none.db"),
    ])
    func whatCannotStartIsOneLineAndExit2(arguments: [String], message: String) throws {
        let run = try CLI.run(
            ["serve", "--port", "0", "--index", index] + arguments, cwd: folder.path)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("lbsearch: error: ") && run.stderr.contains(message))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func aPortInUseIsOneLineAndExit2() throws {
        let server = try ServeProcess(["--index", index], cwd: folder.path)
        defer { _ = server.stop() }
        let port = String(server.base.split(separator: ":").last?.dropLast() ?? "")
        let run = try CLI.run(["serve", "--port", port, "--index", index], cwd: folder.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot listen on 127.0.0.1:\(port)"), "\(run.stderr)")
    }
}
