import Testing

/// `--help` shows real examples and the grammar in short; `--help-query` the whole reference.
@Suite("Help texts")
struct HelpTextTests {
    /// DESIGN section 1's examples for the commands this build has.
    static let designExamples = [
        #"loupe 'level == "error"' app.log"#,
        #"loupe 'http.status >= 500 and service != "auth"' app.log"#,
        "loupe 'msg ~ /timeout|refused/i' app.log",
        #"loupe -c 'level == "error"' app.log"#,
        "loupe '* | count by service | sort count desc | limit 5' app.log",
        "loupe '* | stats p50(duration_ms), p99(duration_ms) by service' app.log",
        #"loupe 'level == "error" | count by bucket(ts, 1m), service' app.log"#,
        "loupe 'duration > 250ms | count by service.name, name' traces.json",
    ]

    /// DESIGN section 1's examples of the other commands, and where each must show.
    static let commandExamples: [(help: [String], example: String)] = [
        (["--help"], "loupe fields app.log"),
        (["fields", "--help"], "loupe fields app.log"),
        (["--help"], "loupe trace --trace 4bf92f3577b34da6a3ce929d0e0e4736 traces.json"),
        (["trace", "--help"], "loupe trace --trace 4bf92f3577b34da6a3ce929d0e0e4736 traces.json"),
        (["hotspots", "--help"], "loupe hotspots traces/*.json"),
        (["--help"], "loupe gate --baseline main-traces.json pr-traces.json \\\n      --percentile 95 --min-effect 0.1"),
        (["gate", "--help"], "loupe gate --baseline main-traces.json pr-traces.json \\\n      --percentile 95 --min-effect 0.1"),
    ]

    @Test(arguments: [["--help"], ["query", "--help"], ["help", "query"]])
    func helpShowsTheExamplesAndTheGrammar(_ arguments: [String]) throws {
        let run = try CLIHarness.run(arguments)
        #expect(run.status == 0)
        for example in Self.designExamples {
            #expect(run.stdoutText.contains(example), "\(arguments) lacks: \(example)")
        }
        for rule in [
            "QUERY   FILTER ['|' STAGE]...", "STAGE   where F | eval NAME = V, ...", "| count [by KEY, ...]",
            "VALUE   PATH | CONST | V + V", "loupe --help-query",
        ] {
            #expect(run.stdoutText.contains(rule), "\(arguments) lacks: \(rule)")
        }
    }

    @Test(arguments: 0..<commandExamples.count)
    func helpShowsTheOtherCommandsExamples(_ index: Int) throws {
        let (arguments, example) = Self.commandExamples[index]
        // Wide, so that `gate --help`'s one-line examples are not wrapped.
        let run = try CLIHarness.run(arguments, environment: CLIHarness.environment(["COLUMNS": "200"]))
        #expect(run.status == 0)
        #expect(run.stdoutText.contains(example), "\(arguments) lacks: \(example)")
    }

    /// The commands `loupe --help` lists, the root first: `[]`, `["query"]`, `["trace"]`, ...
    static func commands() throws -> [[String]] {
        let help = try CLIHarness.run(["--help"]).stdoutText
        let section = help.components(separatedBy: "\nSUBCOMMANDS:\n").last ?? ""
        let names = section.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
        return [[]] + names.map { [$0] }
    }

    /// Every command's help fits an 80-column terminal: rendered at 80 columns no line is
    /// longer, and no example is wrapped inside a command. ArgumentParser rewraps a line of the
    /// discussion that does not fit (mid-command, a line of exactly 80 too), so rendered with
    /// room to spare every line between the overview and USAGE must already be at most 79
    /// columns (a long command goes on with a trailing ` \\`). `--help-query` is printed as it
    /// is written and must fit too.
    @Test func everyHelpFitsEightyColumns() throws {
        let commands = try Self.commands()
        #expect(commands.count >= 6, "\(commands)")
        func tooLong(_ text: String, _ limit: Int) -> [String] {
            text.split(separator: "\n").map(String.init).filter { $0.count > limit }
        }
        for command in commands {
            let narrow = try CLIHarness.run(command + ["--help"], environment: CLIHarness.environment(["COLUMNS": "80"]))
            #expect(narrow.status == 0)
            #expect(tooLong(narrow.stdoutText, 80).isEmpty, "\(command) --help at 80 columns: \(tooLong(narrow.stdoutText, 80))")
            let wide = try CLIHarness.run(command + ["--help"], environment: CLIHarness.environment(["COLUMNS": "300"]))
            // The discussion: after the OVERVIEW paragraph, before USAGE.
            let beforeUsage = wide.stdoutText.components(separatedBy: "\nUSAGE:").first ?? ""
            let discussion = beforeUsage.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
            #expect(!discussion.isEmpty, "\(command) --help has no discussion")
            #expect(tooLong(discussion, 79).isEmpty, "\(command) --help: \(tooLong(discussion, 79))")
        }
        let reference = try CLIHarness.run(["--help-query"])
        #expect(tooLong(reference.stdoutText, 79).isEmpty, "--help-query: \(tooLong(reference.stdoutText, 79))")
    }

    @Test func fieldsHelpShowsItsExamples() throws {
        let run = try CLIHarness.run(["fields", "--help"])
        #expect(run.status == 0)
        #expect(run.stdoutText.contains("loupe fields app.log"))
    }

    @Test(arguments: [["--help-query"], ["query", "--help-query"]])
    func helpQueryPrintsTheReference(_ arguments: [String]) throws {
        let run = try CLIHarness.run(arguments)
        #expect(run.status == 0)
        #expect(run.stdoutText.hasPrefix("loupe query language\n"))
        for part in [
            "Filters", "Stages", "bucket(PATH, 1m)", "percentile(V, 99.9)", "Durations", "Arithmetic", "count(EXPR)",
            "eval NAME = VALUE, ...", "parse PATH with /RE/", "coalesce(a, b, ...)",
            "ns nanos nsec nanoseconds       us µs micros usec microseconds",
            "ms millis msec milliseconds     s sec secs seconds",
        ] {
            #expect(run.stdoutText.contains(part), "\(arguments) lacks: \(part)")
        }
    }
}
