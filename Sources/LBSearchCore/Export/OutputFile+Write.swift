import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The writing half of `OutputFile`: atomic replacement of regular files, writes in place.
extension OutputFile {
    /// Replaces (or creates) the regular file `target` through a temporary file in its folder.
    ///
    /// `existing` is the file being replaced, nil for a new one.
    static func replace(_ target: String, with data: Data, existing: stat?) throws {
        // Other hard links would keep the old text; another user's file would become ours
        // (only root can give it back). Both are rewritten in place, as a shell's `>` does.
        if let existing, existing.st_nlink > 1 || (existing.st_uid != geteuid() && geteuid() != 0) {
            return try writeInPlace(target, data, truncate: true)
        }
        let folder = PathText.folder(of: target)
        let name = PathText.name(of: target)
        var template = Array(
            ((folder.isEmpty ? "." : folder) + "/." + name + ".lbsearch-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            // A folder that takes no new file may still hold a file that can be written.
            if existing != nil, errno == EACCES || errno == EPERM {
                return try writeInPlace(target, data, truncate: true)
            }
            throw Problem.system(errno)
        }
        let temporary = String(
            decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        try TemporaryFileGuard.guarding(temporary) {
            do {
                try fill(descriptor, with: data, like: existing)
                guard rename(temporary, target) == 0 else { throw Problem.system(errno) }
            } catch {
                unlink(temporary)
                throw error
            }
        }
        syncFolder(folder.isEmpty ? "." : folder)
    }

    /// Writes `data` into the new file `descriptor`, gives it the owner and mode of `existing`
    /// (or the mode a new file gets under the umask), flushes it to disk and closes it.
    static func fill(_ descriptor: Int32, with data: Data, like existing: stat?) throws {
        var failure = data.withUnsafeBytes { StreamWriter.writeAll(descriptor, $0) }.map(
            Self.problem)
        if failure == nil, let existing,
            existing.st_uid != geteuid() || existing.st_gid != getegid()
        {
            // Only root (or the owner, for the group) may: otherwise the file becomes ours.
            _ = fchown(descriptor, existing.st_uid, existing.st_gid)
        }
        let mode = existing.map { $0.st_mode & 0o7777 } ?? (0o666 & ~currentUmask())
        if failure == nil, fchmod(descriptor, mode) != 0 { failure = .system(errno) }
        if failure == nil, fsync(descriptor) != 0 { failure = .system(errno) }
        if close(descriptor) != 0, failure == nil { failure = .system(errno) }
        if let failure { throw failure }
    }

    /// Writes through to `target` as it is (device, FIFO, or a file with other hard links).
    static func writeInPlace(_ target: String, _ data: Data, truncate: Bool) throws {
        let descriptor = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY | (truncate ? O_TRUNC : 0))
        guard descriptor >= 0 else { throw Problem.system(errno) }
        var failure = data.withUnsafeBytes { StreamWriter.writeAll(descriptor, $0) }.map(
            Self.problem)
        if failure == nil, truncate, fsync(descriptor) != 0 { failure = .system(errno) }
        if close(descriptor) != 0, failure == nil { failure = .system(errno) }
        if let failure { throw failure }
    }

    static func problem(_ failure: StreamWriter.Failure) -> Problem {
        switch failure {
        case .readerGone: return .system(EPIPE)
        case .failed(let code): return .system(code)
        }
    }

    /// Makes a rename in `folder` durable (best effort: not every file system allows it).
    static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// The process's umask, which `umask(2)` only reveals by setting it.
    static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}
