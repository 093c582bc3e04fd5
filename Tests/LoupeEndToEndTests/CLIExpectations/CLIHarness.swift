import Foundation
import Glibc

/// Runs the built `loupe` binary for the command-line expectation tests: with files for its
/// standard streams (no pipe can fill up and stall it), optionally inside a pseudo-terminal
/// (`script` from util-linux), and with a time limit.
enum CLIHarness {
    /// What one run left behind.
    struct Run {
        var stdout: [UInt8]
        var stderr: String
        var status: Int32
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    enum HarnessError: Error, CustomStringConvertible {
        case binaryMissing(String)
        case timedOut([String])
        var description: String {
            switch self {
            case .binaryMissing(let path): return "no loupe binary at \(path) (build it: swift build)"
            case .timedOut(let args): return "loupe \(args) did not finish in time"
            }
        }
    }

    /// The checkout this test file belongs to.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The directory of the test bundle, where SwiftPM also puts the `loupe` executable.
    static let productsDirectory: URL = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The bundle may be a directory (`loupePackageTests.xctest/...`) on some set-ups.
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("loupe").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }()

    /// `LOUPE_BIN` when set, else the `loupe` beside the tests.
    static var binary: String {
        ProcessInfo.processInfo.environment["LOUPE_BIN"] ?? productsDirectory.appendingPathComponent("loupe").path
    }

    /// The environment loupe runs with: this one without `CI` and `NO_COLOR`, so tests decide.
    static func environment(_ extra: [String: String] = [:], removing: [String] = ["CI", "NO_COLOR"]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in removing { env.removeValue(forKey: key) }
        env["TERM"] = "xterm"
        return env.merging(extra) { $1 }
    }

    /// A fresh directory for one test's files.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }

    /// Runs loupe to its end (killed after `timeout` seconds).
    static func run(_ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = environment(), timeout: Double = 60) throws
        -> Run
    {
        let running = try start(arguments, stdin: stdin, environment: environment)
        return try running.wait(timeout: timeout)
    }

    /// Starts loupe in the background, for tests that act while it runs (`--follow`).
    static func start(_ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = environment()) throws -> Running {
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw HarnessError.binaryMissing(binary) }
        let directory = temporaryDirectory()
        let input = directory.appendingPathComponent("stdin")
        try write(stdin, to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let out = directory.appendingPathComponent("stdout")
        let err = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return Running(process: process, arguments: arguments, stdoutFile: out, stderrFile: err)
    }

    /// A loupe process started by `start`.
    struct Running {
        let process: Process
        let arguments: [String]
        let stdoutFile: URL
        let stderrFile: URL

        var stdout: [UInt8] { (try? Array(Data(contentsOf: stdoutFile))) ?? [] }
        var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

        /// Waits until `condition` holds for what loupe printed so far; false after `timeout`.
        func waitForOutput(timeout: Double = 15, _ condition: (String) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if condition(String(decoding: stdout, as: UTF8.self)) { return true }
                usleep(20_000)
            }
            return condition(String(decoding: stdout, as: UTF8.self))
        }

        func interrupt() { kill(process.processIdentifier, SIGINT) }

        /// Waits for the end; kills loupe and throws after `timeout` seconds.
        func wait(timeout: Double = 60) throws -> Run {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw HarnessError.timedOut(arguments)
            }
            process.waitUntilExit()
            return Run(stdout: stdout, stderr: stderr, status: process.terminationStatus)
        }
    }

    /// Runs a shell command line inside a pseudo-terminal (stdout and stderr are the terminal)
    /// and returns everything the terminal received. `$LOUPE` in the command is the binary.
    static func runInTerminal(_ command: String, in directory: URL, environment: [String: String] = environment(), timeout: Double = 60)
        throws -> [UInt8]
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // -q: no banner; -f: flush as it comes; -e: loupe's exit status; the typescript is discarded.
        process.arguments = ["-qfec", command, "/dev/null"]
        process.environment = environment.merging(["LOUPE": binary]) { $1 }
        process.currentDirectoryURL = directory
        let out = directory.appendingPathComponent("terminal-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.standardError
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw HarnessError.timedOut([command])
        }
        process.waitUntilExit()
        return Array(try Data(contentsOf: out))
    }

    /// A shell word: `'...'` with embedded quotes escaped.
    static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The first line where two texts differ, as a readable message; nil when they are equal.
    static func firstDifference(_ expected: String, _ actual: String) -> String? {
        if expected == actual { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) {
            let left = i < a.count ? String(a[i]) : "(no line)"
            let right = i < b.count ? String(b[i]) : "(no line)"
            if left != right { return "line \(i + 1): expected\n  \(left)\nbut got\n  \(right)" }
        }
        return "they differ in line endings"
    }
}
