import Foundation
import Testing

/// Every command of the CLI names itself in its configuration.
///
/// Without a `commandName`, ArgumentParser derives the name from the type with
/// `String(describing:)`, a scan of every protocol conformance in the binary, at each start of
/// `lbsearch` (the first word is checked against the subcommands' names). Read from the sources,
/// as the names alone do not show the difference.
struct CommandNameTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/lbsearch")

    @Test func everyCommandConfigurationHasACommandName() throws {
        let files = try FileManager.default.contentsOfDirectory(
            at: Self.sources, includingPropertiesForKeys: nil
        ).filter { $0.pathExtension == "swift" }
        var commands: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let declarations = text.components(separatedBy: "CommandConfiguration(").dropFirst()
            let commandCount = text.components(separatedBy: "ParsableCommand {").count - 1
            #expect(declarations.count == commandCount, "\(file.lastPathComponent)")
            for declaration in declarations {
                let arguments = declaration.prefix(while: { $0 != ":" })
                #expect(
                    arguments.trimmingCharacters(in: .whitespacesAndNewlines) == "commandName",
                    "\(file.lastPathComponent): a configuration without commandName first")
                commands.append(file.lastPathComponent)
            }
        }
        #expect(commands.count >= 10, "\(commands)")
    }
}
