import Testing

@testable import LBSearchCore

/// The folder and name of a path, one-character paths included (Foundation's `NSString` path
/// methods stop the program on those).
struct PathTextTests {
    @Test(arguments: [
        ("a", "", "a"), ("-", "", "-"), ("~", "", "~"), ("ab", "", "ab"), ("dir/a", "dir", "a"),
        ("dir/a/", "dir", "a"), ("/a", "/", "a"), ("/", "/", "/"), ("//a", "/", "a"),
        ("x//y", "x", "y"), ("/tmp/out.csv", "/tmp", "out.csv"), ("./a", ".", "a"),
    ])
    func folderAndName(path: String, folder: String, name: String) {
        #expect(PathText.folder(of: path) == folder)
        #expect(PathText.name(of: path) == name)
    }

    @Test(arguments: [("", "a", "a"), ("/", "a", "/a"), ("d", "a", "d/a"), ("d/", "a", "d/a")])
    func joined(folder: String, name: String, path: String) {
        #expect(PathText.joined(folder, name) == path)
    }
}
