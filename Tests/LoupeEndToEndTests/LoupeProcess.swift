import Foundation
import Glibc

/// Runs the real, built `loupe` binary as a child process and collects what it did.
///
/// The child starts with SIGPIPE at its default action, as from a shell, whatever the test
/// runner ignores; stdout and stderr go to files (so large outputs cannot block the child).
enum LoupeProcess {
    /// How the child ended.
    struct Outcome: Equatable, CustomStringConvertible {
        var stdout: [UInt8]
        var stderr: [UInt8]
        /// The exit code, or 128 + the signal number when a signal ended it (as a shell says).
        var status: Int32
        var signaled: Bool

        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
        var description: String { "exit \(status)\(signaled ? " (signal)" : "")\nstdout:\n\(stdoutText)\nstderr:\n\(stderrText)" }
    }

    /// The `loupe` executable beside the test bundle in the build products directory, or the
    /// one `LOUPE_TEST_BINARY` names (CI runs the no-loss suites against the optimized build
    /// too: a buffer freed before its last copy crashed only there).
    static let binary: String = {
        if let chosen = ProcessInfo.processInfo.environment["LOUPE_TEST_BINARY"], !chosen.isEmpty { return chosen }
        var candidates: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("loupe"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("loupe"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("loupe"))
        for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) { return url.path }
        return candidates[0].path
    }()

    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// Where standard input comes from.
    enum Input {
        case empty
        case file(String)
        case bytes([UInt8])
    }

    /// Runs loupe with `arguments` in `directory`; gives up (killing it) after `timeout`.
    static func run(
        _ arguments: [String], in directory: String, stdin: Input = .empty, environment: [String: String] = [:],
        timeout: TimeInterval = 300
    ) throws -> Outcome {
        let scratch = try TemporaryDirectory(prefix: "loupe-run")
        let outPath = scratch.path + "/stdout"
        let errPath = scratch.path + "/stderr"
        let inPath: String
        switch stdin {
        case .empty: inPath = "/dev/null"
        case .file(let path): inPath = path
        case .bytes(let bytes):
            inPath = scratch.path + "/stdin"
            guard FileManager.default.createFile(atPath: inPath, contents: Data(bytes)) else {
                throw SpawnError.failed("creating \(inPath)", EIO)
            }
        }
        let pid = try spawn(arguments, in: directory, environment: environment) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        let (status, signaled) = try wait(pid, timeout: timeout)
        return Outcome(stdout: contents(of: outPath), stderr: contents(of: errPath), status: status, signaled: signaled)
    }

