import Foundation

/// Paths as the index stores them (its own file, roots, files): absolute and standardized.
public enum StoredPath {
    /// `path` made absolute against the working directory, with `~`, `.` and `..` resolved and
    /// no trailing slash.
    public static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        var standardized = URL(fileURLWithPath: expanded).standardizedFileURL.path
        while standardized.count > 1, standardized.hasSuffix("/") { standardized.removeLast() }
        return standardized
    }
}
