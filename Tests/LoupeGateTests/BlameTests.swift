import Testing

@testable import LoupeGate

/// Critical-path blame: the median over traces of per-(service, operation) self time, base
/// against current.
struct BlameTests {
    static let db = OperationKey(service: "users", name: "SELECT orders")
    static let rpc = OperationKey(service: "users", name: "GET /shipments")
    static let render = OperationKey(service: "frontend", name: "render")

    @Test func medianOverTracesWithTheOperation() {
        var collector = BlameCollector()
        // Three spans of one operation in a trace add up; an operation off the path counts 0.
        collector.addTrace(operations: [Self.db, Self.rpc], selfTimeNs: [Self.db: 3_000_000])
        collector.addTrace(operations: [Self.db, Self.rpc], selfTimeNs: [Self.db: 5_000_000, Self.rpc: 2_500_000])
        collector.addTrace(operations: [Self.db], selfTimeNs: [Self.db: 10_000_000])
        collector.addTrace(operations: [Self.render], selfTimeNs: [Self.render: 1_000_000])
        let summaries = collector.summaries()
        #expect(collector.traces == 4)
        #expect(
            summaries == [
                BlameSummary(key: Self.render, traces: 1, medianMs: 1),
                BlameSummary(key: Self.rpc, traces: 2, medianMs: 1.25),
                BlameSummary(key: Self.db, traces: 3, medianMs: 5),
            ])
    }

    @Test func growthRanksOperations() {
        let base = [
            BlameSummary(key: Self.db, traces: 10, medianMs: 5), BlameSummary(key: Self.rpc, traces: 10, medianMs: 4),
            BlameSummary(key: Self.render, traces: 10, medianMs: 2),
        ]
        let cur = [
            BlameSummary(key: Self.db, traces: 10, medianMs: 25), BlameSummary(key: Self.rpc, traces: 10, medianMs: 4),
            BlameSummary(key: OperationKey(service: "new", name: "call"), traces: 5, medianMs: 3),
        ]
        let rows = Blame.compare(base: base, cur: cur)
        #expect(rows.map(\.key.service) == ["users", "new", "users", "frontend"])
        #expect(rows.map(\.growthMs) == [20, 3, 0, -2])
        #expect(Blame.grown(rows, limit: 1).map(\.key) == [Self.db])
    }

    @Test func reportNamesOnlyGrowthAboveTheAbsoluteGate() {
        var report = GateReport(parameters: GateParameters(), mode: .spans, fields: SpanFields.defaultKey)
        report.blame = Blame.compare(
            base: [BlameSummary(key: Self.db, traces: 9, medianMs: 5), BlameSummary(key: Self.rpc, traces: 9, medianMs: 4)],
            cur: [BlameSummary(key: Self.db, traces: 9, medianMs: 9), BlameSummary(key: Self.rpc, traces: 9, medianMs: 4.5)])
        #expect(report.namedBlame.map(\.key) == [Self.db])
    }
}
