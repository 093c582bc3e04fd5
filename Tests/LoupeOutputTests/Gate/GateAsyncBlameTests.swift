import Testing

@testable import LoupeGate
@testable import LoupeOutput

/// The blame section says when a regressed group is async (all its current spans in detached
/// fragments) instead of "none grew significantly", in the terminal summary and in Markdown.
struct GateAsyncBlameTests {
    /// `worker consume` (detached, 3x slower) regresses; `api GET /orders` regresses too when
    /// `pathRegresses`; blame names `api GET /orders` when `named`.
    static func report(pathRegresses: Bool, named: Bool) throws -> GateReport {
        let ones = (1...30).map(Double.init)
        var base = SampleTable(fields: ["service.name", "name"])
        var cur = SampleTable(fields: ["service.name", "name"])
        for x in ones {
            base.add(x, to: GroupKey(["worker", "consume"]), detached: true)
            cur.add(x * 3, to: GroupKey(["worker", "consume"]), detached: true)
            base.add(x, to: GroupKey(["api", "GET /orders"]), detached: false)
            cur.add(pathRegresses ? x * 2 : x, to: GroupKey(["api", "GET /orders"]), detached: false)
        }
        var report = GateReport(parameters: GateParameters(), mode: .spans, fields: ["service.name", "name"])
        report.comparison = try GateComparison.compare(
            base: GateSide(mode: .spans, table: base, gatePercentile: 95), cur: GateSide(mode: .spans, table: cur, gatePercentile: 95),
            parameters: report.parameters)
        let steady = (1...25).map(Double.init)
        report.blame = Blame.compare(
            base: [SampleReport.summary("api", "GET /orders", steady)],
            cur: [SampleReport.summary("api", "GET /orders", named ? steady.map { $0 + 10 } : steady)])
        return report
    }

    static func blameSection(_ text: String) -> String {
        String(text[text.range(of: "\ncritical path: ")!.lowerBound...])
    }

    static let asyncLine =
        "  worker consume is async: its spans are in detached fragments (work the request did not wait for),"
        + " off the request's critical path, so their time did not make the request slower\n"

    @Test func onlyAnAsyncRegressionExplainsItself() throws {
        let report = try Self.report(pathRegresses: false, named: false)
        #expect(report.asyncRegressions.map(\.key.label) == ["worker consume"])
        #expect(
            Self.blameSection(GateTextPrinter(color: false).render(report))
                == "\ncritical path: operations whose self time on the critical path grew (median per trace, baseline -> current)\n"
                + Self.asyncLine)
    }

    @Test func aRegressionOnThePathStillSaysNoneGrew() throws {
        let report = try Self.report(pathRegresses: true, named: false)
        #expect(report.regressions == 2)
        #expect(
            Self.blameSection(GateTextPrinter(color: false).render(report))
                == "\ncritical path: operations whose self time on the critical path grew (median per trace, baseline -> current)\n"
                + "  none grew significantly by 1 ms or more\n" + Self.asyncLine)
    }

    /// Medians 13 -> 23 ms; U = 512.5 of 625 (cur 11...35 against base 1...25, 15 ties), tie-corrected
    /// σ = 51.52, z = 199.5 / 51.52 = 3.872, p = 5.4e-5.
    @Test func namedOperationsComeFirst() throws {
        let report = try Self.report(pathRegresses: true, named: true)
        let section = Self.blameSection(GateTextPrinter(color: false).render(report))
        #expect(
            section
                == "\ncritical path: operations whose self time on the critical path grew (median per trace, baseline -> current)\n"
                + "  api GET /orders  13.0 ms  ->  23.0 ms  +10.0 ms  p = 5.4e-5\n" + Self.asyncLine)
    }

    @Test func markdown() throws {
        let onlyAsync = GateMarkdownPrinter().render(try Self.report(pathRegresses: false, named: false))
        #expect(
            onlyAsync.contains(
                "#### Critical path: where the time went\n\n"
                    + "worker consume is async: its spans are in detached fragments (work the request did not wait for),"
                    + " off the request's critical path, so their time did not make the request slower.\n"))
        #expect(!onlyAsync.contains("No operation's critical-path self time grew"))
        let both = GateMarkdownPrinter().render(try Self.report(pathRegresses: true, named: false))
        #expect(
            both.contains(
                "No operation's critical-path self time grew significantly by 1 ms or more.\n\n"
                    + "worker consume is async: its spans are in detached fragments"))
    }
}
