/// The folder and the name of a path, by its last slash, as `dirname` and `basename` read it.
///
/// Foundation's `NSString.deletingLastPathComponent` and `lastPathComponent` stop the program
/// (an illegal instruction) for a path of one character, such as `-o a` or `--checkpoint a`:
/// paths a person types go through these instead.
enum PathText {
    /// The folder part of `path`: "" for a bare name (`a`), "/" for a name in the root (`/a`).
    static func folder(of path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return String(withoutTrailingSlashes(Substring(trimmed[..<slash])))
    }

    /// The last name in `path` (`a` for `dir/a` and `dir/a/`; `/` for the root).
    static func name(of path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/"), trimmed != "/" else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `name` in `folder` ("" being the current folder).
    static func joined(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// `path` without slashes at its end, except a path that is only slashes: `/`.
    static func withoutTrailingSlashes<S: StringProtocol>(_ path: S) -> Substring {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }
}
