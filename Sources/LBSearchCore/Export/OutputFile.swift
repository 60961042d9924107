import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a command's output to the file `--output` names, without harming what it points at.
///
/// - A symbolic link is followed: its target is written, the link stays.
/// - A device, FIFO or socket is written through, as a shell's `>` does (`-o /dev/null`
///   leaves `/dev/null` a device); `/dev/stdout` and `/dev/fd/N` write to that descriptor.
/// - A regular file is replaced atomically: a temporary file in the same folder, written,
///   given the old file's mode and owner, flushed with `fsync`, renamed over it. A file with
///   other hard links, another user's file (unless we are root), or a file in a folder where
///   no file can be created is rewritten in place.
/// - An SQLite database (header "SQLite format 3\0", SQLite's "Database File Format" 1.3.1),
///   and the index the command uses with its `-wal`, `-shm` and lock files, are refused.
/// - On failure no temporary file is left behind.
public enum OutputFile {
    /// Writes `data` to `path`; `index` is the index file the command uses, never overwritten.
    public static func write(_ data: Data, to path: String, index: String? = nil)
        throws(LBSearchError)
    {
        do {
            if let descriptor = inheritedDescriptor(path) {
                if let failure = data.withUnsafeBytes({ StreamWriter.writeAll(descriptor, $0) }) {
                    throw problem(failure)
                }
                return
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                guard errno == ENOENT else { throw Problem.system(errno) }
                return try replace(try resolvedLinks(path), with: data, existing: nil)
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw Problem.folder
            case S_IFREG:
                let target = try resolvedLinks(path)
                try refuseProtected(target, info, index: index)
                return try replace(target, with: data, existing: info)
            default:
                // Opened by its own name, so the kernel follows links, /proc's included.
                try writeInPlace(path, data, truncate: false)
            }
        } catch let problem as Problem {
            throw .cannotWriteOutput(path: path, reason: problem)
        } catch {
            throw .cannotWriteOutput(path: path, reason: .system(EIO))
        }
    }

    /// The descriptor `path` names when the process already has it open, else nil.
    ///
    /// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` are written as they are,
    /// so `-o /dev/stdout >> log` appends as the shell arranged.
    public static func inheritedDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// Why the output could not be written (its words are in `LBSearchError`'s message).
    typealias Problem = LBSearchError.OutputProblem

    /// `path` with symbolic links followed to the file they name (which may not exist yet).
    static func resolvedLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {  // SYMLOOP_MAX on Linux
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else {
                return current
            }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else { throw Problem.system(errno) }
            let target = String(
                decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current =
                target.hasPrefix("/")
                ? target : PathText.joined(PathText.folder(of: current), target)
        }
        throw Problem.system(ELOOP)
    }

    /// Throws for the index (or one of its companion files) and for any SQLite database.
    static func refuseProtected(_ target: String, _ info: stat, index: String?) throws {
        if let index {
            for companion in [
                index, index + "-wal", index + "-shm", index + "-journal", index + ".lock",
                UnsyncedBuild.path(for: index),
            ] {
                var other = stat()
                if stat(companion, &other) == 0, other.st_dev == info.st_dev,
                    other.st_ino == info.st_ino
                {
                    throw Problem.theIndex
                }
            }
        }
        if let handle = FileHandle(forReadingAtPath: target) {
            defer { try? handle.close() }
            let header = (try? handle.read(upToCount: 16)) ?? Data()
            if Array(header) == Array("SQLite format 3\u{0}".utf8) { throw Problem.database }
        }
    }
}
