import Foundation
import LBSearchCore

/// Shows long text through the user's pager, as git and man do.
enum Pager {
    /// The pager command: `$PAGER`, else `less -R`; nil when `PAGER` is empty or `cat`.
    static func command(_ environment: [String: String]) -> String? {
        let pager = (environment["PAGER"] ?? "less -R").trimmingCharacters(in: .whitespaces)
        return pager.isEmpty || pager == "cat" ? nil : pager
    }

    /// Writes `text` through the pager and waits for it to end; false when there is no pager
    /// or it cannot be started, and the caller prints `text` itself.
    ///
    /// A reader who quits the pager early is no error. Interrupts are left to the pager while
    /// it runs (Ctrl-C in `less` must not end lbsearch under it).
    static func page(_ text: String) -> Bool {
        var environment = ProcessInfo.processInfo.environment
        guard let command = command(environment), let program = program(of: command),
            isExecutable(program, path: environment["PATH"])
        else { return false }
        // Short text ends less at once (-F), colours pass (-R), the screen stays (-X): git's.
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { return false }
        guard let pid = spawn(command, input: pipe, environment: environment) else {
            close(pipe[0])
            close(pipe[1])
            return false
        }
        close(pipe[0])
        signal(SIGINT, SIG_IGN)
        signal(SIGQUIT, SIG_IGN)
        try? StreamWriter(descriptor: pipe[1]).write(text)
        close(pipe[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return true
    }

    /// Starts `/bin/sh -c command` reading `input[0]`, in lbsearch's own process group, so the
    /// pager is in the terminal's foreground and may read keys from it (Foundation's `Process`
    /// makes a new group, where `less` stops at its first read of the terminal); SIGPIPE and
    /// SIGXFSZ, which lbsearch ignores, are the default again in it.
    static func spawn(_ command: String, input: [Int32], environment: [String: String])
        -> pid_t?
    {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, input[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, input[0])
        posix_spawn_file_actions_addclose(&actions, input[1])
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGXFSZ)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let strings: [String] = ["/bin/sh", "-c", command]
        let arguments = strings.map { text in strdup(text) } + [nil]
        let variables = environment.map { entry in strdup(entry.key + "=" + entry.value) } + [nil]
        defer {
            for string in arguments + variables { free(string) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, variables)
        return result == 0 ? pid : nil
    }

    /// The first word of a pager command: the program to look for.
    static func program(of command: String) -> String? {
        command.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
    }

    /// True when `program` (a path, or a name looked up in `path`) can be run.
    static func isExecutable(_ program: String, path: String?) -> Bool {
        if program.contains("/") { return access(program, X_OK) == 0 }
        let folders = (path ?? "/usr/bin:/bin").split(separator: ":")
        return folders.contains { access("\($0)/\(program)", X_OK) == 0 }
    }
}
