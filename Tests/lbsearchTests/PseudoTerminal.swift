import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the binary with a pseudo-terminal as its standard error (and, if asked, its standard
/// output), as a person at a terminal runs it; what reached the terminal is returned raw.
enum PseudoTerminal {
    struct Run {
        var status: Int32
        /// Everything written to the terminal, escapes and carriage returns included.
        var terminal: String
        /// Standard output when it was a pipe.
        var stdout: String
    }

    /// Runs `arguments`; with `stdoutToo` both streams go to the terminal (as `script` does).
    static func run(
        _ arguments: [String], cwd: String, environment: [String: String] = [:],
        stdoutToo: Bool = false, input: Pipe? = nil, launcher: [String] = [],
        during: ((Process, Reader) -> Void)? = nil
    ) throws -> Run {
        let (master, slave) = try open()
        var size = winsize(ws_row: 24, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launcher.first ?? CLI.binary.path)
        process.arguments =
            launcher.isEmpty ? arguments : launcher.dropFirst() + [CLI.binary.path] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var env = ProcessInfo.processInfo.environment
        (env["LBSEARCH_INDEX"], env["NO_COLOR"], env["TERM"], env["PAGER"]) = (
            nil, nil, "xterm", ""
        )
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        process.standardOutput = stdoutToo ? terminal : out
        process.standardError = terminal
        process.standardInput = input ?? FileHandle.nullDevice
        let reader = Reader(master)
        try process.run()
        close(slave)
        during?(process, reader)
        let stdout = stdoutToo ? Data() : out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = reader.finish()
        close(master)
        return Run(
            status: process.terminationStatus, terminal: text,
            stdout: String(decoding: stdout, as: UTF8.self))
    }

    /// A new pseudo-terminal: its master and slave descriptors.
    ///
    /// Through `/dev/ptmx` and the Linux ioctls that `posix_openpt`, `unlockpt` and `ptsname`
    /// wrap (Swift's Glibc module leaves those out).
    static func open() throws -> (Int32, Int32) {
        let master = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        // TIOCSPTLCK and TIOCGPTN, from <asm-generic/ioctls.h>.
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0,
            ioctl(master, 0x8004_5430, &number) == 0
        else { throw POSIXError(.ENODEV) }
        let slave = Glibc.open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw POSIXError(.ENODEV) }
        return (master, slave)
    }

    /// Reads the master side on another thread until every writer closed the terminal.
    final class Reader: @unchecked Sendable {
        private var data = Data()
        private let lock = NSLock()
        private let done = DispatchSemaphore(value: 0)

        /// Waits up to `seconds` until the terminal has shown `text`; true when it has.
        func wait(for text: String, seconds: Double = 30) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if lock.withLock({ String(decoding: data, as: UTF8.self).contains(text) }) {
                    return true
                }
                usleep(20_000)
            }
            return false
        }

        init(_ master: Int32) {
            // A thread of its own, not the shared pool: tests wait for it while blocking theirs.
            Thread { [self] in
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = read(master, &buffer, buffer.count)
                    if count <= 0 { break }
                    lock.withLock { data.append(contentsOf: buffer[0..<count]) }
                }
                done.signal()
            }.start()
        }

        func finish() -> String {
            done.wait()
            return lock.withLock { String(decoding: data, as: UTF8.self) }
        }
    }

    /// The lines a terminal shows at the end: carriage returns go back to the start of the
    /// line, erase-line clears the rest of it, other escapes are dropped.
    static func screen(_ raw: String) -> [String] {
        var lines: [[Character]] = [[]]
        var column = 0
        var characters = raw[...]
        while let character = characters.popFirst() {
            switch character {
            case "\r": column = 0
            case "\n", "\r\n":
                lines.append([])
                column = 0
            case "\u{1B}":
                let sequence = characters.prefix { !$0.isLetter }
                let command = characters.dropFirst(sequence.count).first
                characters = characters.dropFirst(sequence.count + 1)
                if command == "K" { lines[lines.count - 1].removeSubrange(column...) }
            default:
                var line = lines[lines.count - 1]
                if column < line.count { line[column] = character } else { line.append(character) }
                lines[lines.count - 1] = line
                column += 1
            }
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { String($0) }
    }
}
