import Foundation
import Testing

/// End-to-end cases for pipeline stages, aggregates, time and output formats: one fixture file
/// per case under Tests/Fixtures/stages/, run against the built `loupe` binary.
///
/// A case file:
///
///     # what the case holds loupe to (and where its numbers come from)
///     args: ["-o", "json", "* | count by service", "INPUT"]
///     exit: 0
///     --- input          (optional; or `input-file: app.log` from inputs/)
///     {"service":"api"}
///     --- stdout
///     [...]
///     --- stderr
///     loupe: ...
///
/// `INPUT` in the arguments is the input's path; without it the input goes to standard input.
/// `INPUT` in stderr stands for that path too. A missing stdout or stderr section means empty.
@Suite("Stages end to end")
struct StagesEndToEndTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/stages")

    static let caseNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { $0.hasSuffix(".case") }.sorted()
    }()

    @Test func fixturesAreThere() {
        #expect(Self.caseNames.count >= 30, "cases in \(Self.fixtures.path)")
    }

    @Test(arguments: caseNames)
    func fixture(_ name: String) throws {
        let c = try Case(file: Self.fixtures.appendingPathComponent(name))
        let run = try Binary.run(c.arguments, input: c.input)
        #expect(run.stdout == c.stdout, "stdout of \(name)\n\(Binary.diff(c.stdout, run.stdout))")
        #expect(run.stderr == c.stderr, "stderr of \(name)\n\(Binary.diff(c.stderr, run.stderr))")
        #expect(run.status == c.exit, "exit status of \(name)")
    }

    // MARK: - Results never depend on threads or block size

    static let invarianceQueries: [String] = [
        "* | count by service, level",
        "* | stats count(), sum(duration_ms), avg(duration_ms), min(duration_ms), max(duration_ms), p50(duration_ms), p99(duration_ms), distinct(user.id) by service",
        "* | count by bucket(ts, 1m) | sort ts",
        "* | distinct http.path, service",
        "* | fields ts, service, duration_ms",
        "* | limit 7 | stats sum(duration_ms)",
        "* | sort duration_ms desc | limit 4 | fields msg",
        "level == \"error\" | stats p90(duration_ms) by service | sort p90(duration_ms) desc",
    ]

    /// The same query over a file many blocks long gives byte-identical output with 1 or 4
    /// threads and with odd block sizes (the lines of app.log repeated, with varied numbers).
    @Test(arguments: invarianceQueries)
    func threadsAndBlockSizeDoNotChangeTheResult(_ query: String) throws {
        let base = try String(contentsOf: Self.fixtures.appendingPathComponent("inputs/app.log"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        var lines: [String] = []
        for round in 0..<200 {
            for line in base {
                lines.append(line.replacingOccurrences(of: #""duration_ms":1"#, with: #""duration_ms":\#(round % 7).\#(round)1"#))
            }
        }
        let input = Array((lines.joined(separator: "\n") + "\n").utf8)
        let reference = try Binary.run(["-o", "json", "--threads", "1", query, "INPUT"], input: input)
        #expect(reference.status == 0)
        #expect(!reference.stdout.isEmpty)
        for options in [
            ["--threads", "4"], ["--threads", "1", "--block-size", "997"], ["--threads", "4", "--block-size", "4099"],
            ["--threads", "3", "--block-size", "1"],
        ] {
            let run = try Binary.run(["-o", "json"] + options + [query, "INPUT"], input: input)
            #expect(run.stdout == reference.stdout, "\(options)\n\(Binary.diff(reference.stdout, run.stdout))")
            #expect(run.stderr == reference.stderr, "\(options)")
            #expect(run.status == reference.status)
        }
        // Standard input is cut at the same places as a file.
        let piped = try Binary.run(["-o", "json", "--threads", "4", "--block-size", "997", query], input: input)
        #expect(piped.stdout == reference.stdout)
    }
}

extension StagesEndToEndTests {
    /// One parsed case file.
    struct Case {
        var arguments: [String] = []
        var exit: Int32 = 0
        var input: [UInt8] = []
        var stdout = ""
        var stderr = ""

        init(file: URL) throws {
            let text = try String(contentsOf: file, encoding: .utf8)
            var section: String?
            var sections: [String: [String]] = [:]
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line.hasPrefix("--- ") {
                    section = String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces)
                    sections[section!] = []
                } else if let current = section {
                    sections[current]!.append(line)
                } else if line.hasPrefix("args:") {
                    let json = Data(line.dropFirst(5).utf8)
                    arguments = try JSONDecoder().decode([String].self, from: json)
                } else if line.hasPrefix("exit:") {
                    exit = Int32(line.dropFirst(5).trimmingCharacters(in: .whitespaces)) ?? -1
                } else if line.hasPrefix("input-file:") {
                    let name = line.dropFirst(11).trimmingCharacters(in: .whitespaces)
                    input = Array(try Data(contentsOf: StagesEndToEndTests.fixtures.appendingPathComponent("inputs/" + name)))
                }
            }
            // A section's text is its lines, each ending with a newline; the file's last newline
            // ends the last line, it is not an empty line of its own.
            func body(_ name: String) -> String? {
                guard var lines = sections[name] else { return nil }
                if lines.last == "" { lines.removeLast() }
                return lines.map { $0 + "\n" }.joined()
            }
            if let text = body("input") { input = Array(text.utf8) }
            stdout = body("stdout") ?? ""
            stderr = body("stderr") ?? ""
        }
    }

    /// Runs the built `loupe`.
    enum Binary {
        struct Result {
            var stdout: String
            var stderr: String
            var status: Int32
        }

        /// `loupe` next to this test bundle in the build products directory.
        static let binary: URL = {
            let executable = URL(
                fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
            var directory = executable.deletingLastPathComponent()
            // On Linux the bundle is an executable in the products directory; elsewhere a folder.
            while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("loupe").path), directory.path != "/" {
                directory = directory.deletingLastPathComponent()
            }
            return directory.appendingPathComponent("loupe")
        }()

        /// Runs loupe with `arguments`; `INPUT` among them becomes a file holding `input`,
        /// otherwise `input` is standard input.
        static func run(_ arguments: [String], input: [UInt8]) throws -> Result {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-stages-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let inputFile = directory.appendingPathComponent("input.jsonl")
            try Data(input).write(to: inputFile)
            let outFile = directory.appendingPathComponent("stdout")
            let errFile = directory.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)

            let process = Process()
            process.executableURL = binary
            process.arguments = arguments.map { $0 == "INPUT" ? inputFile.path : $0 }
            // A clean environment, but for the sanitizers' options (`.ci/run` sets them).
            process.environment = ProcessInfo.processInfo.environment.filter { $0.key.hasSuffix("SAN_OPTIONS") }
                .merging(["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"]) { $1 }
            let stdin = try FileHandle(forReadingFrom: inputFile)
            let stdout = try FileHandle(forWritingTo: outFile)
            let stderr = try FileHandle(forWritingTo: errFile)
            process.standardInput = arguments.contains("INPUT") ? FileHandle.nullDevice : stdin
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            process.waitUntilExit()
            try stdin.close()
            try stdout.close()
            try stderr.close()
            let err = String(decoding: try Data(contentsOf: errFile), as: UTF8.self).replacingOccurrences(of: inputFile.path, with: "INPUT")
            return Result(
                stdout: String(decoding: try Data(contentsOf: outFile), as: UTF8.self), stderr: err, status: process.terminationStatus)
        }

        /// The lines that differ, marked - (expected) and + (actual).
        static func diff(_ expected: String, _ actual: String) -> String {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
            var out: [String] = []
            for i in 0..<max(a.count, b.count) {
                let x = i < a.count ? String(a[i]) : nil
                let y = i < b.count ? String(b[i]) : nil
                guard x != y else { continue }
                if let x { out.append("- " + x) }
                if let y { out.append("+ " + y) }
            }
            return out.joined(separator: "\n")
        }
    }
}
