import LoupeEngine
import LoupeTrace

/// One operation's critical-path self time on one side: the median over the traces in which
/// the operation has a span (a span off the critical path counts as 0 in its trace).
package struct BlameSummary: Sendable, Equatable {
    package var key: OperationKey
    /// The traces the median runs over.
    package var traces: Int
    package var medianMs: Double
    /// Ascending per-trace values, for the test: all of them, or a baseline file's sample.
    package var sample: [Double]

    package init(key: OperationKey, traces: Int, medianMs: Double, sample: [Double]) {
        self.key = key
        self.traces = traces
        self.medianMs = medianMs
        self.sample = sample
    }
}

/// Collects per-trace critical-path self time (TRACE-SEMANTICS 3.3) per operation.
///
/// A trace adds one value per operation it contains: the sum of `cp_self` over that
/// operation's spans in the trace (an N+1 loop of one query counts once, with its whole time).
package struct BlameCollector: Sendable {
    package private(set) var perTrace: [OperationKey: [Double]] = [:]
    package private(set) var traces = 0

    package init() {}

    /// Adds one trace: every operation with a span in it, and the self time (ns) of the spans on
    /// its critical path, by operation.
    package mutating func addTrace(operations: Set<OperationKey>, selfTimeNs: [OperationKey: Int64]) {
        traces += 1
        for operation in operations {
            perTrace[operation, default: []].append(Double(selfTimeNs[operation] ?? 0) / 1e6)
        }
    }

    /// The median per operation, sorted by operation.
    package func summaries() -> [BlameSummary] {
        perTrace.map { key, values in
            let sorted = values.sorted()
            return BlameSummary(
                key: key, traces: sorted.count, medianMs: Percentile.interpolated(sorted: sorted, percent: 50)!, sample: sorted)
        }.sorted { $0.key < $1.key }
    }
}

/// How much one operation's critical-path self time grew from baseline to current.
package struct BlameRow: Sendable, Equatable {
    package var key: OperationKey
    package var base: BlameSummary?
    package var cur: BlameSummary?
    /// Median current minus median baseline, in ms; a side without the operation counts as 0.
    package var growthMs: Double
    /// The one-sided Mann-Whitney p-value of "the per-trace self time grew"; nil unless both
    /// sides have the operation.
    package var pGreater: Double?
}

/// Ranks operations by the growth of their critical-path self time: the segments that made
/// requests slower, rather than the spans that merely got slower.
package enum Blame {
    /// Every operation on either side, by growth descending, then by operation.
    package static func compare(base: [BlameSummary], cur: [BlameSummary]) -> [BlameRow] {
        var rows: [OperationKey: BlameRow] = [:]
        for summary in base {
            rows[summary.key] = BlameRow(key: summary.key, base: summary, cur: nil, growthMs: -summary.medianMs, pGreater: nil)
        }
        for summary in cur {
            let baseSummary = rows[summary.key]?.base
            let p = baseSummary.map { MannWhitney.test(base: $0.sample, current: summary.sample).pGreater }
            rows[summary.key] = BlameRow(
                key: summary.key, base: baseSummary, cur: summary, growthMs: summary.medianMs - (baseSummary?.medianMs ?? 0), pGreater: p)
        }
        return rows.values.sorted { a, b in
            a.growthMs != b.growthMs ? a.growthMs > b.growthMs : a.key < b.key
        }
    }

    /// The operations a report names, most growth first: their median grew by at least
    /// `minAbsMs`, over at least `minSamples` traces per side, and the growth passes the same
    /// one-sided test as the groups (p < alpha), so the medians' noise is not named. An
    /// operation new on the critical path needs no test.
    package static func named(_ rows: [BlameRow], parameters: GateParameters, limit: Int) -> [BlameRow] {
        let named = rows.filter { row in
            guard row.growthMs > 0, row.growthMs >= parameters.minAbsMs, let cur = row.cur, cur.traces >= parameters.minSamples else {
                return false
            }
            guard let base = row.base else { return true }
            return base.traces >= parameters.minSamples && (row.pGreater ?? 1) < parameters.alpha
        }
        return Array(named.prefix(limit))
    }
}
