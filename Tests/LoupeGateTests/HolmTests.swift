import Testing

@testable import LoupeGate

/// Holm's step-down correction of TRACE-SEMANTICS section 6, the gate's default: adjusted
/// p-values by hand, the family (keys that reach step 3 only, one family per direction), and
/// the statuses decided on the adjusted values. Raw p-values from the section 6 formula in
/// Python (the same numbers scipy's `mannwhitneyu(..., method='asymptotic')` gives).
struct HolmTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var p: [Double]
        var adjusted: [Double]
        var testDescription: String { "\(p)" }
    }

    static let cases: [Case] = [
        // Sorted 0.005, 0.01, 0.03, 0.04, 0.2 times 5, 4, 3, 2, 1: 0.025, 0.04, 0.09, 0.08, 0.2;
        // the running max lifts 0.08 to 0.09.
        Case(p: [0.01, 0.04, 0.03, 0.005, 0.2], adjusted: [0.04, 0.09, 0.09, 0.025, 0.2]),
        // Ties: 0.01 x 4 = 0.04, 0.02 x 3 = 0.06, 0.02 x 2 = 0.04 (max: 0.06), 0.5 x 1.
        Case(p: [0.02, 0.01, 0.02, 0.5], adjusted: [0.06, 0.04, 0.06, 0.5]),
        // All tied: every one is m times p.
        Case(p: [0.001, 0.001, 0.001], adjusted: [0.003, 0.003, 0.003]),
        // Capped at 1, and the cap carries through the running max: 0.3 x 3 = 0.9,
        // 0.6 x 2 = 1.2 -> 1, 0.9 x 1 = 0.9 -> 1.
        Case(p: [0.9, 0.3, 0.6], adjusted: [1, 0.9, 1]),
        // One p-value is its own adjustment; none gives none.
        Case(p: [0.004], adjusted: [0.004]),
        Case(p: [], adjusted: []),
    ]

    @Test(arguments: cases)
    func adjustedByHand(_ c: Case) {
        let adjusted = GateComparison.holm(c.p)
        #expect(adjusted.count == c.adjusted.count)
        #expect(zip(adjusted, c.adjusted).allSatisfy { close($0, $1) }, "\(adjusted)")
    }

    @Test func holmIsTheDefault() {
        #expect(GateParameters().correction == .holm)
    }

    static let oneToThirty = (1...30).map(Double.init)
    static let oneToTen = (1...10).map(Double.init)

    /// Keys whose raw p-values are known (see the type's comment):
    /// - `a`: 1...30 against 1.6 times as much: p_> = 0.0050469297121588695 (< alpha alone);
    /// - `b`: against twice as much: p_> = 0.00030101111170894023;
    /// - `c`: the same values: p_> = p_< = 0.5029502691915858;
    /// - `f`: against 0.625 times as much: p_< = 0.0050469297121588695;
    /// - `d`: 10 values on each side: insufficient, outside the family (with it, m would be 5);
    /// - `e`: baseline only, outside the family.
    static func comparison(_ correction: GateParameters.Correction) throws -> GateComparison {
        var base = SampleTable(fields: ["op"])
        var cur = SampleTable(fields: ["op"])
        func add(_ key: String, _ b: [Double], _ c: [Double]) {
            for x in b { base.add(x, to: GroupKey([key])) }
            for x in c { cur.add(x, to: GroupKey([key])) }
        }
        add("a", oneToThirty, oneToThirty.map { $0 * 1.6 })
        add("b", oneToThirty, oneToThirty.map { $0 * 2 })
        add("c", oneToThirty, oneToThirty)
        add("d", oneToTen, oneToTen)
        add("e", oneToThirty, [])
        add("f", oneToThirty, oneToThirty.map { $0 * 0.625 })
        var parameters = GateParameters()
        parameters.correction = correction
        return try GateComparison.compare(
            base: GateSide(mode: .logs, table: base, gatePercentile: 95), cur: GateSide(mode: .logs, table: cur, gatePercentile: 95),
            parameters: parameters)
    }

    static func row(_ comparison: GateComparison, _ key: String) throws -> GroupComparison {
        try #require(comparison.rows.first { $0.key == GroupKey([key]) })
    }

    @Test func familiesAreTheKeysThatReachTheTest() throws {
        let comparison = try Self.comparison(.holm)
        // p_>: b, a, c, f sorted ascending, m = 4: 4 x 0.000301, 3 x 0.00505, then capped at 1.
        let greater: [String: Double] = ["b": 4 * 0.00030101111170894023, "a": 3 * 0.0050469297121588695, "c": 1, "f": 1]
        // p_<: f, c, a, b: 4 x 0.00505, then capped at 1.
        let less: [String: Double] = ["f": 4 * 0.0050469297121588695, "c": 1, "a": 1, "b": 1]
        for (key, expected) in greater {
            let row = try Self.row(comparison, key)
            #expect(close(row.adjusted?.pGreater, expected), "\(key): \(String(describing: row.adjusted))")
            #expect(close(row.adjusted?.pLess, less[key]), "\(key): \(String(describing: row.adjusted))")
        }
        #expect(close(try Self.row(comparison, "a").test?.pGreater, 0.0050469297121588695))
        #expect(close(try Self.row(comparison, "c").test?.pGreater, 0.5029502691915858))
        // Keys that stop at step 1 or 2 are not adjusted.
        #expect(try Self.row(comparison, "d").adjusted == nil)
        #expect(try Self.row(comparison, "e").adjusted == nil)
    }

    @Test func theAdjustedValuesDecide() throws {
        let holm = try Self.comparison(.holm)
        let statuses = Dictionary(uniqueKeysWithValues: holm.rows.map { ($0.key.values[0], $0.status) })
        #expect(
            statuses == ["a": .unchanged, "b": .regression, "c": .unchanged, "d": .insufficient, "e": .onlyBase, "f": .unchanged])
        #expect(holm.regressions == 1)
        // Each key at alpha alone: a's 0.005 and f's 0.005 pass.
        let none = try Self.comparison(.none)
        let raw = Dictionary(uniqueKeysWithValues: none.rows.map { ($0.key.values[0], $0.status) })
        #expect(raw == ["a": .regression, "b": .regression, "c": .unchanged, "d": .insufficient, "e": .onlyBase, "f": .improvement])
        // Without a correction the "adjusted" values are the raw ones, the ones the rule compared.
        let a = try Self.row(none, "a")
        #expect(a.adjusted?.pGreater == a.test?.pGreater && a.adjusted?.pLess == a.test?.pLess)
        #expect(try Self.row(none, "d").adjusted == nil)
    }
}
