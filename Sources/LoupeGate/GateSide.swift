import LoupeEngine

/// Whether a side's values are span durations (trace exports) or a field of JSON log records.
package enum GateMode: String, Sendable, Codable {
    case spans, logs
}

/// One side of the comparison, ready to compare: per group, its statistics and the ascending
/// values the significance test runs on.
///
/// Built from raw values (every value takes part in the test) or from a baseline file (exact
/// counts and percentiles, the test on the stored sample).
package struct GateSide: Sendable {
    /// One group's part of a side.
    package struct Group: Sendable {
        package var summary: SampleSummary
        /// Ascending values for the test: all of them, or a baseline file's sample.
        package var testSample: [Double]
        /// Exact percentiles by their text (`"95"`), when the values themselves are not all
        /// at hand (a baseline file).
        package var storedPercentiles: [String: Double]?

        package init(summary: SampleSummary, testSample: [Double], storedPercentiles: [String: Double]? = nil) {
            self.summary = summary
            self.testSample = testSample
            self.storedPercentiles = storedPercentiles
        }

        /// A percentile of the group: exact from the values or the stored percentiles, else
        /// estimated from the sample.
        package func percentile(_ percent: Double) -> Double {
            if let stored = storedPercentiles?[GateParameters.percentText(percent)] { return stored }
            return Percentile.interpolated(sorted: testSample, percent: percent) ?? .nan
        }
    }

    package var mode: GateMode
    package var fields: [String]
    package var groups: [GroupKey: Group] = [:]
    /// Groups whose spans are all in detached fragments: async, off the request's critical path
    /// (see `SampleTable.detachedGroups`). Empty for logs and baseline files.
    package var detachedGroups: Set<GroupKey> = []
    package init(mode: GateMode, fields: [String]) {
        self.mode = mode
        self.fields = fields
    }

    /// A side whose test uses every value.
    package init(mode: GateMode, table: SampleTable, gatePercentile: Double) {
        self.init(mode: mode, fields: table.fields)
        detachedGroups = table.detachedGroups
        for (key, sorted) in table.sorted() {
            guard let summary = SampleSummary(sorted: sorted, gatePercentile: gatePercentile) else { continue }
            groups[key] = Group(summary: summary, testSample: sorted)
        }
    }
}
