import LoupeTrace
import Testing

@testable import LoupeGate

/// `--write-baseline` files: exact round trip, deterministic seeded sampling, and a comparison
/// against a summary that agrees with the comparison against the raw data.
struct BaselineFileTests {
    /// Values with awkward binary fractions, so a lossy number format would show.
    static func values(_ n: Int, seed: UInt64, scale: Double = 1) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<n).map { _ in Double(generator.below(10_000_000)) / 1e6 * scale + 0.1 }
    }

    static func table(_ groups: [(key: [String], values: [Double])]) -> SampleTable {
        var table = SampleTable(fields: ["service.name", "name"])
        for group in groups {
            for value in group.values { table.add(value, to: GroupKey(group.key)) }
        }
        return table
    }

    static func file(_ table: SampleTable, limit: Int = 1000, seed: UInt64 = 1) -> BaselineFile {
        BaselineFile(
            mode: .spans, table: table, value: nil, filter: "kind == \"server\"", sampleLimit: limit, seed: seed,
            blame: [
                BlameSummary(key: OperationKey(service: "a", name: "x"), traces: 3, medianMs: 1.25, sample: [0.5, 1.25, 7])
            ])
    }

    @Test func roundTripIsExact() throws {
        let original = Self.file(
            Self.table([(["b", "op \"quoted\""], Self.values(50, seed: 1)), (["a", "ünï"], Self.values(3000, seed: 2))]))
        let decoded = try BaselineFile.decode(original.encoded(), name: "b.json")
        #expect(decoded == original)
        #expect(decoded.groups.map(\.key.values) == [["a", "ünï"], ["b", "op \"quoted\""]])
    }

    @Test func sampleIsBoundedExactStatisticsAreKept() throws {
        let values = Self.values(5000, seed: 3)
        let file = Self.file(Self.table([(["a", "x"], values)]), limit: 200)
        let group = file.groups[0]
        #expect(group.n == 5000)
        #expect(group.sample.count == 200)
        #expect(group.sample == group.sample.sorted())
        #expect(Set(group.sample).isSubset(of: Set(values)))
        let sorted = values.sorted()
        #expect(group.percentiles["95"] == SampleSummary(sorted: sorted, gatePercentile: 95)!.p95)
        #expect(group.percentiles["99.9"] == SampleSummary(sorted: sorted, gatePercentile: 99.9)!.gate)
        #expect(group.mean == SampleSummary.mean(sorted))
        // A uniform sample of 200 from U(0.1, 10.1): its median is within 1.5 of 5.1 with
        // overwhelming probability (the sample is seeded, so this is also deterministic).
        #expect(abs(SampleSummary(sorted: group.sample, gatePercentile: 50)!.p50 - 5.1) < 1.5)
    }

    @Test func samplingIsDeterministicAndOrderIndependent() {
        let values = Self.values(3000, seed: 4)
        let a = Self.file(Self.table([(["a", "x"], values)])).encoded()
        let b = Self.file(Self.table([(["a", "x"], values.reversed())])).encoded()
        let c = Self.file(Self.table([(["a", "x"], values)]), seed: 2).encoded()
        #expect(a == b)
        #expect(a != c)
    }

    @Test func fileAgreesWithRawDataWhenEveryValueFits() throws {
        let base = Self.table([
            (["a", "x"], Self.values(400, seed: 5)), (["b", "y"], Self.values(30, seed: 6)), (["c", "z"], Self.values(10, seed: 7)),
            (["e", "v"], Self.values(10, seed: 13)),
        ])
        let cur = Self.table([
            (["a", "x"], Self.values(450, seed: 8, scale: 1.3)), (["b", "y"], Self.values(40, seed: 9)),
            (["c", "z"], Self.values(50, seed: 12)), (["d", "w"], Self.values(25, seed: 10)),
        ])
        let currentSide = GateSide(mode: .spans, table: cur, gatePercentile: 95)
        let raw = try GateComparison.compare(
            base: GateSide(mode: .spans, table: base, gatePercentile: 95), cur: currentSide, parameters: GateParameters())
        let file = try BaselineFile.decode(Self.file(base).encoded(), name: "base")
        let summarized = try GateComparison.compare(base: try file.side(gatePercentile: 95), cur: currentSide, parameters: GateParameters())
        #expect(summarized.rows == raw.rows)
        #expect(raw.rows.map(\.status) == [.regression, .unchanged, .insufficient, .onlyBase, .onlyCur])
    }

    /// A percentile the file does not store is computed from the sample only where the sample
    /// is every value of the group (then it is exact); otherwise it is an error, never an
    /// estimate (one flipped a verdict).
    @Test func percentileNotStoredIsExactOrRefused() throws {
        let small = Self.file(Self.table([(["a", "x"], Self.values(100, seed: 11))]))
        let fromSample = try small.side(gatePercentile: 97.5)
        #expect(
            fromSample.groups[GroupKey(["a", "x"])]!.summary.gate
                == SampleSummary(sorted: Self.values(100, seed: 11).sorted(), gatePercentile: 97.5)!.gate)
        let large = Self.file(Self.table([(["a", "x"], Self.values(3_000, seed: 11))]))
        #expect(try large.side(gatePercentile: 99.9).groups.count == 1)
        #expect(throws: GateError.self) { try large.side(gatePercentile: 97.5) }
    }

    @Test func sizeStaysSmall() {
        // 60 groups of 5,000 values each: a group costs about 15 KB however many values it has.
        let groups = (0..<60).map { i in (key: ["service-\(i % 12)", "operation \(i)"], values: Self.values(5_000, seed: UInt64(100 + i))) }
        let bytes = Self.file(Self.table(groups)).encoded().count
        #expect(bytes < 60 * 16_000)
    }

    @Test(arguments: [
        (
            "{\"loupe_gate_baseline\":2,\"mode\":\"spans\",\"fields\":[],\"sample_limit\":1,\"seed\":1,\"groups\":[]}",
            "format version 2 is not supported"
        ),
        (
            "{\"loupe_gate_baseline\":1,\"mode\":\"spans\",\"fields\":[\"a\"],\"sample_limit\":1,\"seed\":1,\"groups\":[{\"key\":[\"x\",\"y\"],\"n\":1,\"mean\":1,\"percentiles\":{\"50\":1,\"90\":1,\"95\":1,\"99\":1},\"sample\":[1]}]}",
            "group 1 is malformed: its key has 2 values for 1 fields"
        ),
        (
            "{\"loupe_gate_baseline\":1,\"mode\":\"spans\",\"fields\":[\"a\"],\"sample_limit\":1,\"seed\":1,\"groups\":[{\"key\":[\"x\"],\"n\":1,\"mean\":1,\"percentiles\":{\"50\":1},\"sample\":[1]}]}",
            "lacks one of the percentiles"
        ),
        ("{\"loupe_gate_baseline\":1,\"mode\":\"traces\"}", "not a readable loupe gate baseline"),
        ("{\"loupe_gate_baseline\":1,\"mode\":\"spans\",\"fields\":[],\"sample_limit\":1,\"seed\":1}", "missing \"groups\""),
        ("{\"loupe_gate_baseline\":1,", "not a readable loupe gate baseline"),
    ])
    func rejectsMalformedFiles(text: String, message: String) {
        #expect {
            try BaselineFile.decode(Array(text.utf8), name: "bad.json")
        } throws: { error in
            let description = (error as? GateError)?.description ?? ""
            return description.hasPrefix("bad.json: ") && description.contains(message)
        }
    }
}
