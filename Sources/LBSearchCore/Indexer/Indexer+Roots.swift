import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Roots that vanish: a nightly run updates what it can and keeps the documents of a root it
/// cannot read (deleted, unreadable, or suddenly empty like an unmounted share); only
/// `lbsearch index --forget ROOT` removes them.
extension Indexer {
    /// The roots of `roots` that this walk could not read, with the documents kept for each.
    ///
    /// Runs at every `lbsearch index`: a root that was walked stops at its first file of
    /// `found`; `stored` counts the stored files and documents under each root.
    static func unavailable(
        _ roots: [String], walker: FileWalker, found: [FileEntry],
        stored: [String: (files: Int, documents: Int)]
    ) -> [RootStatus] {
        roots.compactMap { root in
            let isFound = found.contains { IndexPlan.isUnder(root, $0.path) }
            let held = stored[root] ?? (0, 0)
            let state = state(of: root, walker: walker, found: isFound, stored: held.files > 0)
            guard state != .available else { return nil }
            return RootStatus(root: root, state: state, documents: held.documents)
        }
    }

    /// The remembered root that `root` is another name of (same device and inode: a
    /// symbolic link, a bind mount), or lies inside once symbolic links are resolved: walking
    /// that root covers it, and finds each file once.
    static func alias(of root: String, in remembered: [String]) -> String? {
        var info = stat()
        guard stat(root, &info) == 0 else { return nil }
        let real = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        return remembered.first { other in
            var otherInfo = stat()
            guard stat(other, &otherInfo) == 0 else { return false }
            if (otherInfo.st_dev, otherInfo.st_ino) == (info.st_dev, info.st_ino) { return true }
            return IndexPlan.isUnder(
                [URL(fileURLWithPath: other).resolvingSymlinksInPath().path], real)
        }
    }

    /// Missing or unreadable from the file system; empty when it held files and now has none.
    ///
    /// A root that is another name of one walked before is fine: its documents are duplicates.
    static func state(of root: String, walker: FileWalker, found: Bool, stored: Bool) -> RootState {
        if walker.aliasRoots.contains(root) { return .available }
        var info = stat()
        if stat(root, &info) != 0 {
            let code = errno
            return code == ENOENT || code == ENOTDIR
                ? .missing : .unreadable(String(cString: strerror(code)))
        }
        if let reason = walker.unreadableFolders[root] { return .unreadable(reason) }
        if info.st_mode & S_IFMT == S_IFREG, access(root, R_OK) != 0 {
            return .unreadable(String(cString: strerror(errno)))
        }
        return !found && stored ? .empty : .available
    }

    /// Removes `requested` roots from the index with every document under them (unless
    /// another root still covers it).
    ///
    /// Throws `.notARoot` for a path that is not a root.
    public func forget(_ requested: [String]) throws -> IndexReport {
        let started = Date()
        let remembered = try translating { try store.roots() }
        let roots = requested.map(StoredPath.absolute)
        if let stranger = roots.first(where: { !remembered.contains($0) }) {
            throw LBSearchError.notARoot(path: stranger)
        }
        let runID = try translating { try store.beginRun(full: false, at: started) }
        var report = IndexReport()
        let kept = remembered.filter { !roots.contains($0) }
        try write { db in
            var batch = IndexBatch()
            for path in try String.fetchAll(db, sql: "SELECT path FROM files")
            where IndexPlan.isUnder(roots, path) {
                if !IndexPlan.isUnder(kept, path) {
                    report.removed += try batch.delete(path: path, db)
                }
            }
            try batch.writePending(db)
            try IndexStore.replace(roots: kept, db)
            try IndexStore.forgetStates(of: roots, db)
        }
        report.seconds = Date().timeIntervalSince(started)
        try translating { try store.endRun(runID, report: report) }
        return report
    }
}
