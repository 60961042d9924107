import Testing

@testable import LBSearchCore

/// Errors are data: user errors apart from internal ones, each with one line of words.
struct LBSearchErrorTests {
    static let path = "/tmp/x/index.db"

    static let user: [LBSearchError] = [
        .noIndex(path: path), .notAnIndex(path: path), .newerIndex(path: path),
        .outdatedIndex(path: path), .readOnlyIndex(path: path), .indexBusy(path: path, pid: 7),
        .cannotOpenIndex(path: path, reason: .isFolder),
        .cannotOpenIndex(path: path, reason: .cannotCreateFolder("/tmp/x")),
        .cannotOpenIndex(path: path, reason: .notAFile(.device)),
        .export(.checkpointNotAFile(path: "sync.run", kind: .fifo)),
        .emptyQuery, .noRoots, .rootNotFound(path: "/a"), .notARoot(path: "/a"),
        .rootUnavailable(RootStatus(root: "/a", state: .missing, documents: 3)),
        .cannotWriteOutput(path: "hits.csv", reason: .folder),
        .unknownOption("-dash.txt"), .badOption(.unknown("--colour")),
        .cannotReadFile(path: "q.jsonl"),
        .unknownRankingSetting("k9=1"), .onlyExclusions, .onlyExclusionsRead(limit: 256),
        .invalidDate("2025-13"), .reversedDates(from: "2024", to: "2023", in: .filter),
        .reversedDates(from: "2024", to: "2023", in: .options),
        .tooFewOpenFiles(limit: 10, needed: 32), .tooManyOpenFiles(path: path, limit: 40),
        .tooManyOpenFiles(path: path, limit: nil),
        .noFreeOpenFiles(limit: 40), .noFreeOpenFiles(limit: nil),
    ]

    static let `internal`: [LBSearchError] = [
        .corruptIndex(path: path),
        .damagedIndex(path: path, report: HealthReport(problems: [.fullTextIndex])),
        .cannotOpenIndex(path: path, reason: .permissionDenied),
        .cannotOpenIndex(path: path, reason: .inputOutput),
        .cannotOpenIndex(path: path, reason: .busy),
        .cannotOpenIndex(path: path, reason: .lockFile(errno: 5)),
        .cannotOpenIndex(path: path, reason: .storage(code: 1)),
        .writeFailed(path: path, reason: .diskFull),
        .writeFailed(path: path, reason: .diskFullOrFailing),
        .writeFailed(path: path, reason: .inputOutput),
        .writeFailed(path: path, reason: .system(errno: 28)),
        .outputFailed(errno: 28),
    ]

    @Test(arguments: user)
    func userErrorsAreTheUsers(_ error: LBSearchError) {
        #expect(error.kind == .user)
    }

    @Test(arguments: `internal`)
    func internalErrorsAreNot(_ error: LBSearchError) {
        #expect(error.kind == .internal)
        #expect(!error.isAboutTheQuery)
    }

    @Test func queryErrorsAreUserErrorsAboutTheQueryText() {
        let query: [LBSearchError] = [
            .emptyQuery, .onlyExclusions, .onlyExclusionsRead(limit: 256), .invalidDate("May"),
        ]
        #expect(Self.user.filter(\.isAboutTheQuery).count == 5)
        for error in query {
            #expect(error.isAboutTheQuery && error.kind == .user)
        }
        #expect(!LBSearchError.noIndex(path: Self.path).isAboutTheQuery)
    }

    @Test(arguments: user + `internal`)
    func everyErrorIsOneLineOfWords(_ error: LBSearchError) {
        let message = error.description
        #expect(message.count > 10)
        #expect(!message.contains("\n"))
        #expect(!message.contains("SQLITE") && !message.contains("Error("))
    }

    /// The words are written in one place, from the values the error carries.
    @Test func messagesAreMadeFromTheValues() {
        #expect(
            LBSearchError.unknownOption("-dash.txt").description
                == "unknown option '-dash.txt'; to name a file that starts with '-', write './-dash.txt' or put '--' before it"
        )
        #expect(LBSearchError.cannotReadFile(path: "q.jsonl").description == "cannot read q.jsonl")
        #expect(
            LBSearchError.unknownRankingSetting("k9=1").description
                == "unknown ranking setting 'k9=1'")
        #expect(
            LBSearchError.writeFailed(path: Self.path, reason: .system(errno: 28)).description
                == "could not write the index at \(Self.path): No space left on device; it keeps its previous state"
        )
        #expect(
            LBSearchError.cannotWriteOutput(path: "hits.csv", reason: .database).description
                == "cannot write hits.csv: it is an SQLite database, which output would destroy; choose another path with --output"
        )
        #expect(
            LBSearchError.outputFailed(errno: 28).description
                == "could not write the output: No space left on device")
        #expect(
            LBSearchError.tooManyOpenFiles(path: Self.path, limit: 40).description
                == "cannot open \(Self.path): too many open files (ulimit -n is 40); raise the limit, e.g. ulimit -n 1024"
        )
        #expect(
            LBSearchError.cannotOpenIndex(path: Self.path, reason: .lockFile(errno: 13))
                .description
                == "cannot open the index at \(Self.path): cannot create its lock file: Permission denied"
        )
    }
}
