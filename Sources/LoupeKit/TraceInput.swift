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
    }

    /// Reads the sources, each in the format detected for it (through decompression).
    static func read(_ sources: [(InputSource, InputFormat)], configuration: GateConfiguration, role: String) throws(GateError) -> Result {
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
        var builder = SpanCollectionBuilder()
        var readReport = ReadReport()
        for (source, format) in sources {
            TraceReader.decode(
                source, format: format, attributes: needsAttributes ? .all : .analysis, report: &readReport, forAssembly: true
            ) {
                builder.add($0)
            }
        }
        let collection = builder.finish(readReport)
        try check(collection.report, role: role, configuration: configuration)
        var samples = TraceSamples(fields: fields, filter: filter)
        for trace in collection.traces { samples.add(trace) }
        return Result(table: samples.table, blame: samples.blame.summaries())
    }

    /// Unreadable inputs are errors (a gate must not pass on missing data), and so are skipped
    /// records unless `--allow-bad-input`; repaired records are reported, and under `--strict`
    /// they are errors too.
    private static func check(_ report: ReadReport, role: String, configuration: GateConfiguration) throws(GateError) {
        if let failure = report.failures.first {
            throw GateError(description: failure)
        }
        RepairReport.printSkips(report)
        if report.skippedTotal > 0 && !configuration.allowBadInput {
            throw GateError(badInput: Diagnostics.plural(report.skippedTotal, "span record"), role: role)
        }
        var repairs: [String] = []
        if report.negativeDurationsClamped > 0 {
            repairs.append("\(report.negativeDurationsClamped) ending before their start (duration set to 0)")
        }
        if report.missingDurations > 0 { repairs.append("\(report.missingDurations) without a duration (read as 0)") }
        if report.selfParentsCleared > 0 { repairs.append("\(report.selfParentsCleared) naming themselves as parent") }
        if !repairs.isEmpty { Diagnostics.error("\(role): repaired spans: " + repairs.joined(separator: ", ")) }
        if configuration.strict && report.repairCount > 0 {
            throw GateError(description: "\(role): \(report.repairCount) bad or repaired span records (--strict stops on them)")
        }
    }
}
