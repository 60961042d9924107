/// What the index holds for one file.
public struct StoredFile: Sendable, Hashable {
    public var path: String
    public var size: Int64
    public var mtime: Double
    public var hash: String
    public var documents: Int

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
/// Files whose size and mtime match the index are unchanged without being read; the rest are
/// read, and their content hash decides whether they really changed. Indexed files that were
/// not found are missing: moved if a new file has the same hash, else removed.
public struct IndexPlan: Sendable {
    public var toRead: [FileEntry] = []
    public var unchanged: [StoredFile] = []
    public var missing: [StoredFile] = []

    /// Compares `found` with the `stored` files that lie under `roots`. Stored files under a
    /// folder of `unreadable` are neither found nor missing: they are kept as they are.
    public static func make(
        found: [FileEntry], stored: [String: StoredFile], roots: [String], unreadable: [String] = []
    ) -> IndexPlan {
        var plan = IndexPlan()
        var seen: Set<String> = []
        seen.reserveCapacity(found.count)
        plan.unchanged.reserveCapacity(stored.count)
        for entry in found where seen.insert(entry.path).inserted {
            if let old = stored[entry.path], old.size == entry.size, old.mtime == entry.mtime {
                plan.unchanged.append(old)
            } else {
                plan.toRead.append(entry)
            }
        }
        plan.missing = stored.values
            .filter {
                !seen.contains($0.path) && isUnder(roots, $0.path) && !isUnder(unreadable, $0.path)
            }
            .sorted { $0.path < $1.path }
        return plan
    }

    /// True when `path` is one of `roots` or inside one of them.
    public static func isUnder(_ roots: [String], _ path: String) -> Bool {
        roots.contains { root in
            path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        }
    }
}
