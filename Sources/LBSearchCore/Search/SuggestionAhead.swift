import GRDB

/// "Did you mean" made on a second processor while a loosened query is ranked.
///
/// When no document has every word of a query, the search loosens it, and then always ends
/// with a suggestion (`Searcher.search(parsed:_:)`: the loosened query found nothing or is
/// `relaxed`). The suggestion reads only the vocabulary, so a read connection of its own
/// (`HelperScan`, checked to read the same state) makes it while the first connection ranks
/// the loosened query: on a million documents each took 20–50 ms. The search uses it where it
/// would have made it itself, and it is made the same way: the same words (a bounded query's
/// are the typed ones), the same index, the same deadline.
final class SuggestionAhead {
    private let helper: HelperScan<String?>
    private let database: DatabaseQueue
    private var finished: Result<String??, any Error>?

    /// Where a search leaves the suggestion it started.
    final class Slot {
        var started: SuggestionAhead?
    }

    /// Starts making the suggestion for `text` (parsed as `query`).
    ///
    /// nil when no processor is free or `db` is not a file a second connection can open.
    init?(text: String, query: Query, budget: QueryBudget, _ db: Database) throws {
        let processors = ScanSplit.machineProcessors
        guard processors >= 2, let path = SplitScan.filePath(db) else { return nil }
        let state = try FTS5State(db)
        guard ScanThreads.shared.takeHelper(processors: processors) else { return nil }
        guard let second = SplitScan.open(path) else {
            ScanThreads.shared.releaseHelper()
            return nil
        }
        database = second
        let deadline = budget.sharingStart()
        helper = HelperScan(state: state, database: second) { db in
            try deadline.bounded(db) { try Suggester().suggestion(for: text, query: query, db) }
                ?? nil
        }
        helper.start()
    }

    deinit { _ = wait() }

    /// The suggestion made (nil inside: none to make), or nil when the helper could not make
    /// it (another state of the index, a failure, the deadline): the search then makes it.
    func suggestion() -> String?? {
        guard case .success(let value) = wait() else { return nil }
        return value
    }

    /// Waits for the helper once, then releases its processor and connection.
    @discardableResult
    func wait() -> Result<String??, any Error> {
        if let finished { return finished }
        let outcome = helper.wait()
        ScanThreads.shared.releaseHelper()
        try? database.close()
        finished = outcome
        return outcome
    }
}
