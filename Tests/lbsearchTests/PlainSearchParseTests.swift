import Foundation
import LBSearchTestSupport
import Testing

/// `lbsearch WORDS... [--index FILE]` reads its arguments exactly as `lbsearch search WORDS...`:
/// same output, same errors, same exit status, for every shape of arguments (a guard for any
/// short path that would parse the common case apart from the full command tree).
struct PlainSearchParseTests {
    static let documents = [
        "oil.txt": "Harbour oil\n\nThe harbour ships oil and grain.",
        "index.txt": "Harbour index\n\nThe index of the harbour's ships.",
        "help.txt": "Help at the harbour\n\nThe harbour's help desk.",
        "status.txt": "Status report\n\nThe status of the harbour's bridge.",
    ]

    /// Argument shapes, some of them for the short path and some near it that are not.
    static let shapes: [[String]] = [
        ["harbour"], ["harbour", "oil"], ["harbour oil"], ["\"harbour ships\""],
        ["harbour", "-oil"],
        ["harbour", "index"], ["harbour", "help"], ["harbour", "status"], ["oil", "search"],
        ["harbour", "-h"], ["-oil", "harbour"], ["harbour", "--", "-oil"], ["title:harbour"],
        ["harbour", "--limit", "1"], ["harbour", "-l", "2"], ["harb*"], ["zzqqxx"], [""], ["   "],
        ["harbour", "--index"], ["harbour", "--bogus"], ["(harbour", "OR", "oil"],
        ["harbour", "-"],
        ["harbour", "--format", "tsv"], ["harbour", "serve"],
        ["harbour", "ships", "grain", "OIL"], ["harbour", "--index", "elsewhere.db"],
    ]

    /// Output with the search's elapsed time taken out (`(0.01 s)`), which differs run to run.
    static func steady(_ text: String) -> String {
        text.replacingOccurrences(
            of: #"\(\d+(\.\d+)? s\)"#, with: "(T)", options: .regularExpression)
    }

    @Test func everyShapeReadsAsTheSearchCommandReadsIt() throws {
        let folder = try TemporaryFolder()
        for (name, text) in Self.documents { _ = try folder.write("docs/\(name)", text) }
        let index = folder.file("index.db")
        let built = try CLI.run(["index", "docs", "--index", index], cwd: folder.path)
        #expect(built.status == 0, "\(built.stderr)")
        for shape in Self.shapes {
            for placed in [shape + ["--index", index], ["--index", index] + shape] {
                let plain = try CLI.run(placed, cwd: folder.path)
                let full = try CLI.run(["search"] + placed, cwd: folder.path)
                #expect(plain.status == full.status, "\(placed)")
                #expect(plain.stdout == full.stdout, "\(placed)")
                #expect(Self.steady(plain.stderr) == Self.steady(full.stderr), "\(placed)")
            }
        }
    }

    /// The `LBSEARCH_INDEX` form, with no option at all, is the short path too.
    @Test func theIndexFromTheEnvironmentReadsTheSame() throws {
        let folder = try TemporaryFolder()
        for (name, text) in Self.documents { _ = try folder.write("docs/\(name)", text) }
        let index = folder.file("index.db")
        _ = try CLI.run(["index", "docs", "--index", index], cwd: folder.path)
        let environment = ["LBSEARCH_INDEX": index]
        for shape in Self.shapes {
            let plain = try CLI.run(shape, cwd: folder.path, environment: environment)
            let full = try CLI.run(["search"] + shape, cwd: folder.path, environment: environment)
            #expect(plain.status == full.status, "\(shape)")
            #expect(plain.stdout == full.stdout, "\(shape)")
            #expect(Self.steady(plain.stderr) == Self.steady(full.stderr), "\(shape)")
        }
    }
}