    /// Runs loupe with its stdout on a pipe, reads `bytes` bytes of it, closes the pipe and
    /// waits: what `loupe ... | head -c N` does.
    static func runClosingPipe(
        _ arguments: [String], in directory: String, stdin: Input = .empty, readBytes: Int, timeout: TimeInterval = 300
    ) throws -> (firstBytes: [UInt8], outcome: Outcome) {
        let scratch = try TemporaryDirectory(prefix: "loupe-pipe")
        let errPath = scratch.path + "/stderr"
        var inPath = "/dev/null"
        if case .file(let path) = stdin { inPath = path }
        if case .bytes(let bytes) = stdin {
            inPath = scratch.path + "/stdin"
            guard FileManager.default.createFile(atPath: inPath, contents: Data(bytes)) else {
                throw SpawnError.failed("creating \(inPath)", EIO)
            }
        }
        var fds: [Int32] = [0, 0]
        // Close-on-exec: tests run in parallel, and a read end inherited by another test's child
        // would keep this pipe open after the test closes it, so loupe would never see EPIPE.
        guard makePipe(&fds, O_CLOEXEC) == 0 else { throw SpawnError.failed("pipe2", errno) }
        let pid = try spawn(arguments, in: directory, environment: [:]) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        close(fds[1])
        var first: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while first.count < readBytes {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fds[0], $0.baseAddress, min($0.count, readBytes - first.count)) }
            if n <= 0 { break }
            first += buffer[0..<n]
        }
        close(fds[0])
        let (status, signaled) = try wait(pid, timeout: timeout)
        let outcome = Outcome(stdout: [], stderr: contents(of: errPath), status: status, signaled: signaled)
        return (first, outcome)
    }

    /// A file's bytes, copied in one go (a byte-by-byte copy of 100 MB is slow in debug builds).
    /// An empty file returns `[]` before the copy: `Array(unsafeUninitializedCapacity: 0)` writes
    /// the count into the runtime's shared empty-array storage, a write that ThreadSanitizer
    /// reports as a race when two tests read empty outputs at once (CI failed on it).
    static func contents(of path: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return [] }
        return data.withUnsafeBytes { raw in
            [UInt8](unsafeUninitializedCapacity: raw.count) { buffer, count in
                buffer.baseAddress!.initialize(from: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: raw.count)
                count = raw.count
            }
        }
    }

    enum SpawnError: Error, CustomStringConvertible {
        case failed(String, Int32)
        case timedOut(TimeInterval)
        var description: String {
            switch self {
            case .failed(let what, let code): return "\(what) failed: \(String(cString: strerror(code)))"
            case .timedOut(let seconds): return "loupe did not finish within \(Int(seconds)) s (killed)"
            }
        }
    }

    private static func spawn(
        _ arguments: [String], in directory: String, environment: [String: String],
        _ redirect: (inout posix_spawn_file_actions_t) -> Void
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard addChdir(&actions, directory) == 0 else { throw SpawnError.failed("posix_spawn_file_actions_addchdir_np", errno) }
        redirect(&actions)
        // Descriptors that other tests opened meanwhile (without close-on-exec) stay out of the child.
        guard addClosefrom(&actions, 3) == 0 else { throw SpawnError.failed("posix_spawn_file_actions_addclosefrom_np", errno) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var env = ProcessInfo.processInfo.environment
        // Output goes to files, never a terminal; keep colors and widths decided by flags alone.
        env["NO_COLOR"] = nil
        env["COLUMNS"] = nil
        env["TERM"] = "dumb"
        for (key, value) in environment { env[key] = value }
        let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, binary, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw SpawnError.failed("posix_spawn \(binary)", rc) }
        return pid
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift's Glibc module does
    /// not declare.
    private static let addChdir: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32 =
        glibcFunction("posix_spawn_file_actions_addchdir_np", since: "2.29")

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), likewise undeclared.
    private static let addClosefrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 =
        glibcFunction("posix_spawn_file_actions_addclosefrom_np", since: "2.34")

    /// `pipe2`, which the Glibc module hides behind _GNU_SOURCE.
    private static let makePipe: @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32 = glibcFunction("pipe2", since: "2.9")

    private static func glibcFunction<F>(_ name: String, since version: String) -> F {
        guard let symbol = dlsym(nil, name) else { fatalError("\(name) is missing (glibc \(version) or later is needed)") }
        return unsafeBitCast(symbol, to: F.self)
    }

    private static func wait(_ pid: pid_t, timeout: TimeInterval) throws -> (Int32, Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var pause: useconds_t = 200
        while true {
            let rc = waitpid(pid, &status, WNOHANG)
            if rc == pid { break }
            if rc < 0 && errno != EINTR { throw SpawnError.failed("waitpid", errno) }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw SpawnError.timedOut(timeout)
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        let signal = status & 0x7F
        if signal == 0 { return ((status >> 8) & 0xFF, false) }
        return (128 + signal, true)
    }
}

/// A fresh directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
    let path: String

    init(prefix: String) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    func write(_ name: String, _ bytes: [UInt8]) {
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // A fixture that cannot be written is a broken test machine, not a test result.
        precondition(FileManager.default.createFile(atPath: url.path, contents: Data(bytes)), "cannot write \(url.path)")
    }

    /// Writes a file made of `parts` one after the other.
    func write(_ name: String, parts: [[UInt8]]) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        for part in parts { try handle.write(contentsOf: Data(part)) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
