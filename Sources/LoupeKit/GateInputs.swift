import Glibc
import LoupeGate
import LoupeIO
import LoupeQuery
import LoupeTrace

/// What a gate input holds, told from its first bytes (or `--format`).
enum GateInputKind: Equatable {
    /// A summary written by `--write-baseline`.
    case baseline
    /// A trace export: one value per span.
    case spans
    /// JSON log records: one value per record.
    case logs

    /// What one input holds, as the input set told it. A baseline file is recognized whatever
    /// `--format` says (that applies to raw inputs); an empty input would read as logs with no
    /// records, and a gate must not pass on it.
    init(_ entry: InputSet.Entry) throws(GateError) {
        let shape: InputShape
        do {
            shape = try entry.shape.get()
        } catch {
            throw GateError(description: error.description)
        }
        guard !shape.isEmpty else { throw GateError(description: "\(entry.name) is empty: there is nothing to compare") }
        // Its log records are query records, not lines: the gate's log reader reads lines.
        if shape.format.isOTLPLogs, !shape.isBaseline {
            throw GateError(description: "\(entry.name) holds OTLP logs (resourceLogs): the gate reads trace exports and JSON lines")
        }
        self = shape.isBaseline ? .baseline : shape.format.isTraceExport ? .spans : .logs
    }

    /// The mode of raw inputs of this kind; nil for a baseline file (its mode is inside).
    var mode: GateMode? {
        switch self {
        case .baseline: return nil
        case .spans: return .spans
        case .logs: return .logs
        }
    }
}

/// One side of the gate as read: the comparable side, the raw values (to write a baseline or
/// check budgets), and the critical-path blame when the side has trace structure.
struct LoadedSide {
    var side: GateSide
    var kind: GateInputKind
    /// Raw values; nil when the side is a baseline file.
    var table: SampleTable?
    var baseline: BaselineFile?
    var blame: [BlameSummary]?
    /// Raw traces' per-path figures (`loupe diff`); nil for logs and baseline files.
    var paths: TraceDiff.Side? = nil
}

/// Reads the inputs of one side (baseline or current) into a `LoadedSide`.
struct GateSideReader {
    let configuration: GateConfiguration
    let threads: Int

    /// The inputs of one side and what they hold.
    struct Detected {
        var inputs: InputSet
        var kind: GateInputKind
        var sources: [InputSource] { inputs.entries.map(\.source) }
        /// The inputs as messages name them (standard input included).
        var names: String { inputs.entries.map(\.name).joined(separator: ", ") }
    }

    /// Finds what the inputs of one side hold; all of them must hold the same.
    func detect(_ arguments: [String], role: String) throws(GateError) -> Detected {
        let inputs = InputSet(arguments: arguments, format: configuration.reading.format, prefixes: configuration.reading.prefixes)
        var kinds: [(name: String, kind: GateInputKind)] = []
        for entry in inputs.entries {
            kinds.append((entry.name, try GateInputKind(entry)))
        }
        let kind = kinds[0].kind
        if let other = kinds.first(where: { $0.kind != kind }) {
            throw GateError(
                description:
                    "\(role) inputs mix kinds: \(kinds[0].name) holds \(Self.describe(kind)) and \(other.name) holds \(Self.describe(other.kind))"
            )
        }
        return Detected(inputs: inputs, kind: kind)
    }

    /// Reads one side; `role` (`--baseline`, `current`) names it in messages. A side without a
    /// single value is an error: a gate never passes on data it could not read (TRACE-SEMANTICS 6).
    func read(_ detected: Detected, role: String) throws(GateError) -> LoadedSide {
        let side = try readValues(detected, role: role)
        guard side.side.groups.isEmpty else { return side }
        let what: String
        switch detected.kind {
        case .baseline: what = "a baseline of 0 groups"
        case .spans: what = "no spans"
        case .logs: what = "no record with a number in \(configuration.value ?? "the --value field")"
        }
        let filtered = detected.kind != .baseline && configuration.filter != nil ? " that --where keeps" : ""
        throw GateError(description: "\(role) (\(detected.names)) holds \(what)\(filtered): there is nothing to compare")
    }

