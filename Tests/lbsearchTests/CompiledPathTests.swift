import Foundation
import Testing

/// The binary finds the sample corpus from the working folder, never from a path compiled
/// into it: no source of the shipped targets names its own file (`#filePath`, `#file`,
/// `__FILE__`), so a release binary holds no path into the checkout (`scripts/install` also
/// strips the debug sections, where the compiler records the source paths; `.ci/run` checks
/// the installed binary with `strings`).
struct CompiledPathTests {
    static let shippedTargets = ["LBSearchCore", "lbsearch", "CLBSearchTokenizer", "CZlib"]
    /// `#file` and `#filePath` (not `#fileID`, which is `Module/File.swift`), and C's `__FILE__`.
    static let marker = try? NSRegularExpression(pattern: "#file(Path)?\\b|__FILE__")

    @Test func noShippedSourceNamesItsOwnPath() throws {
        let sources = GoldenOutputTests.repository + "/Sources/"
        var checked = 0
        for target in Self.shippedTargets {
            let folder = sources + target
            let files = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]
            for file in try #require(files) where file.hasSuffix(".swift") || file.hasSuffix(".c") {
                let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
                let marker = try #require(Self.marker)
                let whole = NSRange(text.startIndex..., in: text)
                #expect(
                    marker.firstMatch(in: text, range: whole) == nil,
                    "\(target)/\(file) names its own path")
                checked += 1
            }
        }
        #expect(checked > 50, "found the sources")
    }
}
