import Foundation
import LBSearchCore

/// Shows long text through the user's pager, as git and man do.
enum Pager {
    /// The pager command: `$PAGER`, else `less -R`; nil when `PAGER` is empty or `cat`.
    static func command(_ environment: [String: String]) -> String? {
        let pager = (environment["PAGER"] ?? "less -R").trimmingCharacters(in: .whitespaces)
        return pager.isEmpty || pager == "cat" ? nil : pager
    }

    /// Writes `text` through the pager and waits for it to end; false when there is no pager
    /// or it cannot be started, and the caller prints `text` itself.
    ///
    /// A reader who quits the pager early is no error. Interrupts are left to the pager while
    /// it runs (Ctrl-C in `less` must not end lbsearch under it).
    static func page(_ text: String) -> Bool {
        var environment = ProcessInfo.processInfo.environment
        guard let command = command(environment), let program = program(of: command),
            isExecutable(program, path: environment["PATH"])
        else { return false }
        // Short text ends less at once (-F), colours pass (-R), the screen stays (-X): git's.
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        do { try process.run() } catch { return false }
        signal(SIGINT, SIG_IGN)
        signal(SIGQUIT, SIG_IGN)
        let writer = StreamWriter(descriptor: input.fileHandleForWriting.fileDescriptor)
        try? writer.write(text)
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return true
    }

    /// The first word of a pager command: the program to look for.
    static func program(of command: String) -> String? {
        command.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
    }

    /// True when `program` (a path, or a name looked up in `path`) can be run.
    static func isExecutable(_ program: String, path: String?) -> Bool {
        if program.contains("/") { return access(program, X_OK) == 0 }
        let folders = (path ?? "/usr/bin:/bin").split(separator: ":")
        return folders.contains { access("\($0)/\(program)", X_OK) == 0 }
    }
}
