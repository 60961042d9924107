import Foundation
import Testing

/// The command-line target parses and prints; the database stays inside the library.
///
/// These read the sources, so that a new `import GRDB` in the CLI fails here, not in review.
struct CLIBoundaryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every Swift file of `Sources/lbsearch`, with its text.
    static func cliSources() throws -> [(name: String, text: String)] {
        let folder = repository.appendingPathComponent("Sources/lbsearch")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".swift") }.sorted()
            .map {
                ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
            }
    }

    @Test func theCommandLineImportsNeitherGRDBNorSQLite() throws {
        let sources = try Self.cliSources()
        #expect(sources.count > 5)
        for (name, text) in sources {
            let imports = text.split(separator: "\n").filter {
                $0.trimmingCharacters(in: .whitespaces).contains("import ")
            }
            for line in imports {
                #expect(!line.contains("GRDB"), "\(name): \(line)")
                #expect(!line.contains("SQLite"), "\(name): \(line)")
                #expect(!line.contains("@_spi"), "\(name): \(line)")
            }
        }
    }

    @Test func thePackageGivesTheCommandLineNoGRDB() throws {
        let manifest = try String(
            contentsOf: Self.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let start = try #require(
            manifest.firstRange(of: /\.executableTarget\(\s*name: "lbsearch",/))
        let rest = manifest[start.upperBound...]
        let end =
            rest.range(of: ".executableTarget(")?.lowerBound
            ?? rest.range(of: ".target(")?.lowerBound ?? rest.endIndex
        let target = rest[..<end]
        #expect(target.contains("LBSearchCore"))
        #expect(target.contains("ArgumentParser"))
        #expect(!target.contains("GRDB"), "\(target)")
    }
}
