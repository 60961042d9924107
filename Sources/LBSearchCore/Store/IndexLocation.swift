import Foundation

/// Where the index file is: `--index`, else `$LBSEARCH_INDEX`, else `.lbsearch/index.db` in
/// the working directory.
public struct IndexLocation: Sendable, Hashable {
    public static let defaultPath = ".lbsearch/index.db"
    public static let environmentVariable = "LBSEARCH_INDEX"

    public var path: String
    /// True when neither the option nor the environment chose the path.
    public var isDefault: Bool

    public init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let option, !option.isEmpty {
            (path, isDefault) = (option, false)
        } else if let value = environment[Self.environmentVariable], !value.isEmpty {
            (path, isDefault) = (value, false)
        } else {
            (path, isDefault) = (Self.defaultPath, true)
        }
        path = Indexer.absolute(path)
    }
}

/// The sample corpus that ships with lbsearch, used to build a first index.
public enum BundledCorpus {
    /// The folder's README names the project; a user's own `corpus/` folder is never mistaken for it.
    static let marker = "lbsearch"

    /// The bundled `corpus/` folder: under the working directory, beside the executable's
    /// build folder, or in the source checkout this binary was built from.
    public static func locate(executable: String = CommandLine.arguments.first ?? "") -> String? {
        var candidates = [FileManager.default.currentDirectoryPath]
        var folder = URL(fileURLWithPath: Indexer.absolute(executable)).deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder.path)
            folder.deleteLastPathComponent()
        }
        let source = URL(fileURLWithPath: #filePath)
        candidates.append(source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path)
        return candidates.map { ($0 as NSString).appendingPathComponent("corpus") }.first(where: isBundledCorpus)
    }

    static func isBundledCorpus(_ folder: String) -> Bool {
        let readme = (folder as NSString).appendingPathComponent("README.md")
        guard let text = try? String(contentsOfFile: readme, encoding: .utf8) else { return false }
        return text.contains(marker)
    }
}
