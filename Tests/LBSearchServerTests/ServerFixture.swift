import Foundation
import LBSearchCore
import LBSearchServer
import LBSearchTestSupport

/// A folder of documents indexed into `index.db` beside them, and a service over that file.
struct ServerFixture {
    let folder: TemporaryFolder
    let index: String
    let service: SearchService

    /// The standard documents: English and Japanese news, one with markup in its text.
    static let documents = [
        "docs/ai-art.md": """
        ---
        title: AI art in the studio
        date: 2024-05-01
        source: Wire
        tags: [ai, studios]
        ---

        A studio uses AI art for backgrounds. Artists review every AI art frame.
        """,
        "docs/gallery.txt":
            "Title: Gallery art\nDate: 2023-01-01\nSource: Post\n\nA show of painted art.",
        "docs/script.txt": "Title: Markup\n\nThe page said <script>alert(1)</script> about art.",
        "docs/anime.md": "---\ntitle: 生成AIとアニメ\nsource: 東京\n---\n\nアニメ制作で生成AIの利用が広がる。",
    ]

    init(_ documents: [String: String] = Self.documents) throws {
        folder = try TemporaryFolder()
        for (name, text) in documents { _ = try folder.write(name, text) }
        index = folder.file("index.db")
        try Self.build(index, roots: [folder.file("docs")])
        service = SearchService(archive: ArchiveReader(path: index), displayBase: folder.path)
    }

    /// Indexes `roots` into `path` (`full`: rebuilds it).
    static func build(_ path: String, roots: [String], full: Bool = false) throws {
        let store = try IndexStore.openForWriting(at: path)
        _ = try Indexer(store: store).run(roots: roots, full: full)
    }

    /// `GET path` with `parameters`.
    func get(_ path: String, _ parameters: [String: String] = [:]) async -> Reply {
        await service.respond(method: "GET", path: path, parameters: parameters)
    }
}

/// A reply's body as a JSON object.
func object(_ reply: Reply) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: reply.body) as? [String: Any] ?? [:]
}
