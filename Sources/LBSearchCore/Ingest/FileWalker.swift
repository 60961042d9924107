import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file found under a root, with what change detection needs.
public struct FileEntry: Sendable, Hashable {
    /// Absolute path of the file, under the first name the walk found it by.
    public var path: String
    /// Size in bytes, from `stat`.
    public var size: Int64
    /// Modification time, seconds since 1970 (with nanoseconds).
    public var mtime: Double
    /// How to read it, from its name's ending.
    public var format: DocumentFormat
}

/// The formats lbsearch reads, by file name ending (JSONL also gzip-compressed: `.jsonl.gz`).
///
/// A `feed` file (`.rss`, `.atom`, `.xml`, `.feed`) is read as RSS 2.0, RSS 1.0 or Atom
/// according to its root element, whatever its ending (`FeedDialect`).
public enum DocumentFormat: String, Sendable, Hashable {
    case text, markdown, html, jsonl, feed

    /// True for a format of one document per file (not JSONL or a feed).
    var isOneDocument: Bool { self != .jsonl && self != .feed }

    /// The format for a file name, or nil when lbsearch does not read it.
    ///
    /// Looks at the bytes after the last dot of the last path component: called for every file
    /// of every walk.
    public init?(fileName: String) {
        let utf8 = fileName.utf8
        guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        if let slash = utf8.lastIndex(of: UInt8(ascii: "/")), slash > dot { return nil }
        let suffix = utf8[utf8.index(after: dot)...]
        guard suffix.count <= 8 else { return nil }
        // `| 0x20` lower-cases ASCII letters and maps no other byte onto one.
        let ending = String(decoding: suffix.map { $0 | 0x20 }, as: UTF8.self)
        if ending == "gz" {
            // Only compressed JSON Lines are read: `.jsonl.gz`, `.ndjson.gz`.
            guard
                let inner = DocumentFormat(fileName: String(decoding: utf8[..<dot], as: UTF8.self)),
                inner == .jsonl
            else { return nil }
            self = .jsonl
            return
        }
        switch ending {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm", "xhtml": self = .html
        case "jsonl", "ndjson": self = .jsonl
        case "rss", "atom", "xml", "feed": self = .feed
        default: return nil
        }
    }
}

/// Walks roots, skipping hidden entries and reporting what it cannot read instead of failing.
///
/// Symbolic links are followed, but never around a loop. Files and folders are identified by device
/// and inode as well as path: one reached a second time (a symbolic or hard link, a bind mount, a
/// root indexed under two names) is walked once, under the first path found. A folder met again
/// inside a tree is a link loop or alias and is passed silently; a root or a file met again is
/// reported as a skip. A device, named pipe or socket is never opened: it is reported as a skip
/// when given by name or when its name is one lbsearch reads (`pipe.txt`).
///
/// A folder may hold a `.lbsearchignore` file: one shell pattern per line (`#` starts a
/// comment), matched against the names of the files and folders inside it and below it.
public struct FileWalker {
    /// The files found, roots in order and each folder's entries in name order.
    public private(set) var files: [FileEntry] = []
    /// What the walk could not take, and why: unreadable, vanished, badly named or met twice.
    public private(set) var skips: [Skip] = []
    /// Folders that could not be listed, with the reason.
    ///
    /// What the index holds under them is kept, not removed, since nobody can tell whether it
    /// still exists.
    public private(set) var unreadableFolders: [String: String] = [:]
    /// The first folder that could not be opened or its ignore file read because the process,
    /// or the system, ran out of open files (`errno` `EMFILE` or `ENFILE`), else nil.
    ///
    /// Such a walk is incomplete through no fault of the files: its folders are in
    /// `unreadableFolders` as any other, but a run must stop rather than report them.
    public private(set) var outOfFiles: (path: String, errno: Int32)?
    /// Called for every file found, as it is found (to show progress during a long walk).
    public var onFound: (() -> Void)?
    private var visited: [DirectoryID: String] = [:]
    private var seenFiles: [DirectoryID: String] = [:]
    /// Roots that were the same folder or file as one walked before: not walked again.
    public private(set) var aliasRoots: Set<String> = []

    /// A walker that has walked nothing yet.
    public init() {}

    /// Walks every root in order; a root may be a folder or a single file.
    public mutating func walk(_ roots: [String]) {
        for root in roots { visit(root, explicit: true, ignores: []) }
    }

    /// Ends the walk: returns the files found (`files` is then empty) and lets go of what the
    /// walk kept to take each file once, about a hundred bytes per file.
    public mutating func finish() -> [FileEntry] {
        defer { (files, seenFiles, visited) = ([], [:], [:]) }
        return files
    }

