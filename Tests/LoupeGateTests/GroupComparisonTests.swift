import Testing

@testable import LoupeGate

/// The status rules and the sort order of TRACE-SEMANTICS section 6; p-values, percentiles,
/// ratios and deltas from scipy/numpy (`mannwhitneyu(..., method='asymptotic')`,
/// `np.percentile`).
struct GroupComparisonTests {
    static let oneToThirty = (1...30).map(Double.init)

    static func compare(
        _ base: [Double], _ cur: [Double], _ configure: (inout GateParameters) -> Void = { _ in }
    ) -> GroupComparison {
        var parameters = GateParameters()
        configure(&parameters)
        let b = base.sorted()
        let c = cur.sorted()
        return GroupComparison.compare(
            key: GroupKey(["svc", "op"]), base: SampleSummary(sorted: b, gatePercentile: parameters.percentile), baseSample: b,
            cur: SampleSummary(sorted: c, gatePercentile: parameters.percentile), curSample: c, parameters: parameters)
    }

    @Test func doubledIsARegression() {
        let row = Self.compare(Self.oneToThirty, Self.oneToThirty.map { $0 * 2 })
        #expect(row.status == .regression)
        #expect(close(row.test?.pGreater, 0.0003010111117089395))
        #expect(close(row.base?.gate, 28.549999999999997))
        #expect(close(row.cur?.gate, 57.099999999999994))
        #expect(close(row.ratio, 2.0))
        #expect(close(row.deltaMs, 28.549999999999997))
    }

    @Test func halvedIsAnImprovement() {
        let row = Self.compare(Self.oneToThirty, Self.oneToThirty.map { $0 * 0.5 })
        #expect(row.status == .improvement)
        #expect(close(row.test?.pLess, 0.0003010111117089395))
        #expect(close(row.deltaMs, -14.274999999999999))
    }

    @Test func halfAgainSlowerIsNotSignificantAtThirtyValues() {
        // p_> = 0.01117 misses alpha 0.01 although p95 grew 50%: noise on few values.
        let row = Self.compare(Self.oneToThirty, Self.oneToThirty.map { $0 * 1.5 })
        #expect(close(row.test?.pGreater, 0.01117075459572706))
        #expect(row.status == .unchanged)
        #expect(Self.compare(Self.oneToThirty, Self.oneToThirty.map { $0 * 1.5 }) { $0.alpha = 0.02 }.status == .regression)
    }

    @Test func significantFivePercentShiftIsNotARegression() {
        // The test alone flags a 5% shift over 2000 values; the 10% effect gate keeps it out.
        let base = (0..<2000).map { 10 + Double($0) * 0.01 }
        let row = Self.compare(base, base.map { $0 * 1.05 })
        #expect(close(row.test?.pGreater, 1.095830422681663e-07))
        #expect(close(row.ratio, 1.05))
        #expect(row.status == .unchanged)
        #expect(Self.compare(base, base.map { $0 * 1.05 }) { $0.minEffect = 0.05 }.status == .regression)
    }

    @Test func absoluteGateKeepsOutTinyGrowth() {
        let row = Self.compare(Self.oneToThirty, Self.oneToThirty.map { $0 * 2 }) { $0.minAbsMs = 28.6 }
        #expect(close(row.deltaMs, 28.549999999999997))
        #expect(row.status == .unchanged)
        #expect(Self.compare(Self.oneToThirty, Self.oneToThirty.map { $0 * 2 }) { $0.minAbsMs = 28.5 }.status == .regression)
    }

