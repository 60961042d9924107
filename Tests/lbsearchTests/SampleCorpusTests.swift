import Foundation
import LBSearchTestSupport
import Testing

/// A first search builds the sample index in an lbsearch checkout, also from a folder inside
/// it; the binary's own place (in the repository's `.build`) never makes a checkout.
struct SampleCorpusTests {
    @Test func aFirstSearchInsideACheckoutIndexesTheBundledCorpus() throws {
        let checkout = try CLITests.checkout()
        let inside = checkout.file("notes/drafts")
        try FileManager.default.createDirectory(
            atPath: inside, withIntermediateDirectories: true)
        let run = try CLI.run(["AI art", "--limit", "1"], cwd: inside)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("indexing the sample corpus \(checkout.file("corpus"))"))
        #expect(FileManager.default.fileExists(atPath: inside + "/.lbsearch/index.db"))
    }

    /// The test binary lives in this repository's `.build`, yet a search from a folder that
    /// is not a checkout finds no corpus.
    @Test func theBinarysPlaceIsNoCheckout() throws {
        let binary = CLI.binary.path
        #expect(binary.contains("/.build/"))
        let folder = try TemporaryFolder()
        let run = try CLI.run(["AI art"], cwd: folder.path)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("lbsearch: error: no index at "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
