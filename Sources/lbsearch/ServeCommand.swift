import ArgumentParser
import Dispatch
import Foundation
import LBSearchCore
import LBSearchServer

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the index over HTTP: a search page and a JSON API.",
        discussion: """
            Opens a search page at http://HOST:PORT/ and answers:
              /api/search?q=…       what 'lbsearch search --format json' prints, plus
                                    facet counts (limit, offset, sort, match, since,
                                    until, expand, recent as on the command line)
              /api/document/ID      one document, with ?q=… its matches marked
              /api/export.csv?q=…   what '--format csv' prints
              /api/status           what 'lbsearch status --json' prints
            Errors are JSON {"error": "…"}: 400 for a bad parameter, 404 for an
            unknown id, 503 when the index is missing or damaged.

            It reads while 'lbsearch index' writes, and picks up an index that
            'lbsearch index --full' rebuilt without a restart. It listens on
            127.0.0.1 unless --host says otherwise (the archive is then readable
            from the network). Ctrl-C or SIGTERM stop it.

            Exit status: 0 when stopped, 2 when it cannot start.
            """)

    @OptionGroup var indexOptions: IndexOptions

    @Option(help: "The address to listen on (127.0.0.1: this machine only).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port: UInt16 = 8080

    func run() throws {
        // As a search does: in an lbsearch checkout, a first run indexes the bundled corpus.
        let path = try Search.openStore(indexOptions).path
        let service = SearchService(
            archive: ArchiveReader(path: path),
            displayBase: FileManager.default.currentDirectoryPath)
        let server = try SearchServer(service: service, host: host, port: port)
        if SearchServer.isExposed(host) {
            Terminal.warn(
                "listening on \(host): anyone who can reach this address can read the archive")
        }
        try Self.serve(server, host: host, port: port)
    }

    /// Runs `server` until SIGINT or SIGTERM, printing its address once it listens.
    static func serve(_ server: SearchServer, host: String, port: UInt16) throws {
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let signals = stopOnSignals(server, failure)
        Task {
            do { try await server.run() } catch { failure.error = error }
            done.signal()
        }
        Task {
            guard let port = try? await server.waitUntilListening() else { return }
            let shown = host.contains(":") ? "[\(host)]" : host
            try? Terminal.write("lbsearch: serving http://\(shown):\(port)/ (Ctrl-C stops)\n")
        }
        done.wait()
        withExtendedLifetime(signals) {}
        if failure.error != nil, !failure.stopping {
            let shown = host.contains(":") ? "[\(host)]" : host
            throw LBSearchError.cannotListen(address: "\(shown):\(port)")
        }
    }

    /// Stops `server` on SIGINT or SIGTERM (the sources must be kept alive).
    static func stopOnSignals(_ server: SearchServer, _ failure: FailureBox)
        -> [DispatchSourceSignal]
    {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                failure.stopping = true
                Task { await server.stop(timeout: 2) }
            }
            source.resume()
            return source
        }
    }
}

/// The error that ended the server, handed from its task to the waiting thread, and whether a
/// signal asked it to stop (an error then is the stop, not a failure).
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    private var stopRequested = false

    var stopping: Bool {
        get { lock.withLock { stopRequested } }
        set { lock.withLock { stopRequested = newValue } }
    }

    var error: Error? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
