/// Everything that can stop a command, as data: what went wrong and the values that say where.
///
/// A case holds no prose: the one-line message for each is written once, in `description`
/// (`LBSearchError+Message.swift`), which the command line prints. `kind` tells user errors
/// (the command, its options, its query or the files it names must change) from internal ones
/// (the index is damaged, SQLite or the disk failed), as milli's `UserError`/`InternalError`.
public enum LBSearchError: Error, Sendable, Equatable {
    /// No index file at `path` (or an empty one).
    case noIndex(path: String)
    /// `path` is a file, or an SQLite database, that lbsearch did not write.
    case notAnIndex(path: String)
    /// SQLite found the index damaged, or the file is shorter than its header says.
    case corruptIndex(path: String)
    /// The doctor's findings: what is wrong, and the one command that fixes it.
    case damagedIndex(path: String, report: HealthReport)
    /// The index was written by a later version of lbsearch.
    case newerIndex(path: String)
    /// The index needs a migration, which only a writer (`lbsearch index`) does.
    case outdatedIndex(path: String)
    /// The index could not be opened or used, for `reason`.
    case cannotOpenIndex(path: String, reason: OpenFailure)
    /// The index, or the folder it is in, may not be written.
    case readOnlyIndex(path: String)
    /// Another process holds the writer lock; `pid` is the one it recorded, when known.
    case indexBusy(path: String, pid: Int32?)
    /// Writing failed part-way (disk full, I/O error); the index keeps its last committed state.
    case writeFailed(path: String, reason: WriteFailure)
    /// The query holds no word, phrase or filter to search for.
    case emptyQuery
    /// `lbsearch index` with no path, and no root indexed before.
    case noRoots
    /// A path given to `lbsearch index` does not exist.
    case rootNotFound(path: String)
    /// `--forget` named a path that is not one of the index's roots.
    case notARoot(path: String)
    /// `--full` cannot rebuild a root it cannot read without losing its documents.
    case rootUnavailable(RootStatus)
    /// `--output` names a file that may not, or could not, be written.
    case cannotWriteOutput(path: String, reason: OutputProblem)
    /// Standard output could not be written (full disk, device error, file size limit): the
    /// `errno` of the failed write.
    case outputFailed(errno: Int32)
    /// An option on the command line that no command takes: a word such as `-dash.txt`
    /// that would otherwise be read as short flags, help among them.
    case unknownOption(String)
    /// An option given a value it does not take, or a word that is no option.
    case badOption(OptionProblem)
    /// A file a command must read (`batch --queries`) could not be read: the `errno` of the
    /// failure (`EISDIR` for a folder, `EFBIG` past the size limit), 0 when unknown.
    case cannotReadFile(path: String, errno: Int32 = 0)
    /// `--ranking` named a setting that does not exist (`name=value`, as given).
    case unknownRankingSetting(String)
    /// The query only excludes.
    case onlyExclusions
    /// The query's first `limit` words, the ones read, only exclude.
    case onlyExclusionsRead(limit: Int)
    /// A date (`date:`, `--since`, `--until`) that is not `yyyy`, `yyyy-mm` or `yyyy-mm-dd`.
    case invalidDate(String)
    /// A date range that starts after it ends (`date:2024..2023`, `--since 2025 --until 2024`):
    /// its two ends as typed, and where they were typed.
    case reversedDates(from: String, to: String, in: DateSpelling)
    /// `lbsearch show` named an id or path that no indexed document has.
    case noSuchDocument(String)
    /// `lbsearch show` named an id or a JSONL file that several documents share; `candidates`
    /// are some of the ids that name one each.
    case ambiguousDocument(String, candidates: [String])
    /// `lbsearch serve --host` named no IPv4 or IPv6 address.
    case notAnAddress(String)
    /// `lbsearch serve` could not listen on `address` (in use, or not this machine's).
    case cannotListen(address: String)
    /// `lbsearch export` cannot do what was asked (`ExportProblem`).
    case export(ExportProblem)
    /// The process may hold only `limit` open files (`ulimit -n`), fewer than `needed`.
    case tooFewOpenFiles(limit: Int, needed: Int)
    /// Opening `path` (the index, a folder or a file to index) failed because the process had
    /// used up its open files: `limit` is its `ulimit -n` (EMFILE), nil when the whole system
    /// ran out (ENFILE).
    case tooManyOpenFiles(path: String, limit: Int?)
    /// A command started with almost none of its open files free: files it inherited from the
    /// program that started it hold them. `limit` is its `ulimit -n`, nil when the whole system
    /// ran out.
    case noFreeOpenFiles(limit: Int?)

    /// Where a date range was typed: a `date:` filter in the query, or `--since` and `--until`.
    public enum DateSpelling: Sendable, Equatable {
        /// `date:FROM..TO` in the query text.
        case filter
        /// `--since FROM --until TO` (or the API's `since` and `until`).
        case options
    }

