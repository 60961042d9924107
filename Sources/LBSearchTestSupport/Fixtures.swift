import Foundation
import LBSearchCore

/// A temporary folder of named files, removed when the value is released.
public final class TemporaryFolder: @unchecked Sendable {
    /// Absolute, standardized path of the folder.
    public let path: String

    /// Creates an empty folder with a unique name in the system's temporary directory.
    public init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lbsearch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = StoredPath.absolute(base.path)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `contents` to `name` (folders created as needed) and returns the absolute path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        try write(name, Data(contents.utf8))
    }

    /// Writes `data` to `name` (folders created as needed) and returns the absolute path.
    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The absolute path `name` has in the folder, whether or not the file exists.
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

/// Compares `actual` with the golden file `Snapshots/NAME` beside the calling test file.
///
/// With `RECORD_SNAPSHOTS=1` in the environment the file is (re)written instead; review the
/// diff like code. Returns nil when they match (or were recorded), else a description.
public func goldenMismatch(_ actual: String, named name: String, testFile: String = #filePath)
    -> String?
{
    let folder = ((testFile as NSString).deletingLastPathComponent as NSString)
        .appendingPathComponent("Snapshots")
    let path = (folder as NSString).appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? actual.write(toFile: path, atomically: true, encoding: .utf8)
        return nil
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
        return "no golden file \(path); run the tests with RECORD_SNAPSHOTS=1 to record it"
    }
    if expected == actual { return nil }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    let got = line < a.count ? String(a[line]) : "(end)"
    let want = line < e.count ? String(e[line]) : "(end)"
    return
        "\(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n(RECORD_SNAPSHOTS=1 re-records)"
}
