/// What the index holds for one file.
public struct StoredFile: Sendable, Hashable {
    /// The file's absolute path.
    public var path: String
    /// Its size in bytes when it was indexed.
    public var size: Int64
    /// Its modification time (Unix seconds) when it was indexed.
    public var mtime: Double
    /// `ContentHash` of its bytes.
    public var hash: String
    /// How many documents it holds in the index.
    public var documents: Int

    /// A stored file with these values.
    public init(path: String, size: Int64, mtime: Double, hash: String, documents: Int) {
        self.path = path
        self.size = size
        self.mtime = mtime
        self.hash = hash
        self.documents = documents
    }
}

/// The pure difference between the files found under the roots and what the index holds.
///
/// Made in two steps, both without a database. `Planner` compares the walk with the stored
/// `files` rows, given one at a time (a million of them are never all in memory): a file with
/// the size and mtime the index holds is unchanged and never read; the others are to be read;
/// stored files not found are missing. Then, for each file read in walk order,
/// `change(for:hash:)` decides from its content hash: the same hash as stored is a touch, a
/// file new to the index with the hash of a missing one is a move (the last missing file by
/// path with that hash, each one claimed once), else an add or a replace. `removals` are the
/// missing files that no move claimed. Only adds and replaces need their documents extracted;
/// `IndexBatch` applies the changes.
public struct IndexPlan: Sendable {
    /// One decision about one file.
    public enum Change: Sendable, Hashable {
        /// Read, with the content the index holds: only its size and mtime are stored.
        case touch(FileEntry, StoredFile)
        /// New to the index with the content of a missing file: that file's rows change path.
        case move(FileEntry, from: StoredFile)
        /// New to the index: its documents are extracted and inserted.
        case add(FileEntry, hash: String)
        /// Indexed with other content: its documents are extracted and replace the old ones.
        case replace(FileEntry, hash: String)
        /// Its documents leave the index: the file is missing, or could not be read.
        case remove(path: String)
    }

    /// Found files whose size or mtime differ from the index, or that it does not hold.
    public internal(set) var toRead: [FileEntry] = []
    /// How many found files have the size and mtime the index holds.
    public internal(set) var unchangedFiles = 0
    /// How many documents those unchanged files hold in the index.
    public internal(set) var unchangedDocuments = 0
    /// Stored files under the roots that the walk did not find, by path.
    public internal(set) var missing: [StoredFile] = []
    /// What the index holds for the files of `toRead` that it holds, by path.
    var stored: [String: StoredFile] = [:]
    /// The missing files not yet claimed by a move, by content hash, each list by path.
    var movable: [String: [StoredFile]] = [:]
    /// True for `lbsearch index --prune-feeds`: every feed file is read and replaced, so that
    /// the items it no longer lists leave the index.
    public internal(set) var rereadFeeds = false

    /// Compares `found` with the `stored` files that lie under `roots`.
    ///
    /// Stored files under a
    /// folder of `unreadable` are neither found nor missing: they are kept as they are.
    public static func make(
        found: [FileEntry], stored: [String: StoredFile], roots: [String],
        unreadable: [String] = [],
        rereadFeeds: Bool = false
    ) -> IndexPlan {
        var planner = Planner(
            found: found, roots: roots, unreadable: unreadable, rereadFeeds: rereadFeeds)
        for file in stored.values { planner.compare(file) }
        return planner.plan()
    }

    /// The change for `entry`, a file of `toRead`, given the hash of its content (nil when it
    /// could not be read).
    ///
    /// Called once per file, in walk order: a move claims its source.
    public mutating func change(for entry: FileEntry, hash: String?) -> Change {
        guard let hash else { return .remove(path: entry.path) }
        if let old = stored[entry.path], old.documents > 0 {
            return old.hash == hash && !rereads(entry)
                ? .touch(entry, old) : .replace(entry, hash: hash)
        }
        if let source = movable[hash]?.popLast() {
            return .move(entry, from: source)
        }
        return .add(entry, hash: hash)
    }

    /// True when `entry` is read and replaced whatever its size, mtime and hash.
    func rereads(_ entry: FileEntry) -> Bool {
        rereadFeeds && entry.format == .feed
    }

    /// The missing files that no move claimed, by path: their documents leave the index.
    public var removals: [Change] {
        let unclaimed = Set(movable.values.joined().map(\.path))
        return missing.filter { unclaimed.contains($0.path) }.map { .remove(path: $0.path) }
    }

    /// True when `path` is one of `roots` or inside one of them.
    public static func isUnder(_ roots: [String], _ path: String) -> Bool {
        roots.contains { isUnder($0, path) }
    }

    /// True when `path` is `root` or inside it; compares bytes, copies nothing (it runs for
    /// every stored file of every run).
    static func isUnder(_ root: String, _ path: String) -> Bool {
        let (rootBytes, pathBytes) = (root.utf8, path.utf8)
        guard pathBytes.starts(with: rootBytes) else { return false }
        if pathBytes.count == rootBytes.count || rootBytes.last == UInt8(ascii: "/") { return true }
        return pathBytes[pathBytes.index(pathBytes.startIndex, offsetBy: rootBytes.count)]
            == UInt8(ascii: "/")
    }
}
