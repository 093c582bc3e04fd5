/// The cross-trace aggregation behind `loupe hotspots` and the errors document: error
/// hotspots (TRACE-SEMANTICS 5.2), parallelization patterns, and critical-path self time per
/// operation. Mergeable, so workers can each fill one and merge them in any order.
package struct Hotspots: Sendable {
    package var traces = 0
    package var tracesWithErrors = 0
    package var failedTraces = 0
    /// Traces where some detached (async) fragment head failed.
    package var asyncFailedTraces = 0
    /// Summed over traces: what running each trace's outermost groups concurrently could save.
    package var totalSaving: Int64 = 0
    package var errors: [OperationKey: ErrorHotspot] = [:]
    package var patterns: [PatternKey: ParallelPattern] = [:]
    package var selfTime: [OperationKey: SelfTimeHotspot] = [:]

    package init() {}

    /// Adds one analyzed trace.
    package mutating func add(_ analysis: TraceAnalysis) {
        traces += 1
        let errorInfo = analysis.errors
        if errorInfo.errorSpans > 0 { tracesWithErrors += 1 }
        if errorInfo.failed { failedTraces += 1 }
        if errorInfo.asyncFailed { asyncFailedTraces += 1 }
        totalSaving = totalSaving.addingSaturated(analysis.totalSaving)
        let operations = analysis.operations
        var counts = [ErrorHotspot](repeating: ErrorHotspot(), count: operations.keys.count)
        for op in operations.ofSpan { counts[Int(op)].spans += 1 }
        for s in errorInfo.origins { counts[Int(operations.ofSpan[s])].originSpans += 1 }
        for s in errorInfo.surfaces { counts[Int(operations.ofSpan[s])].surfaceSpans += 1 }
        for s in errorInfo.rootCauses { counts[Int(operations.ofSpan[s])].rootCauseTraces = 1 }
        for s in errorInfo.asyncRootCauses { counts[Int(operations.ofSpan[s])].asyncRootCauseTraces = 1 }
        for (op, var entry) in counts.enumerated() {
            entry.errorSpans = entry.originSpans + entry.surfaceSpans
            entry.tracesWithOrigin = entry.originSpans > 0 ? 1 : 0
            errors[operations.keys[op], default: ErrorHotspot()].merge(entry)
        }
        var affected = Set<PatternKey>()
        for group in analysis.parallelGroups {
            let key = PatternKey(
                parent: operations.key(of: group.parent), kind: group.kind, child: OperationKey(service: group.service, name: group.name))
            patterns[key, default: ParallelPattern()].savings.append(group.saving)
            if affected.insert(key).inserted { patterns[key]!.traces += 1 }
        }
        for (op, ns) in analysis.selfTimeByOperation.enumerated() {
            if let ns { selfTime[operations.keys[op], default: SelfTimeHotspot()].perTrace.append(ns) }
        }
    }

    package mutating func merge(_ other: Hotspots) {
        traces += other.traces
        tracesWithErrors += other.tracesWithErrors
        failedTraces += other.failedTraces
        asyncFailedTraces += other.asyncFailedTraces
        totalSaving = totalSaving.addingSaturated(other.totalSaving)
        for (key, entry) in other.errors { errors[key, default: ErrorHotspot()].merge(entry) }
        for (key, entry) in other.patterns {
            patterns[key, default: ParallelPattern()].savings += entry.savings
            patterns[key]!.traces += entry.traces
        }
        for (key, entry) in other.selfTime { selfTime[key, default: SelfTimeHotspot()].perTrace += entry.perTrace }
    }

    /// Section 5.2: keys with error spans, by (root_cause_traces desc, origin_spans desc,
    /// error_spans desc, service, operation).
    package var errorRows: [(key: OperationKey, value: ErrorHotspot)] {
        errors.filter { $0.value.errorSpans > 0 }.map { (key: $0.key, value: $0.value) }.sorted { a, b in
            let x = a.value
            let y = b.value
            if x.rootCauseTraces != y.rootCauseTraces { return x.rootCauseTraces > y.rootCauseTraces }
            if x.originSpans != y.originSpans { return x.originSpans > y.originSpans }
            if x.errorSpans != y.errorSpans { return x.errorSpans > y.errorSpans }
            return a.key < b.key
        }
    }

    /// `root_cause_traces / failed_traces`, 0 when no trace failed.
    package func shareOfFailedTraces(_ hotspot: ErrorHotspot) -> Double {
        failedTraces == 0 ? 0 : Double(hotspot.rootCauseTraces) / Double(failedTraces)
    }

    /// Patterns by total saving desc, then occurrences desc, then key.
    package var patternRows: [(key: PatternKey, value: ParallelPattern)] {
        patterns.map { (key: $0.key, value: $0.value) }.sorted { a, b in
            if a.value.totalSaving != b.value.totalSaving { return a.value.totalSaving > b.value.totalSaving }
            if a.value.occurrences != b.value.occurrences { return a.value.occurrences > b.value.occurrences }
            return a.key < b.key
        }
    }

    /// Operations by summed critical-path self time desc, then key.
    package var selfTimeRows: [(key: OperationKey, value: SelfTimeHotspot)] {
        selfTime.map { (key: $0.key, value: $0.value) }.sorted { a, b in
            a.value.total != b.value.total ? a.value.total > b.value.total : a.key < b.key
        }
    }
}

