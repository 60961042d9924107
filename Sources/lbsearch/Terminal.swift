import ArgumentParser
import Foundation
import LBSearchCore

/// Standard streams, terminal detection and the one place errors become exit codes.
enum Terminal {
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Columns of the terminal on `descriptor` (standard output by default), else `$COLUMNS`,
    /// else 80.
    static func columns(of descriptor: Int32 = STDOUT_FILENO) -> Int {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }

    /// True for colour: `always`, or `auto` on a terminal unless `NO_COLOR` is set or
    /// `TERM=dumb`.
    static func wantsColor(_ choice: ColorChoice, onTerminal: Bool) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            return onTerminal && (environment["NO_COLOR"] ?? "").isEmpty
                && environment["TERM"] != "dumb"
        }
    }

    /// Standard output and standard error, written with `write(2)`: a failed write is an
    /// error value, never a crash.
    static let standardOutput = StreamWriter(descriptor: STDOUT_FILENO)
    static let standardError = StreamWriter(descriptor: STDERR_FILENO)

    /// Ignores SIGPIPE and SIGXFSZ, so that a closed pipe and the file size limit (`ulimit -f`)
    /// come back as write errors (`EPIPE`, `EFBIG`) instead of killing the process part-way.
    static func ignoreWriteSignals() {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Writes one `lbsearch: …` line to standard error.
    static func warn(_ message: String) {
        writeError("lbsearch: " + TerminalSafety.sanitize(message) + "\n")
    }

    /// Writes raw text to standard error.
    ///
    /// A failure is remembered (see `finalStatus`): there is nowhere left to report it.
    static func writeError(_ text: String) {
        try? standardError.write(text)
    }

    /// Writes text to standard output; a reader that is gone ends the program as it ends grep.
    static func write(_ text: String) throws {
        do {
            try standardOutput.write(text)
        } catch {
            switch error {
            case .readerGone: endForClosedPipe()
            case .failed(let code): throw LBSearchError.outputFailed(errno: code)
            }
        }
    }

    /// The reader of standard output closed it (`lbsearch art | head -1`): end quietly, killed
    /// by SIGPIPE as grep is (status 141 in a shell), so pipelines see what they see of grep.
    static func endForClosedPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        exit(128 + SIGPIPE)
    }

    /// `status`, made 2 when a message could not be written to standard error (a full disk,
    /// a device error); a closed standard error only loses the messages.
    static func finalStatus(_ status: Int32) -> Int32 {
        guard case .failed = standardError.failure, status < 2 else { return status }
        return 2
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
        default:
            if command.exitCode(for: error) == .success {
                do {
                    try write(command.fullMessage(for: error) + "\n")
                    return 0
                } catch {
                    warn("error: \(error)")
                    return 2
                }
            }
            let message =
                command.message(for: error).split(whereSeparator: \.isNewline).first.map(
                    String.init) ?? "invalid arguments"
            warn(
                "error: \(message.replacingOccurrences(of: "Error: ", with: "")) (see 'lbsearch --help')"
            )
            return 2
        }
    }
}
