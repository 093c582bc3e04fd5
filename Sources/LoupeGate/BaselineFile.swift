import LoupeEngine

/// A baseline summary to commit instead of raw data (`loupe gate --write-baseline`).
///
/// Per group it keeps the exact count, mean and percentiles (every whole percent and 99.9),
/// and a bounded, seeded sample of the values (`ReservoirSample`) for the significance test.
/// Its size grows with the number of groups, not with the input: about 15 KB per group at the
/// default sample size of 1000.
package struct BaselineFile: Sendable, Equatable {
    /// The format version written in the file; a reader refuses versions it does not know.
    package static let version = 1
    /// The percentiles stored exactly: every whole percent and 99.9.
    package static let storedPercentiles: [Double] = (0...100).map(Double.init) + [99.9]

    /// One group's summary.
    package struct Group: Sendable, Equatable {
        package var key: GroupKey
        package var n: Int
        package var mean: Double
        /// Exact percentiles by their text (`"95"`, `"99.9"`).
        package var percentiles: [String: Double]
        /// Ascending sample of at most `sampleLimit` values.
        package var sample: [Double]
    }

    package var mode: GateMode
    package var fields: [String]
    /// The `--value` path (logs mode).
    package var value: String?
    /// The `--where` filter the values were selected with.
    package var filter: String?
    package var sampleLimit: Int
    package var seed: UInt64
    /// Groups sorted by key.
    package var groups: [Group]
    /// Critical-path self time per operation (spans mode), sorted by operation, each with a
    /// sample of its per-trace values.
    package var blame: [BlameSummary]

    package init(
        mode: GateMode, fields: [String], value: String?, filter: String?, sampleLimit: Int, seed: UInt64, groups: [Group],
        blame: [BlameSummary]
    ) {
        self.mode = mode
        self.fields = fields
        self.value = value
        self.filter = filter
        self.sampleLimit = sampleLimit
        self.seed = seed
        self.groups = groups
        self.blame = blame
    }

    /// Summarizes raw values.
    package init(
        mode: GateMode, table: SampleTable, value: String?, filter: String?, sampleLimit: Int, seed: UInt64,
        blame: [BlameSummary]
    ) {
        var groups: [Group] = []
        for (key, sorted) in table.sorted() where !sorted.isEmpty {
            var percentiles: [String: Double] = [:]
            for p in Self.storedPercentiles {
                percentiles[GateParameters.percentText(p)] = Percentile.interpolated(sorted: sorted, percent: p)
            }
            groups.append(
                Group(
                    key: key, n: sorted.count, mean: SampleSummary.mean(sorted), percentiles: percentiles,
                    sample: ReservoirSample.sample(sorted: sorted, limit: sampleLimit, seed: seed, key: key)))
        }
        groups.sort { $0.key < $1.key }
        // Per-trace blame values are sampled like group values, keyed by service and name.
        let sampledBlame = blame.map { summary in
            var sampled = summary
            sampled.sample = ReservoirSample.sample(
                sorted: summary.sample, limit: sampleLimit, seed: seed, key: GroupKey([summary.key.service, summary.key.name]))
            return sampled
        }
        self.init(
            mode: mode, fields: table.fields, value: value, filter: filter, sampleLimit: sampleLimit, seed: seed,
            groups: groups, blame: sampledBlame)
    }

    /// The side this file stands for. Percentiles come from the stored exact values, or from the
    /// sample where it holds every value of its group. A gate percentile the file cannot give
    /// exactly is an error: estimated from a sample, it moved a ratio by 4.5% and flipped a
    /// verdict (p97.5 of 3,000 values).
    package func side(gatePercentile: Double) throws(GateError) -> GateSide {
        var side = GateSide(mode: mode, fields: fields)
        let gateText = GateParameters.percentText(gatePercentile)
        for group in groups {
            let gate: Double
            if let exact = group.percentiles[gateText] {
                gate = exact
            } else if group.sample.count == group.n {
                gate = Percentile.interpolated(sorted: group.sample, percent: gatePercentile) ?? .nan
            } else {
                throw GateError(
                    description:
                        "the baseline file stores whole percentiles and 99.9, and a sample of \(sampleLimit) values for groups larger than that: p\(gateText) of group \(group.key.label) cannot be computed exactly from it (use a whole percentile or 99.9, or compare with the raw baseline)"
                )
            }
            let summary = SampleSummary(
                n: group.n, mean: group.mean, p50: group.percentiles["50"]!, p90: group.percentiles["90"]!,
                p95: group.percentiles["95"]!, p99: group.percentiles["99"]!, gate: gate)
            side.groups[group.key] = GateSide.Group(summary: summary, testSample: group.sample, storedPercentiles: group.percentiles)
        }
        return side
    }
}
