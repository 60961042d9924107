/// What one indexing run did.
public struct IndexReport: Sendable, Hashable {
    /// Documents new to the index.
    public var added = 0
    /// Documents whose content changed and that were indexed again.
    public var updated = 0
    /// Documents whose file was renamed or moved: their path changed, not their content.
    public var moved = 0
    /// Documents whose file or record is gone, taken out of the index.
    public var removed = 0
    /// Documents found as the index already held them.
    public var unchanged = 0
    /// Files and records that could not be indexed (each listed as a `Skip`).
    public var skipped = 0
    /// Documents whose title and body went through the FTS5 tokenizer (added or updated):
    /// 0 on an unchanged reindex, which is what benchmarks and CI check.
    public var tokenized = 0
    /// Wall-clock duration of the run.
    public var seconds = 0.0
    /// Files found by the walk but deleted before they were read (also counted in `skipped`).
    ///
    /// They are reported together in one line (`vanishedNote`) rather than one line each.
    public var vanished = 0
    /// Roots that could not be read: their documents were kept (exit status 3).
    public var unavailableRoots: [RootStatus] = []

    /// A report with every count at zero, for a run to fill in.
    public init() {}

    /// The one summary line printed at the end of a run.
    public var summary: String {
        let time = (seconds * 100).rounded() / 100
        let unavailable =
            unavailableRoots.isEmpty
            ? "" : "; \(unavailableRoots.count) root(s) could not be read, documents kept"
        return "indexed: \(added) added, \(updated) updated, \(moved) moved, \(removed) removed, "
            + "\(unchanged) unchanged, \(skipped) skipped in \(time)s" + unavailable
    }

    /// One line for the files deleted during the run, when there were any.
    public var vanishedNote: String? {
        guard vanished > 0 else { return nil }
        return vanished == 1
            ? "1 file vanished during the run" : "\(vanished) files vanished during the run"
    }
}

/// A file or record that was not indexed, and why; reported, never fatal.
public struct Skip: Sendable, Hashable, CustomStringConvertible {
    /// The file that was skipped, or that holds the skipped record.
    public var path: String
    /// 1-based line for a JSONL record, nil for a whole file.
    public var line: Int?
    /// Why it was not indexed.
    public var reason: SkipReason

    /// A skip of the file at `path`, or of its record at `line`.
    public init(path: String, line: Int? = nil, reason: SkipReason) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    /// How many skipped files or records this skip stands for.
    public var records: Int {
        if case .moreBadLines(let count) = reason { return count }
        return 1
    }

    /// At most `listed` of a file's bad lines, then one skip standing for the rest.
    ///
    /// A damaged file can have thousands; whole-file skips and damage notes are all kept.
    public static func capped(_ skips: [Skip], listed: Int = 10) -> [Skip] {
        let lines = skips.filter { $0.line != nil && !$0.reason.endsReading }
        guard lines.count > listed, let last = lines.last else { return skips }
        let rest = Skip(
            path: last.path, line: last.line, reason: .moreBadLines(lines.count - listed))
        let kept = skips.filter { $0.line == nil || $0.reason.endsReading }
        return Array(lines.prefix(listed)) + [rest] + kept
    }

    /// One line; control characters in the path shown as `\xNN` escapes.
    public var description: String {
        let shown = FileName.escaped(Array(path.utf8))
        if let line { return "skipped \(shown):\(line): \(reason)" }
        return "skipped \(shown): \(reason)"
    }
}

/// Why a file or record was not indexed.
public enum SkipReason: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case binary
    case invalidEncoding
    case tooLarge(limit: Int64)
    case unreadable(String)
    case unsupportedType
    /// Given by name, but a device, named pipe or socket, which holds no document.
    case notAFile(LBSearchError.SpecialFile)
    /// The line is not JSON (RFC 8259).
    case malformedJSON
    /// The line is JSON, but an array, string, number or literal rather than an object.
    case notAnObject
    case missingID
    case duplicateID(String)
    /// The same file or folder (device and inode) was already found at this path.
    ///
    /// It was reached again through a symbolic link, hard link or bind mount.
    case sameAs(String)
    case noText
    /// Found by the walk, gone when it was read (deleted during the run).
    case vanished
    /// Not opened because the process, or the system, had no open file left (the `errno`,
    /// `EMFILE` or `ENFILE`): nothing is wrong with the file, and a run stops rather than
    /// count it as unreadable.
    case outOfFiles(Int32)
    /// A compressed file is damaged or cut short from this line on.
    case damagedCompression
    /// The name is not valid UTF-8, so it cannot be stored or shown as text.
    case invalidFileName
    /// This many more bad lines of the file, up to this line, not listed one by one.
    case moreBadLines(Int)
    /// An XML file whose root element is not an RSS or Atom feed's.
    case notAFeed
    /// A feed is not well-formed XML at this line (libxml2's error code): the items before it
    /// were read (and those after it, when libxml2 could go on), and the items the index holds
    /// from the feed are kept.
    case malformedXML(Int)
    /// Another item of the feed has the same key (`guid`, `id` or link); one was kept.
    case duplicateItem(String)
    /// A well-formed feed with no item.
    case noItems

    /// A few words for a libxml2 error code (`xmlParserErrors` in libxml2's `xmlerror.h`).
    static func xmlFault(_ code: Int) -> String {
        switch code {
        case 4, 5: return "the text is not XML or stops short"
        case 26, 27: return "an entity that is not declared, such as &nbsp;"
        case 68: return "a `<` that starts no tag"
        case 76: return "a closing tag that does not match"
        case 89: return "an entity that expands without bound"
        default: return "libxml2 error \(code)"
        }
    }

    /// True for damage that ends the reading of a file (the rest of it was not read).
    public var endsReading: Bool {
        switch self {
        case .damagedCompression, .malformedXML, .notAFeed: return true
        default: return false
        }
    }

    /// The reason as the end of a `skipped PATH: …` line.
    public var description: String {
        switch self {
        case .empty: return "empty file"
        case .binary: return "binary file"
        case .invalidEncoding: return "not valid UTF-8 or UTF-16 text"
        case .tooLarge(let limit): return "larger than \(limit / 1_048_576) MiB"
        case .unreadable(let why): return "cannot read: \(why)"
        case .unsupportedType: return "not a .txt, .md, .html, .jsonl or feed file"
        case .notAFile(let kind): return "\(LBSearchError.text(kind)), not a file"
        case .malformedJSON: return "not valid JSON"
        case .notAnObject: return "not a JSON object"
        case .missingID: return "record has no \"_id\""
        case .duplicateID(let id): return "duplicate \"_id\" \(id)"
        case .sameAs(let path): return "the same file or folder as \(path), indexed once"
        case .noText: return "no text"
        case .vanished: return "deleted during the run"
        case .outOfFiles: return "cannot read: too many open files"
        case .damagedCompression:
            return "the compressed data is damaged or cut short here; the lines before it were read"
        case .invalidFileName: return "the file name is not valid UTF-8"
        case .moreBadLines(let count):
            return "and \(count) more bad lines up to this one, not listed"
        case .notAFeed: return "not an RSS or Atom feed"
        case .malformedXML(let code):
            return "not well-formed XML here (\(Self.xmlFault(code))); "
                + "the items read before it (or past it) were indexed, those the index holds kept"
        case .duplicateItem(let key):
            return "another item has the same id \(key); the newer or longer one was kept"
        case .noItems: return "a feed with no items"
        }
    }
}
