import Foundation

/// Where the index file is: `--index`, else `$LBSEARCH_INDEX`, else `.lbsearch/index.db` in
/// the working directory.
public struct IndexLocation: Sendable, Hashable {
    /// The index when nothing names another, relative to the working directory.
    public static let defaultPath = ".lbsearch/index.db"
    /// The environment variable that names the index when `--index` does not.
    public static let environmentVariable = "LBSEARCH_INDEX"

    /// The index file, absolute.
    public var path: String
    /// True when neither the option nor the environment chose the path.
    public var isDefault: Bool

    /// The location `--index` (`option`), else the environment, else the default names.
    public init(
        option: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        if let option, !option.isEmpty {
            (path, isDefault) = (option, false)
        } else if let value = environment[Self.environmentVariable], !value.isEmpty {
            (path, isDefault) = (value, false)
        } else {
            (path, isDefault) = (Self.defaultPath, true)
        }
        path = StoredPath.absolute(path)
    }
}
