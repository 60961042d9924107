import Foundation

/// `lbsearch status --json` and the server's `/api/status`: the status as one JSON object.
extension IndexStatus {
    /// The status as one JSON object (index, bytes, roots, documents, versions, last run).
    public var json: String {
        var fields: [(String, JSONValue)] = [
            ("index", .string(path)), ("bytes", .number(Double(bytes))),
            ("roots", .array(roots.map(JSONValue.string))),
            ("root_states", .array(rootStates.map(Self.json))),
            ("documents", .number(Double(documents))), ("files", .number(Double(files))),
            ("schema", .string(schemaVersion)), ("tokenizer", .string(tokenizer)),
        ]
        fields.append(("last_run", lastRun.map(Self.json) ?? .null))
        fields.append(("changes_since", changesSince.map { .number(Double($0)) } ?? .null))
        return JSONValue.object(fields).serialized()
    }

    /// One root: its path, state and documents.
    static func json(_ root: RootStatus) -> JSONValue {
        .object([
            ("root", .string(root.root)), ("state", .string(root.state.name)),
            ("documents", .number(Double(root.documents))),
        ])
    }

    /// One run: result, error, kind, process, times and counts.
    static func json(_ run: RunRecord) -> JSONValue {
        let r = run.report
        let result: String
        switch run.outcome {
        case .running: result = "running"
        case .succeeded: result = "ok"
        case .partial: result = "partial"
        case .failed: result = "failed"
        case .interrupted: result = "interrupted"
        }
        var error = JSONValue.null
        if case .failed(let message) = run.outcome { error = .string(message) }
        if case .partial(let message) = run.outcome { error = .string(message) }
        return .object([
            ("result", .string(result)), ("error", error), ("full", .bool(run.full)),
            ("pid", .number(Double(run.pid))),
            ("started", .string(timestamp(run.started))),
            ("ended", run.ended.map { .string(timestamp($0)) } ?? .null),
            ("added", .number(Double(r.added))), ("updated", .number(Double(r.updated))),
            ("moved", .number(Double(r.moved))), ("removed", .number(Double(r.removed))),
            ("unchanged", .number(Double(r.unchanged))), ("skipped", .number(Double(r.skipped))),
            ("tokenized", .number(Double(r.tokenized))),
            ("seconds", .number((r.seconds * 1000).rounded() / 1000)),
            ("id", .number(Double(run.id))),
        ])
    }

    /// ISO 8601 in the local time zone, with its offset.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = .current
        return formatter.string(from: date)
    }
}
