import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The bundled corpus is found from the working directory: an lbsearch checkout, or a folder
/// inside one; never from anywhere else.
struct SampleIndexTests {
    static let manifest =
        "// swift-tools-version:6.1\nlet package = Package(\n    name: \"lbsearch\",\n)\n"

    /// A folder shaped like a checkout: the manifest, and `corpus/README.md` naming lbsearch.
    static func checkout(package: String = manifest, readme: String = "# The lbsearch sample")
        throws -> TemporaryFolder
    {
        let folder = try TemporaryFolder()
        try folder.write("Package.swift", package)
        try folder.write("corpus/README.md", readme)
        try folder.write("Sources/lbsearch/Search.swift", "")
        return folder
    }

    @Test func theCheckoutItselfAndEveryFolderInsideFindTheCorpus() throws {
        let checkout = try Self.checkout()
        let corpus = checkout.file("corpus")
        #expect(SampleIndex.corpus(around: checkout.path) == corpus)
        #expect(SampleIndex.corpus(around: checkout.file("Sources/lbsearch")) == corpus)
        #expect(SampleIndex.corpus(around: checkout.file("Sources/lbsearch/../")) == corpus)
    }

    /// The first search of a checkout builds its index; a build the machine went down during
    /// (`UnsyncedBuild`) is built again by the next search.
    @Test func aLostFirstBuildOfTheSampleIsBuiltAgain() throws {
        guard UnsyncedBuild.currentBoot() != nil else { return }
        let checkout = try Self.checkout()
        try checkout.write("corpus/lanterns.md", "# Lanterns\n\nPaper lanterns over the river.")
        var location = IndexLocation(option: nil, environment: [:])
        location.path = checkout.file(IndexLocation.defaultPath)
        // The documents a search indexed first (the store, a writer when it built, goes).
        func search() throws -> Int? {
            try SampleIndex.openForSearching(location, workingDirectory: checkout.path).built?
                .added
        }
        #expect(try search() == 2)
        #expect(try search() == nil)
        #expect(
            UnsyncedBuild.begin(
                indexPath: location.path, roots: [checkout.file("corpus")], boot: "another-boot"))
        #expect(try search() == 2)
        #expect(!FileManager.default.fileExists(atPath: UnsyncedBuild.path(for: location.path)))
    }

    @Test func otherFoldersFindNothing() throws {
        let other = try Self.checkout(package: "let package = Package(name: \"notes\")\n")
        #expect(SampleIndex.corpus(around: other.file("Sources/lbsearch")) == nil)
        let ownCorpus = try Self.checkout(readme: "# My articles")
        #expect(SampleIndex.corpus(around: ownCorpus.path) == nil)
        #expect(SampleIndex.corpus(around: try TemporaryFolder().path) == nil)
        #expect(SampleIndex.corpus(around: "/") == nil)
    }
}
