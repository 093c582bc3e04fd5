import LoupeGate
import LoupeIO
import LoupeQuery
import LoupeTrace

/// The gate's trace side: reads spans with the trace reader, turns them into samples (one
/// duration per span) and computes the critical-path blame per trace.
enum TraceInput {
    /// What a side of trace exports yields.
    struct Result {
        var table: SampleTable
        var blame: [BlameSummary]?
        /// What `loupe diff` compares, for the Markdown report under each regression.
        var paths: TraceDiff.Side
    }

    /// Reads the sources through the one trace-loading path (`TraceInputs`): its messages,
    /// its `--strict` rule; a gate also refuses skipped records unless `--allow-bad-input`.
    static func read(_ sources: InputSet, configuration: GateConfiguration, role: String) throws(GateError) -> Result {
        let fields = configuration.by.isEmpty ? SpanFields.defaultKey : configuration.by
        var filter: RecordFilter?
        if let text = configuration.filter {
            do {
                filter = try RecordFilter(Parser.parseExpression(text), durationScales: SpanFields.durationScales)
            } catch {
                throw GateError(description: "--where: " + error.rendered(query: text))
            }
        }
        // Attributes cost memory; keep them only when a key field or the filter may read them.
        let needsAttributes = filter != nil || fields.contains { !SpanFields.builtIn.contains($0) }
        let inputs = TraceInputs.read(sources, configuration.reading, attributes: needsAttributes ? .all : .analysis)
        // A gate must not pass on missing data.
        if let failure = inputs.failures.first { throw GateError(description: failure) }
        RepairReport.print(inputs.totals)
        if inputs.totals.read.skippedTotal > 0 && !configuration.allowBadInput {
            throw GateError(badInput: Diagnostics.plural(inputs.totals.read.skippedTotal, "span record"), role: role)
        }
        if configuration.reading.strict, let refusal = inputs.strictRefusal { throw GateError(description: "\(role): " + refusal) }
        var samples = TraceSamples(fields: fields, filter: filter)
        for trace in inputs.traces { samples.add(trace) }
        return Result(table: samples.table, blame: samples.blame.summaries(), paths: samples.paths.side)
    }
}
