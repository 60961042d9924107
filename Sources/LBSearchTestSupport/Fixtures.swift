import Foundation
import LBSearchCore

/// A temporary folder of named files, removed when the value is released.
public final class TemporaryFolder: @unchecked Sendable {
    public let path: String

    public init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("lbsearch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = Indexer.absolute(base.path)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `contents` to `name` (folders created as needed) and returns the absolute path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        try write(name, Data(contents.utf8))
    }

    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }

    public func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }
}

/// An in-memory index holding the given documents, keyed by file name.
public func indexedStore(_ files: [String: String]) throws -> (IndexStore, TemporaryFolder) {
    let folder = try TemporaryFolder()
    for (name, contents) in files { try folder.write(name, contents) }
    let store = try IndexStore.inMemory()
    _ = try Indexer(store: store).run(roots: [folder.path])
    return (store, folder)
}

/// Text with `⟦` and `⟧` around expected highlights, split into plain text and code-point ranges.
public func unmark(_ marked: String) -> (text: String, highlights: [Range<Int>]) {
    var text = ""
    var ranges: [Range<Int>] = []
    var offset = 0
    var start = 0
    for scalar in marked.unicodeScalars {
        switch scalar {
        case "⟦": start = offset
        case "⟧": ranges.append(start..<offset)
        default:
            text.unicodeScalars.append(scalar)
            offset += 1
        }
    }
    return (text, ranges)
}