    /// Marks `paths` (other roots of the index, not walked now) as seen.
    ///
    /// This walk then does not index them again under another name.
    public mutating func alreadyIndexed(_ paths: [String]) {
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            let id = DirectoryID(info)
            if info.st_mode & S_IFMT == S_IFDIR {
                visited[id] = visited[id] ?? path
            } else {
                seenFiles[id] = seenFiles[id] ?? path
            }
        }
    }

    /// The name of the per-folder ignore file.
    public static let ignoreFile = ".lbsearchignore"

    private mutating func visit(_ path: String, explicit: Bool, ignores: [String]) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            skips.append(Skip(path: path, reason: .unreadable(String(cString: strerror(errno)))))
            return
        }
        visit(path, info: info, explicit: explicit, ignores: ignores)
    }

    private mutating func visit(_ path: String, info: stat, explicit: Bool, ignores: [String]) {
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            visitDirectory(path, id: DirectoryID(info), explicit: explicit, ignores: ignores)
        case S_IFREG: visitFile(path, info: info, explicit: explicit)
        default:
            // In a folder, only a name lbsearch reads is worth a word (`pipe.txt`); other
            // names are passed over, as regular files lbsearch does not read are.
            guard explicit || DocumentFormat(fileName: path) != nil else { return }
            let kind = LBSearchError.SpecialFile(mode: info.st_mode) ?? .device
            skips.append(Skip(path: path, reason: .notAFile(kind)))
        }
    }

    private mutating func visitFile(_ path: String, info: stat, explicit: Bool) {
        guard let format = DocumentFormat(fileName: path) else {
            if explicit { skips.append(Skip(path: path, reason: .unsupportedType)) }
            return
        }
        let id = DirectoryID(info)
        if let first = seenFiles[id], first != path {
            if explicit { aliasRoots.insert(path) }
            skips.append(Skip(path: path, reason: .sameAs(first)))
            return
        }
        seenFiles[id] = path
        let mtime = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        files.append(FileEntry(path: path, size: Int64(info.st_size), mtime: mtime, format: format))
        onFound?()
    }

    /// Lists a folder and visits its entries in name order.
    ///
    /// Entries are `stat`ed relative to the open folder (`fstatat`), which spares the kernel a
    /// walk of the whole path per file.
    private mutating func visitDirectory(
        _ path: String, id: DirectoryID, explicit: Bool, ignores inherited: [String]
    ) {
        if let first = visited[id] {
            if explicit, first != path {
                aliasRoots.insert(path)
                skips.append(Skip(path: path, reason: .sameAs(first)))
            }
            return
        }
        visited[id] = path
        guard let dir = opendir(path) else {
            let code = errno
            if OpenFileLimit.isExhaustion(code) { outOfFiles = outOfFiles ?? (path, code) }
            let reason = String(cString: strerror(code))
            unreadableFolders[path] = reason
            skips.append(Skip(path: path, reason: .unreadable(reason)))
            return
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                let base = path.hasSuffix("/") ? path : path + "/"
                if bytes.first != UInt8(ascii: ".") {
                    skips.append(
                        Skip(path: base + FileName.escaped(bytes), reason: .invalidFileName))
                }
                continue
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        let base = path.hasSuffix("/") ? path : path + "/"
        let ignores = inherited + ignorePatterns(of: path)
        let descriptor = dirfd(dir)
        for name in names.sorted() where !ignores.contains(where: { fnmatch($0, name, 0) == 0 }) {
            var info = stat()
            guard fstatat(descriptor, name, &info, 0) == 0 else {
                let code = errno
                // Gone altogether (not a link to nothing): deleted since the folder was listed.
                var link = stat()
                let gone =
                    code == ENOENT && fstatat(descriptor, name, &link, AT_SYMLINK_NOFOLLOW) != 0
                skips.append(
                    Skip(
                        path: base + name,
                        reason: gone ? .vanished : .unreadable(String(cString: strerror(code)))))
                continue
            }
            visit(base + name, info: info, explicit: false, ignores: ignores)
        }
    }
}

extension FileWalker {
    /// The patterns of the ignore file of `folder`, as `patterns(in:)`; when it could not be
    /// opened for want of open files, the folder is noted in `outOfFiles` (its patterns, if it
    /// has any, are unknown).
    mutating func ignorePatterns(of folder: String) -> [String] {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        do {
            return try Self.patterns(reading: base + Self.ignoreFile)
        } catch {
            if let code = OpenFileLimit.exhaustion(in: error) {
                outOfFiles = outOfFiles ?? (folder, code)
            }
            return []
        }
    }

    /// The patterns of an ignore file; none when it does not exist.
    static func patterns(in file: String) -> [String] {
        (try? patterns(reading: file)) ?? []
    }

    /// The patterns of an ignore file; throws when it cannot be read (or does not exist).
    static func patterns(reading file: String) throws -> [String] {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}

/// Identifies a file or directory across symbolic links, hard links and bind mounts.
struct DirectoryID: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        (device, inode) = (UInt64(info.st_dev), UInt64(info.st_ino))
    }
}
