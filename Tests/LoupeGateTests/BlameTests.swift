import LoupeTrace
import Testing

@testable import LoupeGate

/// Critical-path blame: the median over traces of per-(service, operation) self time, base
/// against current, named only when the growth passes the one-sided test.
struct BlameTests {
    static let db = OperationKey(service: "users", name: "SELECT orders")
    static let rpc = OperationKey(service: "users", name: "GET /shipments")
    static let render = OperationKey(service: "frontend", name: "render")

    static func summary(_ key: OperationKey, _ values: [Double]) -> BlameSummary {
        let sorted = values.sorted()
        return BlameSummary(
            key: key, traces: sorted.count, medianMs: SampleSummary(sorted: sorted, gatePercentile: 50)!.p50, sample: sorted)
    }

    @Test func medianOverTracesWithTheOperation() {
        var collector = BlameCollector()
        // The spans of one operation in a trace add up; an operation off the path counts 0.
        collector.addTrace(operations: [Self.db, Self.rpc], selfTimeNs: [Self.db: 3_000_000])
        collector.addTrace(operations: [Self.db, Self.rpc], selfTimeNs: [Self.db: 5_000_000, Self.rpc: 2_500_000])
        collector.addTrace(operations: [Self.db], selfTimeNs: [Self.db: 10_000_000])
        collector.addTrace(operations: [Self.render], selfTimeNs: [Self.render: 1_000_000])
        #expect(collector.traces == 4)
        #expect(
            collector.summaries() == [
                BlameSummary(key: Self.render, traces: 1, medianMs: 1, sample: [1]),
                BlameSummary(key: Self.rpc, traces: 2, medianMs: 1.25, sample: [0, 2.5]),
                BlameSummary(key: Self.db, traces: 3, medianMs: 5, sample: [3, 5, 10]),
            ])
    }

    @Test func growthRanksOperationsAndTheTestFiltersNoise() {
        let steady = (1...30).map(Double.init)
        let base = [Self.summary(Self.db, steady), Self.summary(Self.rpc, steady), Self.summary(Self.render, steady)]
        let cur = [
            Self.summary(Self.db, steady.map { $0 + 20 }),  // every trace 20 ms more: named
            Self.summary(Self.rpc, steady.map { $0 == 15 ? 15 : $0 } + [60, 61, 62]),  // a few slow traces: median noise
            Self.summary(OperationKey(service: "new", name: "call"), steady),
        ]
        let rows = Blame.compare(base: base, cur: cur)
        #expect(rows.map(\.key.service) == ["users", "new", "users", "frontend"])
        #expect(rows.map(\.growthMs) == [20, 15.5, 1.5, -15.5])
        #expect(rows[0].pGreater! < 1e-6)
        #expect(rows[2].pGreater! > 0.05)
        #expect(rows[1].pGreater == nil)
        let named = Blame.named(rows, parameters: GateParameters(), limit: 5)
        #expect(named.map(\.key) == [Self.db, OperationKey(service: "new", name: "call")])
        #expect(Blame.named(rows, parameters: GateParameters(), limit: 1).map(\.key) == [Self.db])
    }

    @Test func fewTracesAreNotNamed() {
        let rows = Blame.compare(
            base: [Self.summary(Self.db, [1, 2, 3])], cur: [Self.summary(Self.db, [100, 200, 300])])
        #expect(Blame.named(rows, parameters: GateParameters(), limit: 5).isEmpty)
    }
}
