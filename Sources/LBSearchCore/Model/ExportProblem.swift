import Foundation

extension LBSearchError {
    /// Why `lbsearch export` refused (the words are in `LBSearchError+Message.swift`).
    public enum ExportProblem: Sendable, Equatable {
        /// `--changes-since RUN` reaches back before the oldest run the change log still
        /// covers (`oldest`): pruned, or a `--full` rebuild started a new log since.
        case changesNotKept(run: Int64, oldest: Int64)
        /// `--changes-since RUN` names a run after the index's latest.
        case unknownRun(run: Int64, latest: Int64)
        /// The checkpoint file holds something other than a run id.
        case badCheckpoint(path: String)
        /// The checkpoint path names a folder, device, FIFO or socket, not a regular file.
        case checkpointNotAFile(path: String, kind: SpecialFile)
        /// The checkpoint file exists but cannot be read.
        case unreadableCheckpoint(path: String, errno: Int32)
        /// Two options that exclude each other, as typed (`--mapping`, `--changes-since`).
        case conflictingOptions(String, String)
        /// An option that only means something with another one (`--max-bytes`, `--format bulk`).
        case needsOption(String, needed: String)
        /// `--index-name` that OpenSearch would refuse (as given).
        case badIndexName(String)
        /// A bulk export to standard output that would need several parts.
        case splitToStandardOutput(maxBytes: Int)
    }

    /// What a path names when a regular file was needed.
    public enum SpecialFile: Sendable, Hashable {
        /// A directory.
        case folder
        /// A character or block device, such as `/dev/null`.
        case device
        /// A named pipe.
        case fifo
        /// A Unix domain socket.
        case socket

        /// The kind of file of a `stat` mode, or nil for a regular file (or a link).
        public init?(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFDIR: self = .folder
            case S_IFCHR, S_IFBLK: self = .device
            case S_IFIFO: self = .fifo
            case S_IFSOCK: self = .socket
            default: return nil
            }
        }
    }
}
