import Foundation

/// The sample corpus that ships with lbsearch (`corpus/` in the repository), and the first
/// index built from it.
///
/// Only a search at the default place, run in an lbsearch checkout (its folder or one inside
/// it), builds the sample index (`swift run lbsearch "AI art"` in a fresh clone); anywhere else
/// a search without an index is `.noIndex`. The checkout is found from the working directory,
/// never from a path compiled into the binary, nor from where the binary is: a checkout's own
/// build (`.build/debug/lbsearch`) run from another folder builds nothing there.
public enum SampleIndex {
    /// The bundled corpus's README names the project; a user's own `corpus/` folder is never
    /// mistaken for it.
    static let marker = "lbsearch"

    /// The bundled `corpus/` when `folder` is an lbsearch checkout: a `Package.swift` that
    /// names the `lbsearch` package, with the corpus beside it.
    public static func corpus(inCheckout folder: String) -> String? {
        let package = (folder as NSString).appendingPathComponent("Package.swift")
        guard let manifest = try? String(contentsOfFile: package, encoding: .utf8),
            manifest.contains("name: \"lbsearch\"")
        else { return nil }
        let corpus = (folder as NSString).appendingPathComponent("corpus")
        let readme = (corpus as NSString).appendingPathComponent("README.md")
        guard let text = try? String(contentsOfFile: readme, encoding: .utf8), text.contains(marker)
        else { return nil }
        return corpus
    }

    /// The bundled `corpus/` of the checkout that `folder` is, or is inside of.
    public static func corpus(around folder: String) -> String? {
        var current = (folder as NSString).standardizingPath
        while true {
            if let corpus = corpus(inCheckout: current) { return corpus }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
        }
    }

    /// Opens the index at `location` for a search.
    ///
    /// In a checkout, at the default place, a first search builds it from the bundled corpus:
    /// `willBuild` hears the corpus folder first, and the returned report says what was indexed.
    /// Elsewhere the index is only read.
    public static func openForSearching(
        _ location: IndexLocation,
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        willBuild: (String) -> Void = { _ in }, onSkip: (Skip) -> Void = { _ in }
    ) throws -> (store: IndexStore, built: IndexReport?) {
        guard location.isDefault, let corpus = corpus(around: workingDirectory) else {
            return (try IndexStore.openForReading(at: location.path), nil)
        }
        // A first build the machine went down during is built again (`UnsyncedBuild`).
        _ = UnsyncedBuild.discardIfLost(indexPath: location.path)
        guard try needsBuilding(location.path, corpus) else {
            return (try IndexStore.openForReading(at: location.path), nil)
        }
        // Searches started together wait for the one that builds the first index.
        let store = try IndexStore.openForWriting(at: location.path, wait: 120)
        guard try needsBuilding(store, corpus) else { return (store, nil) }
        willBuild(corpus)
        do {
            return (store, try Indexer(store: store).run(roots: [corpus], onSkip: onSkip))
        } catch {
            store.discardIfCreated()
            throw error
        }
    }

    /// True when the index does not exist yet, or holds only an unfinished build of the
    /// sample corpus (a first search that was stopped).
    static func needsBuilding(_ path: String, _ corpus: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return true }
        do {
            return try needsBuilding(IndexStore.openForReading(at: path), corpus)
        } catch LBSearchError.noIndex, LBSearchError.outdatedIndex {
            return true
        }
    }

    static func needsBuilding(_ store: IndexStore, _ corpus: String) throws -> Bool {
        let roots = try store.roots()
        return try (roots.isEmpty || roots == [StoredPath.absolute(corpus)])
            && !store.hasCompletedRun()
    }
}
