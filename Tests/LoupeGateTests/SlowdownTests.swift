import LoupeTrace
import Testing

@testable import LoupeGate

/// Baseline and current runs from `gen_traces.py` (same settings, seeds 11 and 12, 120 traces
/// each), one operation slowed down. Expected numbers from numpy/scipy on the same files with
/// the same transform (`duration_us * 3 // 2` for ml-ranker model.predict).
struct SlowdownTests {
    static let base = Fixtures.traces("base.zipkin.json")
    static let current = Fixtures.traces("current.zipkin.json")

    static func side(_ traces: [TraceSpans]) -> (side: GateSide, blame: [BlameSummary]) {
        var samples = TraceSamples()
        for trace in traces { samples.add(TraceAssembler.assemble(trace)) }
        return (GateSide(mode: .spans, table: samples.table, gatePercentile: 95), samples.blame.summaries())
    }

    static func compare(_ current: [TraceSpans]) throws -> GateReport {
        let b = side(base.traces)
        let c = side(current)
        var report = GateReport(parameters: GateParameters(), mode: .spans, fields: SpanFields.defaultKey)
        report.comparison = try GateComparison.compare(base: b.side, cur: c.side, parameters: report.parameters)
        report.blame = Blame.compare(base: b.blame, cur: c.blame)
        return report
    }

    @Test func fixturesAreReadWhole() {
        // The failures are in the message: once (2026-12-07) both fixtures read as nothing in a
        // full parallel run, and the cause could not be reproduced.
        #expect(Self.base.report.failures.isEmpty && Self.base.report.skippedTotal == 0, "\(Self.base.report.failures)")
        #expect(Self.current.report.failures.isEmpty, "\(Self.current.report.failures)")
        #expect(Self.base.traces.count == 120)
        #expect(Self.current.traces.count == 120)
    }

    @Test func sameSettingsDifferentSeedsPass() throws {
        let report = try Self.compare(Self.current.traces)
        #expect(report.rows.count == 61)
        #expect(report.regressions == 0)
        #expect(!report.failed)
        #expect(report.namedBlame.isEmpty)
    }

    @Test func scaledOperationIsTheOnlyRegression() throws {
        let slowed = Self.current.traces.map { TraceSpans(traceID: $0.traceID, spans: Slowdown.scaled($0.spans, Fixtures.slowed)) }
        let report = try Self.compare(slowed)
        #expect(report.regressions == 1)
        let row = report.rows[0]
        #expect(row.key == GroupKey(["ml-ranker", "model.predict"]))
        #expect(row.status == .regression)
        #expect(row.base?.n == 47 && row.cur?.n == 54)
        #expect(close(row.test?.u, 1891))
        #expect(close(row.test?.pGreater, 1.1610530710683804e-05))
        #expect(close(row.base?.gate, 22.3878))
        #expect(close(row.cur?.gate, 34.75234999999998))
        #expect(close(row.ratio, 1.5522896398931552))
        #expect(close(row.deltaMs, 12.36454999999998))
        #expect(close(row.base?.mean, 12.761106382978722))
        #expect(close(row.cur?.mean, 19.427444444444447))
        #expect(close(row.cur?.p50, 17.4635))
        #expect(close(row.cur?.p90, 32.3769))
        #expect(close(row.cur?.p99, 41.320919999999994))
        #expect(report.failed)
    }

    @Test func causalSlowdownIsBlamedOnTheOperation() throws {
        // The operation and the spans waiting for it get slower; on the critical path only the
        // operation's own time grew, and blame names it alone.
        let slowed = Self.current.traces.map { Slowdown.causal($0, Fixtures.slowed) }
        let report = try Self.compare(slowed)
        // Flagged: the operation and every span up the chain to the root, which waited for it.
        let regressions = Set(report.rows(.regression).map(\.key.values))
        #expect(
            regressions == [
                ["ml-ranker", "model.predict"], ["ml-ranker", "ml-ranker/rank"], ["recommendations", "ml-ranker/rank"],
                ["recommendations", "recommendations/listrecommendations"], ["frontend", "recommendations/listrecommendations"],
                ["frontend", "get /product/{id}"],
            ])
        // Blamed: the operation alone. The largest median growth, payments post (+30.6 ms, a
        // 180 ms call in 30 traces), is noise the test keeps out (p = 0.21).
        #expect(report.namedBlame.map(\.key) == [Fixtures.slowed])
        let blamed = report.namedBlame[0]
        #expect(blamed.growthMs > 4 && blamed.growthMs < 10)
        #expect(blamed.pGreater! < 0.001)
        #expect(report.blame![0].key == OperationKey(service: "payments", name: "post"))
    }

    @Test func baselineFileGivesTheSameVerdicts() throws {
        let b = Self.side(Self.base.traces)
        var table = SampleTable(fields: SpanFields.defaultKey)
        var samples = SpanSamples()
        for trace in Self.base.traces { samples.add(trace.spans, traceID: trace.traceID, to: &table) }
        let file = try BaselineFile.decode(
            BaselineFile(mode: .spans, table: table, value: nil, filter: nil, sampleLimit: 1000, seed: 1, blame: b.blame).encoded(),
            name: "baseline")
        let slowed = Self.current.traces.map { TraceSpans(traceID: $0.traceID, spans: Slowdown.scaled($0.spans, Fixtures.slowed)) }
        let c = Self.side(slowed)
        let fromFile = try GateComparison.compare(base: try file.side(gatePercentile: 95), cur: c.side, parameters: GateParameters())
        let fromRaw = try GateComparison.compare(base: b.side, cur: c.side, parameters: GateParameters())
        #expect(fromFile.rows == fromRaw.rows)
        #expect(Blame.compare(base: file.blame, cur: c.blame) == Blame.compare(base: b.blame, cur: c.blame))
    }
}
