import LoupeTrace

/// Turns traces into what the gate compares: one duration per span, keyed and filtered like
/// `SpanSamples`, and the per-trace critical-path self time for blame.
///
/// The traces come assembled (TRACE-SEMANTICS 2), so a duplicate span (same trace and span id)
/// counts once, the first occurrence, as everywhere else in loupe.
package struct TraceSamples {
    package private(set) var table: SampleTable
    package private(set) var blame = BlameCollector()
    /// The per-path figures `loupe diff` compares, for the report under each regression.
    package private(set) var paths = TraceDiff.SideCollector()
    private var spans: SpanSamples

    package init(fields: [String] = SpanFields.defaultKey, filter: RecordFilter? = nil) {
        table = SampleTable(fields: fields)
        spans = SpanSamples(fields: fields, filter: filter)
    }

    package mutating func add(_ assembled: Trace) {
        let tree = assembled.tree
        spans.add(assembled.spans, traceID: assembled.traceID, to: &table) { tree.fragments[Int(tree.fragmentOf[$0])].kind == .detached }
        let criticalPaths = CriticalPath.analyze(assembled, SanitizedTree(assembled)).paths
        blame.add(assembled, paths: criticalPaths)
        paths.add(assembled, paths: criticalPaths)
    }
}