    private func readValues(_ detected: Detected, role: String) throws(GateError) -> LoadedSide {
        let sources = detected.sources
        switch detected.kind {
        case .baseline:
            guard sources.count == 1 else {
                throw GateError(description: "\(role): give one baseline file, not \(sources.count) inputs")
            }
            let file = try readBaselineFile(sources[0])
            if let value = file.value, let asked = configuration.value, value != asked {
                throw GateError(
                    description: "\(sources[0].displayName) was written with --value \(value), not \(asked); write the baseline again")
            }
            return LoadedSide(
                side: try file.side(gatePercentile: configuration.percentile), kind: .baseline, table: nil, baseline: file,
                blame: file.mode == .spans ? file.blame : nil)
        case .logs:
            guard let value = configuration.value else {
                throw GateError(
                    description: "\(sources[0].displayName) holds JSON logs: say which field to compare with --value (and group with --by)")
            }
            let reader = try GateLogReader(
                value: value, by: configuration.by, filter: configuration.filter, strict: configuration.reading.strict, threads: threads,
                chunkSize: configuration.reading.blockSize ?? (2 << 20))
            var table = SampleTable(fields: configuration.by)
            try reader.read(detected.inputs.entries.map { ($0.source, $0.format ?? .jsonLines) }, into: &table)
            reader.reports.print(program: reader.program, groups: nil)
            let skipped = reader.reports.files.reduce(0) { $0 + $1.tally.total }
            if skipped + reader.cutInputs > 0 && !configuration.allowBadInput {
                let what = [(skipped, "line"), (reader.cutInputs, "cut input")].filter { $0.0 > 0 }.map { Diagnostics.plural($0, $1) }
                throw GateError(badInput: what.joined(separator: " and "), role: role)
            }
            if reader.leftOut.missing + reader.leftOut.notNumber > 0 {
                var parts: [String] = []
                if reader.leftOut.missing > 0 { parts.append(Diagnostics.plural(reader.leftOut.missing, "record") + " without it") }
                if reader.leftOut.notNumber > 0 {
                    parts.append(Diagnostics.plural(reader.leftOut.notNumber, "record") + " where it is not a number")
                }
                Diagnostics.error(
                    "\(value): left out " + parts.joined(separator: " and ") + " (\(role): \(detected.names))")
            }
            return LoadedSide(
                side: GateSide(mode: .logs, table: table, gatePercentile: configuration.percentile), kind: .logs, table: table,
                baseline: nil, blame: nil)
        case .spans:
            if configuration.value != nil {
                throw GateError(
                    description: "\(sources[0].displayName) is a trace export: --value is for JSON logs (spans compare their durations)")
            }
            let traces = try TraceInput.read(detected.inputs, configuration: configuration, role: role)
            return LoadedSide(
                side: GateSide(mode: .spans, table: traces.table, gatePercentile: configuration.percentile), kind: .spans,
                table: traces.table, baseline: nil, blame: traces.blame, paths: traces.paths)
        }
    }

    private func readBaselineFile(_ source: InputSource) throws(GateError) -> BaselineFile {
        let bytes: [UInt8]
        do {
            bytes = try source.readAll()
        } catch {
            throw GateError(description: error.description)
        }
        return try BaselineFile.decode(bytes, name: source.displayName)
    }

    /// Both sides must hold the same kind of data (TRACE-SEMANTICS section 6).
    static func checkSameKind(base: GateMode, cur: GateMode, baseName: String, curName: String) throws(GateError) {
        guard base != cur else { return }
        throw GateError(
            description:
                "the baseline (\(baseName)) holds \(describe(base)) and the current run (\(curName)) holds \(describe(cur)); compare spans with spans and logs with logs"
        )
    }

    static func describe(_ mode: GateMode) -> String {
        mode == .spans ? "trace spans" : "JSON logs"
    }

    static func describe(_ kind: GateInputKind) -> String {
        switch kind {
        case .baseline: return "a gate baseline"
        case .spans: return "trace spans"
        case .logs: return "JSON logs"
        }
    }
}

extension GateError {
    /// A side with records that could not be read: a gate never passes on data it could not
    /// read (TRACE-SEMANTICS 6).
    init(badInput what: String, role: String) {
        self.init(
            description:
                "\(role): \(what) could not be read (see above); the gate compares only complete data, --allow-bad-input compares what was read"
        )
    }
}

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
        RepairReport.print(inputs.totals, side: role)
        if inputs.totals.read.skippedTotal > 0 && !configuration.allowBadInput {
            throw GateError(badInput: Diagnostics.plural(inputs.totals.read.skippedTotal, "span record"), role: role)
        }
        // A span with no end (or an end before its start) was read as 0 ms: a duration the
        // gate did not measure, which could hide a slowdown.
        let unmeasured = inputs.totals.read.missingDurations + inputs.totals.read.negativeDurationsClamped
        if unmeasured > 0 && !configuration.allowBadInput {
            throw GateError(
                description:
                    "\(role): \(Diagnostics.plural(unmeasured, "span")) had no duration of \(unmeasured == 1 ? "its" : "their") own (see above); the gate compares only measured durations, --allow-bad-input compares what was read"
            )
        }
        if configuration.reading.strict, let refusal = inputs.strictRefusal(of: sources) {
            throw GateError(description: "\(role): " + refusal)
        }
        var samples = TraceSamples(fields: fields, filter: filter)
        for trace in inputs.traces { samples.add(trace) }
        return Result(table: samples.table, blame: samples.blame.summaries(), paths: samples.paths.side)
    }
}

/// Writes the gate's files (reports, baselines): whole or not at all.
enum GateFiles {
    /// Writes `bytes` to `path` through a temporary file in the same directory and a rename,
    /// so a failed run never leaves half a baseline or report behind.
    static func write(_ bytes: [UInt8], to path: String, what: String) throws(GateError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(what, path) }
        if bytes.withUnsafeBytes({ writeAll(fd, $0) }) != nil {
            let error = failure(what, path)
            close(fd)
            unlink(temporary)
            throw error
        }
        guard close(fd) == 0, rename(temporary, path) == 0 else {
            let error = failure(what, path)
            unlink(temporary)
            throw error
        }
    }

    private static func failure(_ what: String, _ path: String) -> GateError {
        GateError(description: "cannot write the \(what) \(path): \(String(cString: strerror(errno)))")
    }
}
