import LoupeIO
import LoupeJSON

/// Where decoded spans go, one at a time in input order, each with its trace's id (a `Span`
/// holds none: what keeps the spans keeps the id once per trace). Valid only during the call
/// that is handed it.
package typealias SpanSink = (_ traceID: String, _ span: consuming Span) -> Void

/// The entry point for reading spans: every input, any of the five export formats, merged by
/// trace id.
///
/// Guarantees: a format is detected per input from its first bytes unless forced; spans are
/// decoded while the input streams by (memory follows the spans kept, not the file size); bad
/// records are skipped or repaired and counted in the report (TRACE-SEMANTICS 1), never
/// dropped silently; an input that cannot be read or is not a trace export is listed in
/// `report.failures` and the others are still read.
package enum TraceReader {
    /// Reads all inputs into one collection, grouped by trace id. With `threads` above 1, a
    /// big file is decoded on that many threads (same result, see `ParallelDecode`).
    package static func read(
        _ sources: [InputSource], format: InputFormat? = nil, attributes: AttributePolicy = .analysis, threads: Int = 1,
        sizes: ParallelDecode.Sizes = ParallelDecode.Sizes()
    ) -> SpanCollection {
        read(sources.map { ($0, format) }, attributes: attributes, threads: threads, sizes: sizes)
    }

    /// Reads inputs whose formats are known already (an `InputSet` told them apart): each in its
    /// format, without looking at its first bytes again; nil detects it.
    package static func read(
        _ inputs: [(source: InputSource, format: InputFormat?)], attributes: AttributePolicy = .analysis, threads: Int = 1,
        sizes: ParallelDecode.Sizes = ParallelDecode.Sizes()
    ) -> SpanCollection {
        var builder = SpanCollectionBuilder()
        var report = ReadReport()
        for (source, format) in inputs {
            builder.beginInput()
            decode(
                source, format: format, attributes: attributes, report: &report, threads: threads, sizes: sizes, forAssembly: true,
                expect: { builder.expect($0) }, retract: { builder.retractInput() }
            ) { builder.add($1, traceID: $0) }
        }
        return builder.finish(report)
    }

    /// Streams the spans of one input to `sink` with their trace ids, in input order; adds to
    /// `report`. Returns the format read, or nil when the input could not be read as a trace
    /// export (a failure in `report`) or holds no trace export at all (an empty file, `[]`: an
    /// input in `report` with its `content`). `forAssembly`: see the other `decode`; `expect`
    /// and `retract`: see `ParallelDecode.decode` (`retract` must take back every span this
    /// call sent, for the input to be read again sequentially).
    @discardableResult
    package static func decode(
        _ source: InputSource, format forced: InputFormat?, attributes: AttributePolicy, report: inout ReadReport, threads: Int = 1,
        sizes: ParallelDecode.Sizes = ParallelDecode.Sizes(), forAssembly: Bool = false, expect: ([TraceRun]) -> Void = { _ in },
        retract: () -> Void, sink: SpanSink
    ) -> InputFormat? {
        let name = source.displayName
        var opened: OpenedInput
        do {
            opened = try source.open()
        } catch {
            report.failures.append(error.description)
            return nil
        }
        var format: InputFormat
        if let forced {
            format = forced
        } else {
            do {
                format = try FormatDetector.detect(&opened)
            } catch {
                report.failures.append(error.description)
                return nil
            }
        }
        guard format.isTraceExport else {
            // Say what the input is: an empty one is only empty, anything else is no trace export.
            let content = (try? InputContent(&opened)) ?? .json
            if content.holdsNoSpans {
                report.inputs.append(InputSummary(name: name, format: format.rawValue, content: content))
            } else {
                report.failures.append(InputMessages.notATraceExport(name, content, detected: format))
            }
            return nil
        }
        if threads > 1, case .mapped(let file) = opened.body,
            ParallelDecode.decode(
                file, name: opened.name, format: format, attributes: attributes, threads: threads, sizes: sizes,
                forAssembly: forAssembly, report: &report, expect: expect, retract: retract, sink: sink)
        {
            return format
        }
        decode(opened, format: format, attributes: attributes, report: &report, forAssembly: forAssembly, sink: sink)
        return format
    }

    /// Streams the spans of an opened input whose format is known; `shouldStop`, asked before
    /// each span, ends decoding early when it returns true. With `forAssembly`, the caller hands
    /// the spans to a `SpanCollectionBuilder`: a SERVER or kind-less span without a start time
    /// is then sent on untimed (`Span.untimed`) for `finish` to time, merge or skip once every
    /// input is read; without it, it is skipped here.
    package static func decode(
        _ opened: OpenedInput, format: InputFormat, attributes: AttributePolicy, report: inout ReadReport,
        forAssembly: Bool = false, shouldStop: () -> Bool = { false },
        sink: SpanSink
    ) {
        report.inputs.append(InputSummary(name: opened.name, format: format.rawValue))
        withoutActuallyEscaping(sink) { sink in
            withoutActuallyEscaping(shouldStop) { shouldStop in
                var context = DecodeContext(policy: attributes, report: report, input: report.inputs.count - 1, sink: sink)
                context.shouldStop = shouldStop
                context.keepsUntimedSpans = forAssembly
                context.readsPastBadStrings = format != .otlpLines
                var reader = JSONReader(opened)
                run(format, &reader, &context)
                context.finish()
                if let failure = reader.readFailure, !failure.isCutShort { context.report.failures.append(failure.description) }
                report = context.report
            }
        }
    }

    /// Decodes until the end; a JSON error skips the rest of a document, or, for OTLP lines,
    /// just the broken line (a newline ends a line's value, whatever came before it). Damaged
    /// compressed data counts as a cut where it shows, like a cut file.
    static func run(_ format: InputFormat, _ reader: inout JSONReader, _ context: inout DecodeContext) {
        reader.newlineEndsValue = format == .otlpLines
        if format == .otlpLines { context.holdLines() }
        defer {
            if let failure = reader.readFailure, failure.isCutShort {
                context.report.skip(
                    .truncatedInput, input: context.input, offset: reader.offset, line: reader.line, message: failure.problem)
            }
        }
        while true {
            do {
                switch format {
                case .otlp, .otlpLines: try OTLPDecoder.decode(&reader, &context)
                case .jaeger: try JaegerDecoder.decode(&reader, &context)
                case .zipkin: try ZipkinDecoder.decode(&reader, &context)
                case .otelConsole: try OTelConsoleDecoder.decode(&reader, &context)
                case .jsonLines, .json, .wrapped, .jsonSeq, .prefixedLines, .otlpLogs, .otlpLogsLines: return
                }
                return
            } catch {
                context.dropLine()
                if error == DecodeContext.cancellation || reader.readFailure != nil { return }
                context.report.skip(
                    reason(error), input: context.input, offset: error.offset, line: reader.line(at: error.offset), message: error.problem)
                guard format == .otlpLines else { return }
                do {
                    if !(try reader.resynchronizeAtNextLine()) { return }
                } catch {
                    return
                }
            }
        }
    }

    /// The skip reason of a JSON error (log records are skipped for the same reasons).
    static func reason(_ error: JSONError) -> SkipReason {
        switch error.reason {
        case .invalidUTF8: return .invalidUTF8
        case .nulByte: return .binaryData
        default: return .malformedJSON
        }
    }
}
