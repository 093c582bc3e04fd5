import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `loupe gate` end to end: the built binary on the committed fixtures (Tests/Fixtures/gate),
/// checking exit codes, standard output, standard error and the report files.
@Suite(.serialized)
struct GateEndToEndTests {
    /// One run of the binary.
    struct Run: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
    }

    static var binary: String { LoupeProcess.binary }

    static let fixtures: String = {
        var path = #filePath
        for _ in 0..<2 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/Fixtures/gate/"
    }()

    static let base = fixtures + "base.zipkin.json"
    static let current = fixtures + "current.zipkin.json"

    /// A scratch directory for one test, removed afterwards.
    final class Scratch {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-gate-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        func file(_ name: String) -> String { path + "/" + name }
        func write(_ name: String, _ text: String) throws -> String {
            try text.write(toFile: file(name), atomically: true, encoding: .utf8)
            return file(name)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["gate"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["COLUMNS"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        let scratch = try Scratch()
        _ = FileManager.default.createFile(atPath: scratch.file("out"), contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.file("err"), contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.file("out")))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.file("err")))
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scratch.write("in", stdin)))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(
            status: process.terminationStatus, stdout: try String(contentsOfFile: scratch.file("out"), encoding: .utf8),
            stderr: try String(contentsOfFile: scratch.file("err"), encoding: .utf8))
    }

    /// The current fixture with ml-ranker model.predict 3/2 as slow (`duration * 3 // 2` in
    /// whole µs): the fixture has one span per line, so a line edit is enough.
    static func slowedCurrent(_ scratch: Scratch) throws -> String {
        let lines = try String(contentsOfFile: current, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let slowed = lines.map { line -> String in
            guard line.contains("\"name\":\"model.predict\""), line.contains("\"serviceName\":\"ml-ranker\""),
                let range = line.range(of: #""duration":(\d+)"#, options: .regularExpression)
            else { return String(line) }
            let digits = line[range].dropFirst("\"duration\":".count)
            return line.replacingCharacters(in: range, with: "\"duration\":\(Int(digits)! * 3 / 2)")
        }
        return try scratch.write("slowed.zipkin.json", slowed.joined(separator: "\n"))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "no loupe at \(Self.binary)")
    }

    @Test func helpShowsTheExamples() throws {
        let run = try Self.run(["--help"], environment: ["COLUMNS": "80"])
        #expect(run.status == 0)
        for example in [
            "  # trace exports: span durations by service.name, name\n  loupe gate --baseline main.json pr.json\n",
            "  loupe gate --baseline base.log --value duration_ms \\\n      --by service,http.path --where 'http.status < 500' run.log\n",
            "  loupe gate --baseline main.json pr.json --percentile 99 \\\n      --min-effect 0.2 --min-abs-ms 5\n",
            "  # a small summary to commit instead of raw data\n  loupe gate --write-baseline baseline.loupe.json main.json\n",
            "  loupe gate --baseline baseline.loupe.json pr.json \\\n      --report gate.md --junit gate.xml\n",
            "  loupe gate pr.json --budget 'p99 < 300ms' \\\n      --budget 'service.name == \"checkout\": p95 < 120ms'\n",
        ] {
            #expect(run.stdout.contains(example), "--help lacks \(example)")
        }
    }

    @Test func sameSettingsPass() throws {
        let run = try Self.run(["--baseline", Self.base, Self.current])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("loupe gate: PASS: no regression in 61 groups\n"))
        #expect(run.stderr.isEmpty)
    }

    @Test func slowdownFailsWithTheRightNumbers() throws {
        let scratch = try Scratch()
        let slowed = try Self.slowedCurrent(scratch)
        let run = try Self.run(["--baseline", Self.base, slowed, "-o", "json"])
        #expect(run.status == 1, "\(run)")
        let document = try Self.json(run.stdout)
        #expect(document["regressions"] as? Int == 1)
        #expect(document["exit_code"] as? Int == 1)
        let keys = try #require(document["keys"] as? [[String: Any]])
        let first = keys[0]
        #expect(first["key"] as? [String: String] == ["service.name": "ml-ranker", "name": "model.predict"])
        #expect(first["status"] as? String == "regression")
        #expect(keys.dropFirst().allSatisfy { $0["status"] as? String != "regression" })
        // numpy / scipy on the same files (Tests/Fixtures/gate/README.md).
        let p = try #require(first["p_greater"] as? Double)
        #expect(abs(p - 1.1610530710683804e-05) <= 1e-9 * p)
        #expect(first["u"] as? Double == 1891)
        let delta = try #require(first["delta_ms"] as? Double)
        #expect(abs(delta - 12.36454999999998) <= 1e-9 * delta)
        // Scaling durations alone pushes the spans past their parents' ends, where the critical
        // path clips them: blame sees little growth (the causal slowdown test covers blame).
        let blame = try #require(document["blame"] as? [[String: Any]])
        #expect(blame.contains { $0["service"] as? String == "ml-ranker" && $0["name"] as? String == "model.predict" })
    }

    @Test func textSummaryAndReports() throws {
        let scratch = try Scratch()
        let slowed = try Self.slowedCurrent(scratch)
        let run = try Self.run([
            "--baseline", Self.base, slowed, "--report", scratch.file("gate.md"), "--junit", scratch.file("gate.xml"), "--github",
        ])
        #expect(run.status == 1, "\(run)")
        #expect(
            run.stdout.hasPrefix(
                "::error title=loupe gate%3A latency regression::ml-ranker model.predict: p95 22.4 ms -> 34.8 ms (+55.2%25, +12.4 ms), Mann-Whitney p = 6.9e-4 (Holm-adjusted), n = 47/54\n"
            ))
        #expect(
            run.stdout.contains("::notice title=loupe gate::FAIL: 1 regression in 61 groups\nloupe gate: FAIL: 1 regression in 61 groups\n")
        )
        #expect(run.stdout.contains("\nregression    ml-ranker model.predict "))
        let markdown = try String(contentsOfFile: scratch.file("gate.md"), encoding: .utf8)
        #expect(markdown.hasPrefix("### loupe gate: ❌ FAIL: 1 regression in 61 groups\n"))
        // The p-value the rule compared: 1.2e-5, the smallest of the 59 groups tested, times 59 (Holm).
        #expect(markdown.contains("| ml-ranker model.predict | 22.4 ms (n=47) | 34.8 ms (n=54) | +55.2% | 6.9e-4 | 🔴 **regression** |"))
        // Under the regression, the request's operation path that ends in it, as `loupe diff`
        // compares it: the median span is 1.5 times longer, its parent clips the growth on the
        // critical path.
        #expect(
            markdown.contains(
                "#### Operation paths that changed\n\nThe request compared by `loupe diff` (median per trace of each request type):\n\n**ml-ranker model.predict**\n\n"
                    + "| change | operation path | calls | cp self | Δ cp self | total | errors |\n|---|---|---:|---:|---:|---:|---:|\n"
                    + "| changed | frontend `get /product/{id}` › frontend `recommendations/listrecommendations` › recommendations `recommendations/listrecommendations` › recommendations `ml-ranker/rank` › ml-ranker `ml-ranker/rank` › ml-ranker `model.predict` | 1 | 9.56 ms → **11.58 ms** | +2.01 ms | 11.12 ms → **17.22 ms** | 0 |\n"
            ), "\(markdown)")
        let xml = try XMLDocument(contentsOf: URL(fileURLWithPath: scratch.file("gate.xml")), options: [])
        let suite = try #require(xml.rootElement()?.elements(forName: "testsuite").first)
        #expect(suite.attribute(forName: "tests")?.stringValue == "61")
        #expect(suite.attribute(forName: "failures")?.stringValue == "1")
    }

    @Test func baselineFileGivesTheSameResult() throws {
        let scratch = try Scratch()
        let slowed = try Self.slowedCurrent(scratch)
        let written = try Self.run(["--write-baseline", scratch.file("baseline.loupe.json"), Self.base])
        #expect(written.status == 0, "\(written)")
        #expect(written.stderr.hasPrefix("loupe: wrote \(scratch.file("baseline.loupe.json")): 61 groups from 3194 values, "))
        let fromFile = try Self.run(["--baseline", scratch.file("baseline.loupe.json"), slowed, "-o", "json"])
        let fromRaw = try Self.run(["--baseline", Self.base, slowed, "-o", "json"])
        #expect(fromFile.status == 1)
        #expect(fromFile.stdout == fromRaw.stdout)
        // Written twice, byte for byte the same.
        let again = try Self.run(["--write-baseline", scratch.file("again.json"), Self.base])
        #expect(again.status == 0)
        #expect(
            FileManager.default.contents(atPath: scratch.file("again.json"))
                == FileManager.default.contents(atPath: scratch.file("baseline.loupe.json")))
    }

    /// Two halves of one stationary log (the example in docs/GATE.md): by default (Holm's correction)
    /// the gate passes; testing each of the 10 groups at alpha alone fails it on `cart`.
    @Test func noiseOverManyGroupsFailsOnlyWithoutTheCorrection() throws {
        let scratch = try Scratch()
        let lines = try String(contentsOfFile: Self.fixtures + "../../../Samples/app.log", encoding: .utf8)
            .split(separator: "\n").map { $0 + "\n" }
        #expect(lines.count == 5000)
        let main = try scratch.write("main.log", lines.prefix(2500).joined())
        let pr = try scratch.write("pr.log", lines.suffix(2500).joined())
        let settings = ["--baseline", main, "--value", "duration_ms", "--by", "service", "--where", "http.status < 500", pr]
        let byDefault = try Self.run(settings + ["-o", "json"])
        #expect(byDefault.status == 0, "\(byDefault)")
        let document = try Self.json(byDefault.stdout)
        #expect((document["params"] as? [String: Any])?["correction"] as? String == "holm")
        #expect(document["regressions"] as? Int == 0)
        let keys = try #require(document["keys"] as? [[String: Any]])
        let cart = try #require(keys.first { ($0["key"] as? [String: String])?["service"] == "cart" })
        let raw = try #require(cart["p_greater"] as? Double)
        let adjusted = try #require(cart["p_greater_adjusted"] as? Double)
        // The smallest of 10 p-values: Holm multiplies it by 10.
        #expect(raw < 0.01 && abs(adjusted - 10 * raw) <= 1e-12, "p_greater \(raw), adjusted \(adjusted)")
        #expect(cart["status"] as? String == "unchanged")
        let text = try Self.run(settings)
        #expect(text.stdout.hasPrefix("loupe gate: PASS: no regression in 10 groups\n"), "\(text)")
        #expect(text.stdout.contains(" gives p < 0.01 after Holm's correction for the number of groups "), "\(text)")
        let uncorrected = try Self.run(settings + ["--correction", "none", "-o", "json"])
        #expect(uncorrected.status == 1, "\(uncorrected)")
        let plain = try Self.json(uncorrected.stdout)
        #expect((plain["params"] as? [String: Any])?["correction"] as? String == "none")
        let flagged = try #require(plain["keys"] as? [[String: Any]]).filter { $0["status"] as? String == "regression" }
        #expect(flagged.map { ($0["key"] as? [String: String])?["service"] } == ["cart"])
    }

    @Test func budgetsWithoutBaseline() throws {
        let kept = try Self.run([Self.current, "--budget", "p99 < 10s", "--budget", "service.name == \"frontend\": p95 < 1h"])
        #expect(kept.status == 0, "\(kept)")
        // Four groups of the file have fewer than 20 spans: their checks are skipped, and said.
        #expect(kept.stdout.hasPrefix("loupe gate: PASS: no budget broken, 4 budget checks skipped for too few values\n"), "\(kept)")
        let broken = try Self.run([Self.current, "--budget", "service.name == \"ml-ranker\" and name == \"model.predict\": p95 < 5ms"])
        #expect(broken.status == 1, "\(broken)")
        #expect(
            broken.stdout.contains(
                "FAIL  service.name == \"ml-ranker\" and name == \"model.predict\": p95 < 5ms: ml-ranker model.predict: p95 23.2 ms over budget"
            ))
    }

    /// A budget whose only group has too few values is not checked, and the headline says so:
    /// "all budgets kept" claimed a check that was never made.
    @Test func anUncheckedBudgetIsNotCalledKept() throws {
        let scratch = try Scratch()
        let file = try scratch.write("small.log", String(repeating: "{\"svc\":\"a\",\"d\":900}\n", count: 5))
        let run = try Self.run(["--value", "d", "--by", "svc", "--budget", "p99 < 300ms", file])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("loupe gate: PASS: no budget broken, 1 budget check skipped for too few values\n"), "\(run)")
    }

    @Test func logsMode() throws {
        let scratch = try Scratch()
        var base = ""
        var cur = ""
        for i in 0..<40 {
            base += "{\"service\":\"api\",\"http\":{\"path\":\"/a\",\"status\":200},\"duration_ms\":\(10 + i % 7)}\n"
            base += "{\"service\":\"api\",\"http\":{\"path\":\"/b\",\"status\":200},\"duration_ms\":\(20 + i % 5)}\n"
            cur += "{\"service\":\"api\",\"http\":{\"path\":\"/a\",\"status\":200},\"duration_ms\":\(10 + i % 7)}\n"
            cur += "{\"service\":\"api\",\"http\":{\"path\":\"/b\",\"status\":200},\"duration_ms\":\(40 + i % 5)}\n"
            cur += "{\"service\":\"api\",\"http\":{\"path\":\"/b\",\"status\":503},\"duration_ms\":9000}\n"
        }
        cur += "{\"service\":\"api\",\"http\":{\"path\":\"/a\",\"status\":200},\"duration_ms\":\"slow\"}\n"
        cur += "{\"service\":\"api\",\"http\":{\"path\":\"/a\",\"status\":200},\"duration_ms\":\n"
        let b = try scratch.write("base.log", base)
        let c = try scratch.write("run.log", cur)
        let arguments = [
            "--baseline", b, "--value", "duration_ms", "--by", "service,http.path", "--where", "http.status < 500", c, "-o", "json",
        ]
        // A gate never passes on data it could not read (the cut last line) unless asked to.
        let refused = try Self.run(arguments)
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stdout.isEmpty)
        #expect(
            refused.stderr.hasSuffix(
                "loupe: current: 1 line could not be read (see above); the gate compares only complete data, --allow-bad-input compares what was read\n"
            ), "\(refused)")
        let run = try Self.run(arguments + ["--allow-bad-input"])
        #expect(run.status == 1, "\(run)")
        let document = try Self.json(run.stdout)
        #expect(document["mode"] as? String == "logs")
        let keys = try #require(document["keys"] as? [[String: Any]])
        #expect(
            keys.map { $0["key"] as? [String: String] } == [["service": "api", "http.path": "/b"], ["service": "api", "http.path": "/a"]])
        #expect(keys.map { $0["status"] as? String } == ["regression", "unchanged"])
        #expect((keys[0]["cur"] as? [String: Any])?["n"] as? Int == 40)
        #expect(run.stderr.contains("duration_ms: left out 1 record where it is not a number"))
        #expect(run.stderr.contains("skipped 1 line with "), "\(run)")
    }

    @Test func baselineFileCarriesItsSettings() throws {
        let scratch = try Scratch()
        var base = ""
        var cur = ""
        for i in 0..<30 {
            base += "{\"svc\":\"a\",\"ok\":true,\"ms\":\(10 + i)}\n{\"svc\":\"a\",\"ok\":false,\"ms\":5000}\n"
            cur += "{\"svc\":\"a\",\"ok\":true,\"ms\":\(20 + 2 * i)}\n{\"svc\":\"a\",\"ok\":false,\"ms\":1}\n"
        }
        let b = try scratch.write("base.log", base)
        let c = try scratch.write("run.log", cur)
        let settings = ["--value", "ms", "--by", "svc", "--where", "ok == true"]
        let written = try Self.run(["--write-baseline", scratch.file("b.json"), b] + settings)
        #expect(written.status == 0, "\(written)")
        let withFlags = try Self.run(["--baseline", b, c, "-o", "json"] + settings)
        let fromFile = try Self.run(["--baseline", scratch.file("b.json"), c, "-o", "json"])
        #expect(withFlags.status == 1)
        #expect(fromFile.status == 1, "\(fromFile)")
        #expect(fromFile.stdout == withFlags.stdout)
    }

    @Test func exactTopLevelKeyWins() throws {
        let scratch = try Scratch()
        var text = ""
        for i in 0..<25 { text += "{\"http.duration_ms\":\(i),\"http\":{\"duration_ms\":\(1000 + i)}}\n" }
        let file = try scratch.write("a.log", text)
        let run = try Self.run(["--baseline", file, "--value", "http.duration_ms", file, "-o", "json"])
        let keys = try #require(try Self.json(run.stdout)["keys"] as? [[String: Any]])
        #expect((keys[0]["base"] as? [String: Any])?["p50"] as? Double == 12)
    }

    @Test(arguments: [
        (["--baseline", "missing.json", "x.json"], "loupe: missing.json: "),
        (["--baseline", "LOGS", "TRACE"], "holds JSON logs and the current run"),
        (["--baseline", "LOGS", "LOGS"], "holds JSON logs: say which field to compare with --value"),
        (["TRACE"], "give --baseline FILE to compare against"),
        (["--baseline", "TRACE", "TRACE", "--budget", "p99 300ms"], "--budget 'p99 300ms': no '<' before the limit"),
        (["--baseline", "TRACE", "TRACE", "--where", "name =="], "--where: expected a value after '==' at column 8"),
        (["--baseline", "TRACE", "TRACE", "--percentile", "120"], "--percentile must be between 0 and 100"),
        (["--baseline", "BAD", "TRACE"], "not a readable loupe gate baseline"),
        (["--baseline", "TRACE", "TRACE", "--correction", "bonferroni"], "--correction must be none or holm"),
        // A gate never passes on data it could not read (TRACE-SEMANTICS 6).
        (["--baseline", "TRACE", "EMPTY"], "EMPTY.json is empty: there is nothing to compare"),
        (["--baseline", "EMPTY", "TRACE"], "EMPTY.json is empty: there is nothing to compare"),
        (["--baseline", "TRACE", "NONE"], "current (NONE) holds no spans: there is nothing to compare"),
        (["--baseline", "NONE", "TRACE", "--allow-bad-input"], "--baseline (NONE) holds no spans: there is nothing to compare"),
        (["--baseline", "ZERO", "TRACE"], "--baseline (ZERO) holds a baseline of 0 groups: there is nothing to compare"),
        (["--baseline", "TRACE", "HALF"], "current: 1 span record could not be read (see above)"),
        (["--write-baseline", "out.json", "NONE"], "current (NONE) holds no spans: there is nothing to compare"),
        (["--write-baseline", "out.json", "HALF"], "current: 1 span record could not be read (see above)"),
        (["--baseline", "LOGS", "--value", "ms", "LOGS"], "--baseline (LOGS) holds no record with a number in ms"),
        (["TRACE", "--budget", "name == \"chekout\": p95 < 1s"], "--budget 'name == \"chekout\": p95 < 1s' matches no group of the current run"),
    ])
    func errorsExitTwo(arguments: [String], message: String) throws {
        let scratch = try Scratch()
        let logs = try scratch.write("app.log", "{\"duration_ms\":1}\n")
        let bad = try scratch.write("bad.json", "{\"loupe_gate_baseline\":1,\"mode\":\"spans\"}")
        let trace = try String(contentsOfFile: Self.base, encoding: .utf8)
        let files = [
            "LOGS": logs, "TRACE": Self.base, "BAD": bad, "EMPTY": try scratch.write("EMPTY.json", "\n"),
            "NONE": try scratch.write("NONE", "{\"resourceSpans\":[]}"), "HALF": try scratch.write("HALF", String(trace.prefix(trace.count / 2))),
            "ZERO": try scratch.write(
                "ZERO", "{\"loupe_gate_baseline\":1,\"mode\":\"spans\",\"fields\":[\"service.name\",\"name\"],\"value\":null,\"where\":null,\"sample_limit\":1000,\"seed\":1,\"groups\":[],\"blame\":[]}"),
        ]
        let resolved = arguments.map { files[$0] ?? ($0 == "out.json" ? scratch.file($0) : $0) }
        let run = try Self.run(resolved)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains(message.replacingOccurrences(of: "NONE", with: files["NONE"]!).replacingOccurrences(of: "ZERO", with: files["ZERO"]!).replacingOccurrences(of: "(LOGS)", with: "(\(logs))")), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        if arguments.first == "--write-baseline" { #expect(!FileManager.default.fileExists(atPath: scratch.file("out.json"))) }
        #expect(run.stderr.hasPrefix("loupe: "), "\(run)")
    }

    /// Messages name standard input as such, not as an empty list of arguments.
    @Test func standardInputIsNamedInMessages() throws {
        let run = try Self.run(["--value", "ms", "--budget", "p99 < 1h"], stdin: "{\"ms\":1}\n{\"other\":2}\n")
        #expect(run.stderr.contains("ms: left out 1 record without it (current: (standard input))"), "\(run)")
        let none = try Self.run(["--value", "ms", "--budget", "p99 < 1h"], stdin: "{\"other\":2}\n")
        #expect(none.status == 2)
        #expect(none.stderr.contains("current ((standard input)) holds no record with a number in ms"), "\(none)")
    }

    /// The current run cut in half: refused, then gated on what could be read when allowed.
    @Test func aTruncatedRunIsRefusedUnlessAllowed() throws {
        let scratch = try Scratch()
        let trace = try String(contentsOfFile: Self.current, encoding: .utf8)
        let half = try scratch.write("half.json", String(trace.prefix(trace.count / 2)))
        let refused = try Self.run(["--baseline", Self.base, half])
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("loupe: stopped reading \(half) at line "), "\(refused)")
        let allowed = try Self.run(["--baseline", Self.base, half, "--allow-bad-input", "-o", "json"])
        #expect(allowed.status != 2, "\(allowed)")
        #expect(allowed.stderr.contains("loupe: stopped reading \(half) at line "), "\(allowed)")
        let keys = try #require(try Self.json(allowed.stdout)["keys"] as? [[String: Any]])
        let complete = try #require(try Self.json(try Self.run(["--baseline", Self.base, Self.current, "-o", "json"]).stdout)["keys"] as? [[String: Any]])
        let n = { (keys: [[String: Any]]) in keys.reduce(0) { $0 + ((($1["cur"] as? [String: Any])?["n"] as? Int) ?? 0) } }
        #expect(n(keys) > 0 && n(keys) < n(complete))
    }

    /// A span without a duration of its own (no end time) is read as 0 ms elsewhere; a gate
    /// must not measure with it: 40 of them beside a 2x slowdown made the gate pass. The side is
    /// bad input (exit 2) unless `--allow-bad-input`, which then compares what was read, the
    /// message saying how they were read.
    @Test func spansWithoutADurationAreBadInput() throws {
        let scratch = try Scratch()
        func span(_ i: Int, ms: Int?) -> String {
            let start = 1_700_000_000_000_000_000 + i * 1_000_000_000
            let end = ms.map { #","endTimeUnixNano":"\#(start + $0 * 1_000_000 + i * 1000)""# } ?? ""
            return #"{"traceId":"\#(String(format: "%032x", i + 1))","spanId":"0000000000000001","name":"op","startTimeUnixNano":"\#(start)"\#(end)}"#
        }
        func export(_ spans: [String]) -> String {
            #"{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"s"}}]},"scopeSpans":[{"spans":["#
                + spans.joined(separator: ",") + "]}]}]}"
        }
        let base = try scratch.write("base.json", export((0..<40).map { span($0, ms: 10) }))
        let current = try scratch.write("cur.json", export((0..<40).map { span($0, ms: 20) } + (40..<80).map { span($0, ms: nil) }))
        let gate = try Self.run(["--baseline", base, current])
        #expect(gate.status == 2, "\(gate)")
        #expect(gate.stderr.contains("current: 40 spans had no duration of their own"), "\(gate)")
        let allowed = try Self.run(["--baseline", base, current, "--allow-bad-input"])
        #expect(allowed.status != 2 && allowed.stderr.contains("40 spans had no end time or duration: read as duration 0"), "\(allowed)")
    }

    /// `--strict` is one rule for every command that reads spans: a duplicate span, an orphan
    /// or a cycle stops `gate` as it stops `trace`, with the same message.
    @Test func strictRefusesWhatTraceRefuses() throws {
        let scratch = try Scratch()
        var spans: [String] = []
        for i in 1...30 {
            spans.append(#"{"traceId":"\#(String(format: "%032x", i))","id":"0000000000000001","name":"get","timestamp":\#(i * 1000),"duration":\#(100 + i),"localEndpoint":{"serviceName":"api"}}"#)
        }
        // The same span twice: a duplicate, dropped and counted.
        spans.append(spans[0])
        let file = try scratch.write("dup.json", "[" + spans.joined(separator: ",") + "]")
        let lenient = try Self.run([file, "--budget", "p99 < 1h"])
        #expect(lenient.status == 0, "\(lenient)")
        #expect(lenient.stderr.contains("dropped 1 duplicate span"), "\(lenient)")
        let strict = try Self.run([file, "--budget", "p99 < 1h", "--strict"])
        #expect(strict.status == 2, "\(strict)")
        #expect(strict.stderr.contains("current: dropped 1 duplicate span"), "\(strict)")
        #expect(strict.stderr.contains("current: --strict: \(file) needed 1 repair; no report written"), "\(strict)")
        let trace = try LoupeProcess.run(["trace", "--strict", file], in: scratch.path)
        #expect(trace.status == 2)
        #expect(String(decoding: trace.stderr, as: UTF8.self).contains("--strict: \(file) needed 1 repair; no report written"))
    }

    @Test func compressedTraceExportsAreDetected() throws {
        let gzip = ["/usr/bin/gzip", "/bin/gzip"].first { FileManager.default.isExecutableFile(atPath: $0) }
        try #require(gzip != nil, "gzip is needed for this test")
        let scratch = try Scratch()
        try FileManager.default.copyItem(atPath: Self.current, toPath: scratch.file("pr.json"))
        let process = try Process.run(URL(fileURLWithPath: gzip!), arguments: [scratch.file("pr.json")])
        process.waitUntilExit()
        let run = try Self.run(["--baseline", Self.base, scratch.file("pr.json.gz")])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("loupe gate: PASS: no regression in 61 groups\n"))
    }

    @Test func standardInputIsDetectedToo() throws {
        let text = try String(contentsOfFile: Self.current, encoding: .utf8)
        let run = try Self.run(["--baseline", Self.base, "-"], stdin: text)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("loupe gate: PASS: no regression in 61 groups\n"))
    }
}
