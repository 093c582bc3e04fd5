import LoupeEngine
import LoupeGate
import LoupeOutput
import LoupeTrace

/// `loupe gate`: reads the current run (and the baseline), compares them by
/// TRACE-SEMANTICS section 6, checks budgets, writes the reports and returns the exit code:
/// 0 when the gate passes, 1 on a regression (or a failed budget), 2 on an error.
public enum GatePipeline {
    public static func run(_ configuration: GateConfiguration) -> ExitCode {
        do {
            return try execute(configuration)
        } catch {
            Diagnostics.error(error.description)
            return .error
        }
    }

    static func execute(_ configuration: GateConfiguration) throws(GateError) -> ExitCode {
        let budgets = try configuration.budgets.map { (text) throws(GateError) in try Budget.parse(text) }
        var budgetCheck = try BudgetCheck(budgets)
        let threads = configuration.reading.workerThreads
        let reader = GateSideReader(configuration: configuration, threads: threads)
        let baseInputs = configuration.baseline.isEmpty ? nil : try reader.detect(configuration.baseline, role: "--baseline")
        let curInputs = try reader.detect(configuration.inputs, role: "current")
        let curName = curInputs.sources[0].displayName
        if let baseInputs, let baseMode = baseInputs.kind.mode, let curMode = curInputs.kind.mode {
            try GateSideReader.checkSameKind(base: baseMode, cur: curMode, baseName: baseInputs.sources[0].displayName, curName: curName)
        }
        // The baseline is read first, so messages about its inputs come first.
        let base = try baseInputs.map { (inputs) throws(GateError) in try reader.read(inputs, role: "--baseline") }
        if let base, let curMode = curInputs.kind.mode {
            try GateSideReader.checkSameKind(
                base: base.side.mode, cur: curMode, baseName: baseInputs!.sources[0].displayName, curName: curName)
        }
        // A baseline file carries how it was made: its key fields, value and filter apply to
        // the current run unless the command line says otherwise.
        var configuration = configuration
        if let file = base?.baseline {
            if configuration.by.isEmpty && (file.mode == .logs || file.fields != SpanFields.defaultKey) { configuration.by = file.fields }
            if configuration.value == nil { configuration.value = file.value }
            if configuration.filter == nil { configuration.filter = file.filter }
        }
        let current = try GateSideReader(configuration: configuration, threads: threads).read(curInputs, role: "current")

        if let path = configuration.writeBaseline {
            return try writeBaseline(current, to: path, configuration: configuration)
        }

        var parameters = GateParameters()
        parameters.percentile = configuration.percentile
        parameters.alpha = configuration.alpha
        parameters.minEffect = configuration.minEffect
        parameters.minAbsMs = configuration.minAbsMs
        parameters.minSamples = configuration.minSamples
        parameters.correction = configuration.correctsForManyGroups ? .holm : .none

        var report = GateReport(parameters: parameters, mode: current.side.mode, fields: current.side.fields)
        report.failOnMissing = configuration.failOnMissing
        report.blameLimit = configuration.blameLimit
        if let base {
            report.comparison = try GateComparison.compare(base: base.side, cur: current.side, parameters: parameters)
            if let baseBlame = base.blame, let curBlame = current.blame {
                report.blame = Blame.compare(base: baseBlame, cur: curBlame)
            }
            if let basePaths = base.paths, let curPaths = current.paths {
                report.diff = TraceDiff(base: basePaths, cur: curPaths)
            }
        }
        if !budgets.isEmpty {
            report.budgets = budgets
            let (results, unmatched) = budgetCheck.check(current.side, minSamples: parameters.minSamples)
            // A typo in a budget's filter must not switch the budget off (TRACE-SEMANTICS 6).
            if let index = unmatched.first {
                throw GateError(
                    description:
                        "--budget '\(budgets[index].text)' matches no group of the current run (\(Diagnostics.plural(current.side.groups.count, "group")) by \(current.side.fields.joined(separator: ", "))); check its filter"
                )
            }
            report.budgetResults = results
        }
        return try emit(report, ExitCode.of(report), configuration)
    }

    private static func writeBaseline(_ side: LoadedSide, to path: String, configuration: GateConfiguration) throws(GateError) -> ExitCode {
        guard let table = side.table else {
            throw GateError(description: "the input is already a gate baseline; --write-baseline summarizes raw logs or traces")
        }
        let file = BaselineFile(
            mode: side.side.mode, table: table, value: configuration.value, filter: configuration.filter,
            sampleLimit: configuration.sampleSize, seed: configuration.seed, blame: side.blame ?? [])
        let bytes = file.encoded()
        try GateFiles.write(bytes, to: path, what: "baseline")
        Diagnostics.error(
            "wrote \(path): \(Diagnostics.plural(file.groups.count, "group")) from \(Diagnostics.plural(table.valueCount, "value")), \(bytes.count) bytes"
        )
        return .matched
    }

    /// Writes the report files, then standard output; returns the exit code, `code` unless the
    /// output cannot be written.
    private static func emit(_ report: GateReport, _ code: ExitCode, _ configuration: GateConfiguration) throws(GateError) -> ExitCode {
        if let path = configuration.report {
            try GateFiles.write(
                Array(GateMarkdownPrinter(value: configuration.value).render(report).utf8), to: path, what: "Markdown report")
        }
        if let path = configuration.junit {
            try GateFiles.write(Array(GateJUnitPrinter().render(report).utf8), to: path, what: "JUnit report")
        }
        let writer = OutputWriter()
        var text = ""
        if configuration.github { text += GateAnnotationPrinter().render(report) }
        if configuration.json {
            text += GateJSONPrinter(exitCode: code.rawValue).render(report)
        } else {
            let color = configuration.reading.colors(writer)
            text += GateTextPrinter(color: color, value: configuration.value, all: configuration.all).render(report)
        }
        return ExitCode.ofWriting(closedPipe: code) {
            try writer.write(text)
            try writer.flush()
        } ?? code
    }
}
