#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The number of files the process may hold open (`ulimit -n`), raised before any work.
///
/// An index run holds the index, its write-ahead log, shared memory and lock, a folder per
/// level of the walk and a file per preparing thread; the thread pools open an event file
/// descriptor when they start. Below a few dozen, a run fails part-way, and libdispatch stops the
/// process when it cannot open its own, with no message. So each command first raises the soft
/// limit to the hard one, as Go's runtime has done since 1.19, and refuses to start with one line
/// when even that is too low.
public enum OpenFileLimit {
    /// The fewest open files a command starts with.
    public static let needed = 32

    /// Raises the soft limit to the hard one; throws `tooFewOpenFiles` when it stays below
    /// `needed`.
    public static func prepare() throws(LBSearchError) {
        #if os(Linux)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        if limit.rlim_cur < rlim_t(needed) {
            throw .tooFewOpenFiles(limit: Int(limit.rlim_cur), needed: needed)
        }
    }
}
