/// Whether an indexed root could be read by a run.
public enum RootState: Sendable, Hashable, CustomStringConvertible {
    case available
    /// It no longer exists.
    case missing
    /// It exists but cannot be listed or read (permissions, I/O error).
    case unreadable(String)
    /// It had documents and now yields no file at all (an unmounted share, typically).
    case empty
    /// Added by a run that did not finish (killed, or stopped by an error): it holds what that
    /// run committed, perhaps nothing, until a run over it finishes.
    case unfinished

    /// One word for JSON and the index's memory of the last run.
    public var name: String {
        switch self {
        case .available: return "ok"
        case .missing: return "missing"
        case .unreadable: return "unreadable"
        case .empty: return "empty"
        case .unfinished: return "unfinished"
        }
    }

    /// The state in words for `status` and warnings: `suddenly empty`, `unreadable (why)`.
    public var description: String {
        switch self {
        case .available: return "ok"
        case .missing: return "missing"
        case .unreadable(let why): return "unreadable (\(why))"
        case .empty: return "suddenly empty"
        case .unfinished: return "not fully indexed: the run that added it did not finish"
        }
    }

    /// The state named `name`, as stored by a run.
    public init(name: String) {
        switch name {
        case "missing": self = .missing
        case "unreadable": self = .unreadable("cannot read it")
        case "empty": self = .empty
        case "unfinished": self = .unfinished
        default: self = .available
        }
    }
}

/// A root, its state and the documents the index holds under it.
///
/// A root a run could not read keeps its documents.
public struct RootStatus: Sendable, Hashable, CustomStringConvertible {
    /// The root's absolute path, as it was indexed.
    public var root: String
    /// Whether it could be read, as the last run found it (or missing now).
    public var state: RootState
    /// Documents the index holds under it.
    public var documents: Int

    /// The status of `root`, in `state`, holding `documents` documents.
    public init(root: String, state: RootState, documents: Int) {
        self.root = root
        self.state = state
        self.documents = documents
    }

    /// The warning for a root a run could not read, with the command that drops its documents.
    public var description: String {
        "root \(root) is \(state): kept its \(documents) documents; "
            + "'lbsearch index --forget \(root)' removes them"
    }
}
