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

    @Test func otherFoldersFindNothing() throws {
        let other = try Self.checkout(package: "let package = Package(name: \"notes\")\n")
        #expect(SampleIndex.corpus(around: other.file("Sources/lbsearch")) == nil)
        let ownCorpus = try Self.checkout(readme: "# My articles")
        #expect(SampleIndex.corpus(around: ownCorpus.path) == nil)
        #expect(SampleIndex.corpus(around: try TemporaryFolder().path) == nil)
        #expect(SampleIndex.corpus(around: "/") == nil)
    }
}
