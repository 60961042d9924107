import Foundation

/// Reads one file into documents: decodes it, dispatches on its format and settles titles.
public enum DocumentReader {
    /// Files larger than this are skipped (JSONL and feed files excepted: they hold many
    /// documents).
    public static let maxFileSize: Int64 = 32 * 1_048_576

    /// The bytes of a file, and the damage found in them when only part could be read.
    public struct Loaded: Sendable, Equatable {
        /// The file's bytes, decompressed for a `.gz` file.
        public var data: Data
        /// Where a damaged or cut-short compressed file stops being readable, else nil.
        ///
        /// Its records before the damage are in `data`; this names the first line that could
        /// not be read.
        public var damage: Skip?
    }

    /// The bytes of the file at `entry.path`, or why it cannot be indexed.
    public static func load(_ entry: FileEntry) -> Result<Data, SkipReason> {
        read(entry).map(\.data)
    }

    /// The bytes of the file at `entry.path` with any damage found, or why it cannot be indexed.
    ///
    /// For a damaged `.jsonl.gz`, the bytes are all that could be decompressed.
    public static func read(_ entry: FileEntry) -> Result<Loaded, SkipReason> {
        let limited = entry.format != .jsonl && entry.format != .feed
        if limited, entry.size > maxFileSize {
            return .failure(.tooLarge(limit: maxFileSize))
        }
        let now = status(entry.path)
        if let kind = now.flatMap(specialFile) { return .failure(.notAFile(kind)) }
        // The walk's size may be old: a file that grew since is measured again, before and
        // after it is read, so that a file growing past the limit is never taken whole.
        if limited, let now, Int64(now.st_size) > maxFileSize {
            return .failure(.tooLarge(limit: maxFileSize))
        }
        do {
            let data = try Data(
                contentsOf: URL(fileURLWithPath: entry.path), options: .mappedIfSafe)
            if limited, data.count > maxFileSize { return .failure(.tooLarge(limit: maxFileSize)) }
            let loaded =
                entry.path.lowercased().hasSuffix(".gz")
                ? inflated(data, path: entry.path) : Loaded(data: data)
            guard let loaded else { return .failure(.unreadable("not a valid gzip file")) }
            return loaded.data.isEmpty && loaded.damage == nil ? .failure(.empty) : .success(loaded)
        } catch {
            if let code = OpenFileLimit.exhaustion(in: error) { return .failure(.outOfFiles(code)) }
            return .failure(vanished(error) ? .vanished : .unreadable(reason(error)))
        }
    }

    /// The file at `path` as `stat` finds it now (one call for its kind and its size); nil
    /// when there is none (reading then says why).
    static func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    /// What a file of status `info` is when it is no longer a regular file (a named pipe put in
    /// place of the file the walk found, which opening would wait on for a writer); nil for a
    /// file or a folder.
    static func specialFile(_ info: stat) -> LBSearchError.SpecialFile? {
        guard let kind = LBSearchError.SpecialFile(mode: info.st_mode), kind != .folder else {
            return nil
        }
        return kind
    }

    /// A gzip file's lines, up to the first damage.
    ///
    /// When it is damaged: the whole lines before the damage, and a skip that names the first
    /// line lost. Nil when nothing at all decompresses.
    static func inflated(_ data: Data, path: String) -> Loaded? {
        let (output, intact) = Gzip.inflate(data)
        if intact { return Loaded(data: output) }
        let newline = UInt8(ascii: "\n")
        guard let lastBreak = output.lastIndex(of: newline) else {
            return output.isEmpty
                ? nil
                : Loaded(
                    data: Data(), damage: Skip(path: path, line: 1, reason: .damagedCompression))
        }
        let whole = output[output.startIndex...lastBreak]
        let line = whole.reduce(1) { $1 == newline ? $0 + 1 : $0 }
        return Loaded(
            data: Data(whole), damage: Skip(path: path, line: line, reason: .damagedCompression))
    }

    /// True when the file is gone: deleted between the walk that found it and this read.
    static func vanished(_ error: Error) -> Bool {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return true
        }
        let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
        return underlying?.domain == NSPOSIXErrorDomain && underlying?.code == Int(ENOENT)
    }

    /// The documents in a file's bytes (one, or one per JSONL record or feed item) and what was
    /// skipped.
    public static func documents(in data: Data, entry: FileEntry, hash: String) -> (
        documents: [Document], skips: [Skip]
    ) {
        if entry.format == .jsonl { return readJSONL(data, entry: entry) }
        if entry.format == .feed { return readFeed(data, entry: entry) }
        switch TextDecoder.decode(data) {
        case .failure(let reason):
            return ([], [Skip(path: entry.path, reason: reason)])
        case .success(let text):
            let extracted = extract(text, format: entry.format)
            if extracted.body.isEmpty, extracted.title == nil {
                return ([], [Skip(path: entry.path, reason: .noText)])
            }
            let document = make(
                extracted, path: entry.path, record: "", size: entry.size, mtime: entry.mtime,
                hash: hash)
            return ([document], [])
        }
    }

    /// The fields of one document of the given format.
    public static func extract(_ text: String, format: DocumentFormat) -> Extracted {
        switch format {
        case .text: return PlainTextExtractor.extract(text)
        case .markdown: return MarkdownExtractor.extract(text)
        case .html: return HTMLExtractor.extract(text)
        case .jsonl, .feed: return Extracted(body: text)
        }
    }

    static func readJSONL(_ data: Data, entry: FileEntry) -> ([Document], [Skip]) {
        let (records, skips) = JSONLReader.read(data, path: entry.path)
        let documents = records.map { record in
            make(
                record.extracted, path: entry.path, record: record.id, size: record.size,
                mtime: entry.mtime, hash: record.hash)
        }
        return (documents, skips)
    }

    static func readFeed(_ data: Data, entry: FileEntry) -> ([Document], [Skip]) {
        let contents = FeedReader.read(data, path: entry.path)
        let documents = contents.items.map { item in
            make(
                item.extracted, path: entry.path, record: item.id, size: item.size,
                mtime: entry.mtime, hash: item.hash)
        }
        return (documents, contents.skips)
    }

    static func make(
        _ extracted: Extracted, path: String, record: String, size: Int64, mtime: Double,
        hash: String
    ) -> Document {
        let fallbackName = record.isEmpty ? path : record
        let title = TitleFinder.title(
            declared: extracted.title, body: extracted.body, path: fallbackName)
        return Document(
            path: path, record: record, title: title,
            body: dropLeadingTitle(extracted.body, title: title), date: extracted.date,
            source: extracted.source, url: extracted.url,
            tags: extracted.tags, size: size, mtime: mtime, contentHash: hash)
    }

    /// The body without its first line when that line only repeats the title (an HTML `<h1>`
    /// or Markdown heading), so snippets do not show the title twice.
    static func dropLeadingTitle(_ body: String, title: String) -> String {
        guard let end = body.utf8.firstIndex(where: { $0 == 10 || $0 == 13 }) else { return body }
        // A first line much longer than the title is a paragraph, not the title again.
        guard body.utf8.distance(from: body.utf8.startIndex, to: end) <= title.utf8.count * 2 + 16,
            TitleFinder.clean(String(body[..<end])) == title
        else { return body }
        return TextLines.trimmed(String(body[end...]))
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let posix = nsError.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        return nsError.localizedDescription
    }
}
