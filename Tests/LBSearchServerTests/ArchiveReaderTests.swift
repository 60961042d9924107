import Foundation
import LBSearchCore
import Testing

@testable import LBSearchServer

/// The server's view of the index file: reopened when the file is replaced, shared by requests.
@Suite(.serialized)
struct ArchiveReaderTests {
    @Test func anIndexReplacedByAnotherFileIsReadWithoutARestart() async throws {
        let fixture = try ServerFixture()
        let before = await fixture.get("/api/search", ["q": "giraffe"])
        #expect(try object(before)["total"] as? Int == 0)
        _ = try fixture.folder.write("other/giraffe.txt", "Title: Giraffe\n\nA giraffe.")
        let other = fixture.folder.file("other.db")
        try ServerFixture.build(other, roots: [fixture.folder.file("other")])
        for suffix in ["-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: other + suffix)
        }
        #expect(rename(other, fixture.index) == 0)
        for suffix in ["-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: fixture.index + suffix)
        }
        let after = await fixture.get("/api/search", ["q": "giraffe"])
        #expect(try object(after)["total"] as? Int == 1)
    }

    @Test func theIdentityFollowsTheFileNotItsName() throws {
        let fixture = try ServerFixture()
        let first = IndexIdentity(path: fixture.index)
        #expect(first != nil && first == IndexIdentity(path: fixture.index))
        let copy = fixture.folder.file("copy.db")
        try FileManager.default.copyItem(atPath: fixture.index, toPath: copy)
        #expect(rename(copy, fixture.index) == 0)
        #expect(IndexIdentity(path: fixture.index) != first)
        #expect(IndexIdentity(path: fixture.folder.file("none.db")) == nil)
    }

    @Test(arguments: [
        ("q=AI+art&limit=5", ["q": "AI art", "limit": "5"]),
        ("q=%E7%94%9F%E6%88%90AI", ["q": "生成AI"]), ("q=a%2Bb&q=second", ["q": "a+b"]),
        ("flag&q=", ["flag": "", "q": ""]), ("", [:]),
    ])
    func queryStringsAreReadAsFormsSendThem(query: String, expected: [String: String]) {
        #expect(ServeConnection.parameters(query) == expected)
    }
}