    /// Why an index could not be opened or used.
    public enum OpenFailure: Sendable, Equatable {
        /// The path names a folder.
        case isFolder
        /// The path names a device, named pipe or socket, not a file.
        case notAFile(SpecialFile)
        /// The folder for a new index (given) could not be created.
        case cannotCreateFolder(String)
        /// SQLite could not open the file: permission denied, or a missing folder.
        case permissionDenied
        /// Reading the file failed.
        case inputOutput
        /// The file stayed locked by another connection past the busy timeout.
        case busy
        /// The writer lock file could not be created (`errno` given).
        case lockFile(errno: Int32)
        /// SQLite failed with a result code lbsearch does not expect.
        case storage(code: Int32)
    }

    /// Why writing the index failed.
    public enum WriteFailure: Sendable, Equatable {
        /// The disk is full or the file size limit (`ulimit -f`) was reached.
        case diskFull
        /// As `diskFull`, or the disk failed: SQLite reports EFBIG and EIO alike.
        case diskFullOrFailing
        /// An input/output error while writing.
        case inputOutput
        /// A system call failed with `errno`.
        case system(errno: Int32)
    }

    /// What is wrong with an option on the command line.
    public enum OptionProblem: Sendable, Equatable {
        /// A whole number outside `lower...upper` (`--limit 0`).
        case outOfRange(option: String, lower: Int, upper: Int)
        /// A negative count (`--offset -1`).
        case negativeCount(option: String)
        /// A negative, infinite or not-a-number duration (`--wait -1`).
        case negativeSeconds(option: String)
        /// A time limit that is negative, infinite or not a number; 0 means none.
        case negativeTimeLimit(option: String)
        /// `--markers` without the comma between OPEN and CLOSE.
        case markersWithoutComma
        /// `--markers` holding control characters, which would reach the terminal.
        case markersWithControlCharacters
        /// `--forget` with paths or `--full`.
        case forgetWithOtherWork
        /// An empty path where a file or folder must be named (`--output ""`, `index ""`): an
        /// unset shell variable, most likely, which must not mean the current folder.
        case emptyPath(option: String)
        /// A word that looks like a long option but is none (`--colour`).
        case unknown(String)
        /// `--facets` named a field that cannot be counted (as given).
        case unknownFacet(String)
        /// `--facets` with an output format that has no place for them (csv, tsv, jsonl).
        case facetsInFormat(String)
    }

    /// Why the file named by `--output` was not written.
    public enum OutputProblem: Error, Sendable, Equatable {
        /// It is a folder.
        case folder
        /// It is the index the command uses, or one of its companion files.
        case theIndex
        /// It is an SQLite database, which the output would destroy.
        case database
        /// A system call failed with `errno`.
        case system(Int32)
    }

    /// Whether the user can fix the command, or the index or system failed.
    public enum Kind: Sendable, Equatable {
        /// The command, an option, the query or a file it names must change.
        case user
        /// The index is damaged, or SQLite, the disk or the system failed.
        case `internal`
    }

    /// True for a user error in the query text itself: a run of many queries skips that one
    /// query and goes on.
    public var isAboutTheQuery: Bool {
        switch self {
        case .emptyQuery, .onlyExclusions, .onlyExclusionsRead, .invalidDate,
            .reversedDates(_, _, .filter):
            return true
        default: return false
        }
    }

    /// Throws `.emptyPath` when `path` is given but empty.
    public static func checkPath(_ path: String?, option: String) throws(LBSearchError) {
        if path?.isEmpty == true { throw .badOption(.emptyPath(option: option)) }
    }

    /// A user error or an internal one.
    public var kind: Kind {
        switch self {
        case .corruptIndex, .damagedIndex, .writeFailed, .outputFailed: return .internal
        case .cannotOpenIndex(_, .isFolder), .cannotOpenIndex(_, .cannotCreateFolder),
            .cannotOpenIndex(_, .notAFile):
            return .user
        case .cannotOpenIndex: return .internal
        case .noIndex, .notAnIndex, .newerIndex, .outdatedIndex, .readOnlyIndex, .indexBusy,
            .emptyQuery, .noRoots, .rootNotFound, .notARoot, .rootUnavailable, .cannotWriteOutput,
            .unknownOption, .badOption, .cannotReadFile, .unknownRankingSetting, .onlyExclusions,
            .onlyExclusionsRead, .invalidDate, .reversedDates, .noSuchDocument, .ambiguousDocument,
            .notAnAddress,
            .cannotListen, .export, .tooFewOpenFiles, .tooManyOpenFiles,
            .noFreeOpenFiles:
            return .user
        }
    }
}