/// Section 5.2 counts for one (service, operation).
package struct ErrorHotspot: Sendable, Equatable {
    package var spans = 0
    package var errorSpans = 0
    package var originSpans = 0
    package var surfaceSpans = 0
    package var tracesWithOrigin = 0
    package var rootCauseTraces = 0
    /// Traces in which a span of the operation is the root cause of an async failure.
    package var asyncRootCauseTraces = 0

    package init() {}

    mutating func merge(_ other: ErrorHotspot) {
        spans += other.spans
        errorSpans += other.errorSpans
        originSpans += other.originSpans
        surfaceSpans += other.surfaceSpans
        tracesWithOrigin += other.tracesWithOrigin
        rootCauseTraces += other.rootCauseTraces
        asyncRootCauseTraces += other.asyncRootCauseTraces
    }
}

/// A parallelization pattern: under one parent operation, runs whose most frequent operation
/// is `child`, of one kind.
package struct PatternKey: Hashable, Sendable, Comparable {
    package var parent: OperationKey
    package var kind: ParallelGroup.Kind
    package var child: OperationKey

    package static func < (a: PatternKey, b: PatternKey) -> Bool {
        if a.parent != b.parent { return a.parent < b.parent }
        if a.child != b.child { return a.child < b.child }
        return a.kind.rawValue < b.kind.rawValue
    }
}

/// Occurrences and savings of one pattern.
package struct ParallelPattern: Sendable {
    /// One saving per occurrence (group), in nanoseconds.
    package var savings: [Int64] = []
    /// Traces with at least one occurrence.
    package var traces = 0

    package var occurrences: Int { savings.count }
    package var totalSaving: Int64 { savings.saturatingSum() }
    package var p95Saving: Double { Percentile.of(savings, 95) }
}

/// Critical-path self time of one operation, one value per trace where it is on the path.
package struct SelfTimeHotspot: Sendable {
    package var perTrace: [Int64] = []

    package var total: Int64 { perTrace.saturatingSum() }
    package var p50: Double { Percentile.of(perTrace, 50) }
    package var p95: Double { Percentile.of(perTrace, 95) }
}

/// Linear interpolation between closest ranks (Hyndman-Fan type 7, numpy's default), as in
/// TRACE-SEMANTICS 6.
package enum Percentile {
    package static func of(_ values: [Int64], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * p / 100
        let low = Int(h.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return Double(sorted[low]) + (h - Double(low)) * Double(sorted[high] - sorted[low])
    }
}
