import ArgumentParser
import Foundation
import GRDB
import LBSearchCore

/// Standard streams, terminal detection and the one place errors become exit codes.
enum Terminal {
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Columns of the terminal on standard output, else `$COLUMNS`, else 80.
    static func columns() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }

    /// Writes one `lbsearch: …` line to standard error.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("lbsearch: " + TerminalSafety.sanitize(message) + "\n").utf8))
    }

    /// Writes raw text to standard error.
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// EX_TEMPFAIL (75, sysexits.h) when another run holds the index, so scripts can retry;
    /// 2 for every other error.
    static func exitStatus(for error: LBSearchError) -> Int32 {
        if case .indexBusy = error { return 75 }
        return 2
    }

    /// Prints `error` as one line (or help text) and returns the exit status for it.
    static func report(_ error: Error, helpFor command: ParsableCommand.Type) -> Int32 {
        switch error {
        case let code as ExitCode:
            return code.rawValue
        case let error as LBSearchError:
            warn("error: \(error)")
            return exitStatus(for: error)
        case let error as DatabaseError:
            warn("error: the index could not be used (storage error \(error.resultCode.rawValue)); try 'lbsearch index' again")
            return 2
        default:
            if command.exitCode(for: error) == .success {
                write(command.fullMessage(for: error) + "\n")
                return 0
            }
            let message = command.message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid arguments"
            warn("error: \(message.replacingOccurrences(of: "Error: ", with: "")) (see 'lbsearch --help')")
            return 2
        }
    }
}
