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
    ]

    @Test(arguments: [["--help"], ["query", "--help"], ["help", "query"]])
    func helpShowsTheExamplesAndTheGrammar(_ arguments: [String]) throws {
        let run = try CLIHarness.run(arguments)
        #expect(run.status == 0)
        for example in Self.designExamples {
            #expect(run.stdoutText.contains(example), "\(arguments) lacks: \(example)")
        }
        for rule in ["QUERY   FILTER ['|' STAGE]...", "STAGE   where F | count [by KEY, ...]", "loupe --help-query"] {
            #expect(run.stdoutText.contains(rule), "\(arguments) lacks: \(rule)")
        }
        // ArgumentParser wraps lines longer than 80 columns: none of ours may need it.
        let wrapped = run.stdoutText.split(separator: "\n").filter { $0.count > 80 && !$0.hasPrefix("USAGE") }
        #expect(wrapped.isEmpty)
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
        for part in ["Filters", "Stages", "bucket(PATH, 1m)", "percentile(P, 99.9)"] {
            #expect(run.stdoutText.contains(part))
        }
    }
}
