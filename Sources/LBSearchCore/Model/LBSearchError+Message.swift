#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one-line message for each error: the only prose about errors in lbsearch. Each says
/// what is wrong and, where there is one, what to do about it.
extension LBSearchError: CustomStringConvertible {
    /// The message, without the `lbsearch: error: ` prefix the command line adds.
    ///
    /// One exhaustive switch, so that every case has its words.
    public var description: String {
        switch self {
        case .noIndex(let path):
            return "no index at \(path); build one with 'lbsearch index FOLDER'"
        case .notAnIndex(let path):
            return "\(path) is not an lbsearch index; choose another file with --index"
        case .corruptIndex(let path):
            return
                "the index at \(path) is damaged; rebuild it with '\(HealthReport.Remedy.rebuild)'"
        case .damagedIndex(let path, let report):
            return
                "the index at \(path) is damaged: \(report.summary); fix it with '\(report.remedy ?? .rebuild)'"
        case .newerIndex(let path):
            return
                "the index at \(path) was written by a newer lbsearch; upgrade lbsearch or rebuild the index"
        case .outdatedIndex(let path):
            return
                "the index at \(path) was written by an older lbsearch; update it with 'lbsearch index'"
        case .cannotOpenIndex(let path, let reason):
            return "cannot open the index at \(path): \(Self.text(reason, path: path))"
        case .readOnlyIndex(let path):
            return
                "the index at \(path) is read-only; check its permissions or choose another file with --index"
        case .indexBusy(let path, let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return
                "\(holder) is already indexing \(path); try again later or wait with --wait SECONDS"
        case .writeFailed(let path, let reason):
            return
                "could not write the index at \(path): \(Self.text(reason)); it keeps its previous state"
        case .emptyQuery:
            return "the query has no words to search for; try 'lbsearch \"AI art\"'"
        case .noRoots:
            return "nothing to index; give a folder or file, e.g. 'lbsearch index ~/notes'"
        case .rootNotFound(let path):
            return "\(path) does not exist; give an existing folder or file to index"
        case .notARoot(let path):
            return "\(path) is not an indexed root; 'lbsearch status' lists them"
        case .rootUnavailable(let root):
            return "cannot rebuild: root \(root.root) is \(root.state); bring it back, "
                + "or remove its \(root.documents) documents with 'lbsearch index --forget \(root.root)'"
        case .cannotWriteOutput(let path, let reason):
            return "cannot write \(path): \(Self.text(reason)); choose another path with --output"
        case .outputFailed(let code):
            return "could not write the output: \(Self.systemText(code))"
        case .unknownOption(let option):
            return
                "unknown option '\(option)'; to name a file that starts with '-', write './\(option)' or put '--' before it"
        case .badOption(let problem):
            return Self.text(problem)
        case .cannotReadFile(let path, let code):
            return code == 0
                ? "cannot read \(path)" : "cannot read \(path): \(Self.systemText(code))"
        case .unknownRankingSetting(let setting):
            return "unknown ranking setting '\(setting)'"
        case .noSuchDocument(let reference):
            return
                "no document '\(reference)' in the index; give the path or PATH#ID a search shows"
        case .ambiguousDocument(let reference, let candidates):
            return "'\(reference)' names several documents; give one of: "
                + candidates.joined(separator: ", ")
        case .onlyExclusions:
            return "the query only excludes; add a word to look for, e.g. 'anime -manga'"
        case .onlyExclusionsRead(let limit):
            return
                "the first \(limit) words of the query, the ones read, only exclude; put a word to look for first"
        case .invalidDate(let value):
            return
                "'\(value)' is not a date; use date:2025, date:2025-03, date:2025-03-09 or date:2024-01..2025-06"
        case .reversedDates(let from, let to, .filter):
            return
                "date:\(from)..\(to) starts after it ends, so no date is in it; put the earlier date first: date:\(to)..\(from)"
        case .reversedDates(let from, let to, .options):
            return
                "--since \(from) is after --until \(to), so no date is between them; give the earlier date to --since"
        case .notAnAddress(let host):
            return
                "'\(host)' is not an address to listen on; use an IPv4 or IPv6 address, or localhost"
        case .cannotListen(let address):
            return
                "cannot listen on \(address): the port is in use or the address is not this machine's"
        case .export(let problem):
            return Self.text(problem)
        case .tooFewOpenFiles(let limit, let needed):
            return "only \(limit) open files are allowed (ulimit -n); lbsearch needs at least "
                + "\(needed): raise the limit, e.g. ulimit -n 1024"
        case .tooManyOpenFiles(let path, let limit?):
            return "cannot open \(path): too many open files (ulimit -n is \(limit)); "
                + "raise the limit, e.g. ulimit -n \(max(1024, 4 * limit))"
        case .tooManyOpenFiles(let path, nil):
            return "cannot open \(path): the system has too many files open; "
                + "close some programs and run it again"
        case .noFreeOpenFiles(let limit?):
            return "almost all of the \(limit) open files allowed (ulimit -n) are taken by files "
                + "lbsearch inherited; close them in the program that starts it, or raise the "
                + "limit, e.g. ulimit -n \(max(1024, 4 * limit))"
        case .noFreeOpenFiles(nil):
            return "the system has too many files open; close some programs and run it again"
        }
    }

    /// Why `lbsearch export` refused.
    static func text(_ problem: ExportProblem) -> String {
        let full = "do a full export (without --changes-since, or delete the checkpoint file)"
        switch problem {
        case .changesNotKept(let run, let oldest):
            return
                "the index no longer holds the changes since run \(run) (it keeps them since run "
                + "\(oldest): older ones were pruned, or 'index --full' rebuilt it); \(full)"
        case .unknownRun(let run, let latest):
            return "run \(run) is not in this index (its latest run is \(latest)); \(full)"
        case .badCheckpoint(let path):
            return
                "\(path) does not hold a run id as 'lbsearch export --checkpoint' writes it; \(full)"
        case .checkpointNotAFile(let path, let kind):
            return "the checkpoint \(path) is \(text(kind)), not a file; --checkpoint keeps the "
                + "last exported run in a regular file of its own (created if missing)"
        case .unreadableCheckpoint(let path, let code):
            return "cannot read the checkpoint \(path): \(systemText(code))"
        case .conflictingOptions(let first, let second):
            return "\(first) and \(second) cannot be used together"
        case .needsOption(let option, let needed):
            return "\(option) needs \(needed)"
        case .badIndexName(let name):
            return "'\(name)' is not an index name: use lowercase letters, digits, '-' and '_', "
                + "not starting with '-' or '_'"
        case .splitToStandardOutput(let bytes):
            return "the bulk export is larger than --max-bytes \(bytes) and would be split; "
                + "write it to files with -o PREFIX.ndjson, or raise --max-bytes"
        }
    }

    /// A few words for what a path names instead of a regular file.
    static func text(_ kind: SpecialFile) -> String {
        switch kind {
        case .folder: return "a folder"
        case .device: return "a device"
        case .fifo: return "a named pipe"
        case .socket: return "a socket"
        }
    }

    /// Why the index at `path` could not be opened.
    static func text(_ reason: OpenFailure, path: String) -> String {
        switch reason {
        case .isFolder:
            return "it is a folder; name a file, e.g. \(PathText.joined(path, "index.db"))"
        case .notAFile(let kind): return "it is \(text(kind)), not a file; name a file with --index"
        case .cannotCreateFolder(let folder): return "cannot create folder \(folder)"
        case .permissionDenied: return "permission denied or missing folder"
        case .inputOutput: return "input/output error"
        case .busy: return "it is busy; try again"
        case .lockFile(let code): return "cannot create its lock file: \(systemText(code))"
        case .storage(let code): return "unexpected storage error (code \(code))"
        }
    }

    /// Why writing the index failed.
    static func text(_ reason: WriteFailure) -> String {
        switch reason {
        case .diskFull: return "the disk is full or the file size limit was reached"
        case .diskFullOrFailing:
            return "the disk is full or the file size limit was reached (or the disk failed)"
        case .inputOutput: return "input/output error (disk full or failing?)"
        case .system(let code): return systemText(code)
        }
    }

    /// What is wrong with an option.
    static func text(_ problem: OptionProblem) -> String {
        switch problem {
        case .outOfRange(let option, let lower, let upper):
            return "\(option) must be between \(lower) and \(upper)"
        case .negativeCount(let option): return "\(option) must be 0 or more"
        case .negativeSeconds(let option): return "\(option) must be 0 or more seconds"
        case .negativeTimeLimit(let option):
            return "\(option) must be 0 (no limit) or more seconds"
        case .markersWithoutComma: return "--markers takes OPEN,CLOSE, e.g. '<<,>>'"
        case .markersWithControlCharacters: return "--markers must not hold control characters"
        case .forgetWithOtherWork: return "--forget takes no paths and no --full"
        case .emptyPath(let option):
            return "\(option) is an empty path (an unset shell variable?); give a path"
        case .unknown(let option): return "unknown option '\(option)'"
        case .unknownFacet(let name):
            return "--facets counts source, tag and year, not '\(name)' (e.g. --facets source,year)"
        case .facetsInFormat(let format):
            return "--facets prints with --format text or json, not \(format)"
        }
    }

    /// Why the output file was not written.
    static func text(_ reason: OutputProblem) -> String {
        switch reason {
        case .folder: return "it is a folder"
        case .theIndex: return "it is the index this command uses"
        case .database: return "it is an SQLite database, which output would destroy"
        case .system(let code): return systemText(code)
        }
    }

    /// The system's words for the `errno` `code` ("No space left on device", for one).
    static func systemText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
