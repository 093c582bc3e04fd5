import Glibc
import LoupeIO

/// Runs another program (a SQL engine, or loupe itself) and collects what it writes, on
/// `posix_spawn`: Foundation's `Process` would load Foundation, and its ICU, into every run of
/// loupe for the rare one that needs a child.
enum ChildProcess {
    /// How a run ended: its exit status (128 + the signal when one killed it) and what it
    /// wrote to the pipes it was given.
    struct Outcome {
        var status: Int32
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
    }

    /// Why a program could not be started, in words (`strerror`).
    struct Failure: Error {
        var message: String
    }

    /// Runs `path` with `arguments`, `input` on its standard input, and collects its standard
    /// output and error. Both pipes are read as the child writes, and the input is written by
    /// a thread of its own, so that no full pipe blocks either side.
    static func run(_ path: String, _ arguments: [String], input: [UInt8]) throws(Failure) -> Outcome {
        var inPipe: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard makePipe(&inPipe), makePipe(&outPipe), makePipe(&errPipe) else {
            let message = String(cString: strerror(errno))
            for fd in inPipe + outPipe + errPipe where fd >= 0 { close(fd) }
            throw Failure(message: message)
        }
        let pid: pid_t
        do {
            pid = try spawn(path, arguments) { actions in
                posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
                posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
                posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
            }
        } catch {
            for fd in inPipe + outPipe + errPipe { close(fd) }
            throw error
        }
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        // A child that exits without reading all of its input must not kill loupe with SIGPIPE
        // (loupe already ignores it: its own writes report EPIPE as an error code).
        let writer = inPipe[1]
        let started = startThread {
            _ = input.withUnsafeBytes { writeAll(writer, $0) }
            close(writer)
        }
        if !started {
            // Without its input the child would wait for ever: end it, and say why.
            close(writer)
            kill(pid, SIGKILL)
            for fd in [outPipe[0], errPipe[0]] { close(fd) }
            _ = wait(pid)
            throw Failure(message: "cannot start a thread to feed \(path): \(String(cString: strerror(EAGAIN)))")
        }
        var outcome = Outcome(status: 0)
        drain(outPipe[0], into: &outcome.stdout, and: errPipe[0], into: &outcome.stderr)
        close(outPipe[0])
        close(errPipe[0])
        outcome.status = wait(pid)
        return outcome
    }

    /// Runs `path` with `arguments`, its standard output and error into the files at `output`
    /// and `errors` (created or emptied), standard input loupe's own; returns its exit status.
    static func run(_ path: String, _ arguments: [String], outputFile output: String, errorFile errors: String) throws(Failure) -> Int32 {
        let fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(message: "\(output): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let errorFD = open(errors, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard errorFD >= 0 else { throw Failure(message: "\(errors): \(String(cString: strerror(errno)))") }
        defer { close(errorFD) }
        let pid = try spawn(path, arguments) { actions in
            posix_spawn_file_actions_adddup2(&actions, fd, 1)
            posix_spawn_file_actions_adddup2(&actions, errorFD, 2)
        }
        return wait(pid)
    }

    private static func spawn(
        _ path: String, _ arguments: [String], _ setUp: (inout posix_spawn_file_actions_t) -> Void
    ) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        setUp(&actions)
        // The child starts with the default signal dispositions (loupe ignores SIGPIPE).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard status == 0 else { throw Failure(message: String(cString: strerror(status))) }
        return pid
    }

    /// A pipe whose ends the child does not inherit unless they are given to it (`pipe2`, which
    /// Swift's Glibc module leaves out, with `O_CLOEXEC`).
    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    /// Reads both descriptors to their ends, whichever has data first.
    private static func drain(_ a: Int32, into bufferA: inout [UInt8], and b: Int32, into bufferB: inout [UInt8]) {
        var fds = [pollfd(fd: a, events: Int16(POLLIN), revents: 0), pollfd(fd: b, events: Int16(POLLIN), revents: 0)]
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while fds.contains(where: { $0.fd >= 0 }) {
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                return
            }
            for i in fds.indices where fds[i].fd >= 0 && fds[i].revents != 0 {
                let n = chunk.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    fds[i].fd = -1  // poll skips negative descriptors
                } else if i == 0 {
                    bufferA += chunk[0..<n]
                } else {
                    bufferB += chunk[0..<n]
                }
            }
        }
    }

    /// Waits for `pid` to end: its exit status, or 128 + the signal that killed it.
    private static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
