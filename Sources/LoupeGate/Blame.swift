import LoupeEngine

/// A (service, operation) pair: where critical-path time is spent.
package struct OperationKey: Hashable, Sendable, Comparable {
    package var service: String
    package var name: String

    package init(service: String, name: String) {
        self.service = service
        self.name = name
    }

    package static func < (a: OperationKey, b: OperationKey) -> Bool {
        GroupKey([a.service, a.name]) < GroupKey([b.service, b.name])
    }
}

/// One operation's critical-path self time on one side: the median over the traces in which
/// the operation has a span (a span off the critical path counts as 0 in its trace).
package struct BlameSummary: Sendable, Equatable {
    package var key: OperationKey
    /// The traces the median runs over.
    package var traces: Int
    package var medianMs: Double

    package init(key: OperationKey, traces: Int, medianMs: Double) {
        self.key = key
        self.traces = traces
        self.medianMs = medianMs
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
            BlameSummary(key: key, traces: values.count, medianMs: Percentile.interpolated(sorted: values.sorted(), percent: 50)!)
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
}

/// Ranks operations by the growth of their critical-path self time: the segments that made
/// requests slower, rather than the spans that merely got slower.
package enum Blame {
    /// Every operation on either side, by growth descending, then by operation.
    package static func compare(base: [BlameSummary], cur: [BlameSummary]) -> [BlameRow] {
        var rows: [OperationKey: BlameRow] = [:]
        for summary in base {
            rows[summary.key] = BlameRow(key: summary.key, base: summary, cur: nil, growthMs: -summary.medianMs)
        }
        for summary in cur {
            let baseMedian = rows[summary.key]?.base?.medianMs ?? 0
            rows[summary.key] = BlameRow(
                key: summary.key, base: rows[summary.key]?.base, cur: summary, growthMs: summary.medianMs - baseMedian)
        }
        return rows.values.sorted { a, b in
            a.growthMs != b.growthMs ? a.growthMs > b.growthMs : a.key < b.key
        }
    }

    /// The operations that grew, most first: what the reports name.
    package static func grown(_ rows: [BlameRow], limit: Int) -> [BlameRow] {
        Array(rows.filter { $0.growthMs > 0 }.prefix(limit))
    }
}