    @Test func fewValuesAreInsufficientNeverARegression() {
        let row = Self.compare(Array(Self.oneToThirty.prefix(19)), Self.oneToThirty.map { $0 * 2 })
        #expect(close(row.test?.pGreater, 2.2101927308169814e-05))
        #expect(close(row.ratio, 3.154696132596685))
        #expect(row.status == .insufficient)
        #expect(
            Self.compare(Array(Self.oneToThirty.prefix(19)), Self.oneToThirty.map { $0 * 2 }) { $0.minSamples = 19 }.status == .regression)
    }

    @Test func oneSidedGroups() {
        let onlyCur = GroupComparison.compare(
            key: GroupKey(["a"]), base: nil, baseSample: [], cur: SampleSummary(sorted: [1, 2], gatePercentile: 95), curSample: [1, 2],
            parameters: GateParameters())
        #expect(onlyCur.status == .onlyCur)
        #expect(onlyCur.test == nil && onlyCur.ratio == nil && onlyCur.deltaMs == nil)
        let onlyBase = GroupComparison.compare(
            key: GroupKey(["a"]), base: SampleSummary(sorted: [1, 2], gatePercentile: 95), baseSample: [1, 2], cur: nil, curSample: [],
            parameters: GateParameters())
        #expect(onlyBase.status == .onlyBase)
    }

    @Test func ratioFromZero() {
        let zeros = [Double](repeating: 0, count: 30)
        let rise = Self.compare(zeros, Self.oneToThirty)
        #expect(rise.ratio == .infinity)
        #expect(rise.sortRatio == 0)
        #expect(rise.status == .regression)  // +∞ passes the ratio gate
        let flat = Self.compare(zeros, zeros)
        #expect(flat.ratio == 1)
        #expect(flat.test?.pGreater == 1)
        #expect(flat.status == .unchanged)
    }

    @Test func reportOrder() {
        func row(_ key: String, _ status: GateStatus, _ ratio: Double?) -> GroupComparison {
            GroupComparison(key: GroupKey([key]), base: nil, cur: nil, test: nil, ratio: ratio, deltaMs: nil, status: status)
        }
        let rows = [
            row("z", .onlyCur, nil), row("a", .onlyBase, nil), row("b", .unchanged, 0.9), row("c", .unchanged, 1.2),
            row("d", .insufficient, 3), row("e", .improvement, 0.5), row("f", .regression, 1.5), row("g", .regression, .infinity),
            row("h", .regression, 2), row("i", .unchanged, 1.2),
        ]
        let sorted = rows.sorted(by: GroupComparison.reportOrder).map { $0.key.values[0] }
        #expect(sorted == ["h", "f", "g", "e", "c", "i", "b", "d", "a", "z"])
    }

    @Test func comparisonCoversBothSidesAndChecksCompatibility() throws {
        var base = SampleTable(fields: ["service"])
        var cur = SampleTable(fields: ["service"])
        for x in Self.oneToThirty {
            base.add(x, to: GroupKey(["kept"]))
            base.add(x, to: GroupKey(["gone"]))
            cur.add(x * 2, to: GroupKey(["kept"]))
            cur.add(x, to: GroupKey(["new"]))
        }
        let comparison = try GateComparison.compare(
            base: GateSide(mode: .logs, table: base, gatePercentile: 95), cur: GateSide(mode: .logs, table: cur, gatePercentile: 95),
            parameters: GateParameters())
        #expect(comparison.rows.map(\.key.label) == ["kept", "gone", "new"])
        #expect(comparison.rows.map(\.status) == [.regression, .onlyBase, .onlyCur])
        #expect(comparison.regressions == 1)
        #expect(comparison.missing == 2)
        #expect(throws: GateError.self) {
            try GateComparison.compare(
                base: GateSide(mode: .spans, table: base, gatePercentile: 95), cur: GateSide(mode: .logs, table: cur, gatePercentile: 95),
                parameters: GateParameters())
        }
        #expect(throws: GateError.self) {
            try GateComparison.compare(
                base: GateSide(mode: .logs, table: SampleTable(fields: ["x"]), gatePercentile: 95),
                cur: GateSide(mode: .logs, table: cur, gatePercentile: 95), parameters: GateParameters())
        }
    }
}
