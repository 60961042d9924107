import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// `SimilarDocuments` on the bundled corpus, with an exact copy of one article beside it.
struct SimilarDocumentsTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .appendingPathComponent("../../../../corpus").standardizedFileURL.path
    static let guidance = "03-copyright-office-ai-art-guidance.txt"

    /// The corpus, and in another folder the guidance article again under another headline.
    static func store() throws -> (IndexStore, TemporaryFolder) {
        let folder = try TemporaryFolder()
        let text = try String(
            contentsOfFile: corpus + "/" + guidance, encoding: .utf8)
        let body = text.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
        try folder.write(
            "wire-copy.txt", "Title: Registrar rules on AI art\nSource: Wire\n\n" + body)
        let store = try IndexStore.inMemory()
        _ = try Indexer(store: store).run(roots: [corpus, folder.path])
        return (store, folder)
    }

    @Test func theDocumentAndItsExactCopyAreLeftOut() throws {
        let (store, folder) = try Self.store()
        let found = try SimilarDocuments(store: store).similar(
            to: Self.corpus + "/" + Self.guidance, options: SearchOptions(limit: 20))
        let paths = found.result.hits.map(\.path)
        #expect(!paths.isEmpty)
        #expect(!paths.contains(Self.corpus + "/" + Self.guidance))
        #expect(!paths.contains(folder.file("wire-copy.txt")))
        #expect(found.terms.map(\.term).contains("authorship"), "\(found.terms)")
        #expect(found.terms.count <= RankingParameters().feedbackTerms)
    }

    /// The best match of an article on copyright and authorship is about rights too.
    @Test func theTopResultSharesTheSubject() throws {
        let (store, _) = try Self.store()
        let found = try SimilarDocuments(store: store).similar(
            to: Self.corpus + "/" + Self.guidance)
        let top = try #require(found.result.hits.first)
        #expect(
            ["licensing", "copyright", "legal", "rights", "authorship"].contains {
                (top.title.text + " " + top.snippet.rendered(.plain)).lowercased().contains($0)
            }, "\(top.title.text)")
        #expect(found.result.hits.map(\.rank) == Array(1...found.result.hits.count))
    }

    @Test func anUnknownDocumentIsAnError() throws {
        let (store, _) = try Self.store()
        #expect(throws: LBSearchError.self) {
            try SimilarDocuments(store: store).similar(to: "no/such/file.txt")
        }
    }
}
