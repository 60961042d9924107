import Foundation

/// Tells the kernel which files a batch is about to read (`posix_fadvise` with
/// `POSIX_FADV_WILLNEED`) when they are not in the page cache, so that it reads them from disk
/// together.
///
/// A batch reads its files one after another on one thread, since the plan decides them in
/// order (`BatchPipeline`): from disk, each read would wait for its own, about 50 µs a small
/// file. Whether the files are cached is told by a few of them (`mincore` of their first
/// page): advising files the cache holds would only cost three system calls each. Only
/// regular files of one document each, no larger than a file is read, are advised.
enum ReadAhead {
    static func start(_ entries: ArraySlice<FileEntry>) {
        let files = entries.filter {
            $0.format.isOneDocument && $0.size > 0 && $0.size <= DocumentReader.maxFileSize
        }
        guard !files.isEmpty else { return }
        let probed = Set([0, files.count / 2, files.count - 1])
        guard probed.contains(where: { !isCached(files[$0].path) }) else { return }
        for file in files {
            _ = opened(file.path) { posix_fadvise($0, 0, 0, POSIX_FADV_WILLNEED) }
        }
    }

    /// False when the first page of the file at `path` is not in the page cache; true when it
    /// is, or the file cannot be told (nothing to read ahead).
    static func isCached(_ path: String) -> Bool {
        opened(path) { descriptor -> Bool in
            guard let page = mmap(nil, 1, PROT_READ, MAP_SHARED, descriptor, 0),
                page != UnsafeMutableRawPointer(bitPattern: -1)
            else { return true }
            defer { munmap(page, 1) }
            var resident: UInt8 = 0
            return mincore(page, 1, &resident) != 0 || resident & 1 == 1
        } ?? true
    }

    /// `body` with the regular file at `path` open for reading; nil when it is not one.
    ///
    /// Never waits: `O_NONBLOCK` for a named pipe put in the file's place since the walk.
    static func opened<Result>(_ path: String, _ body: (Int32) -> Result) -> Result? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return body(descriptor)
    }
}
