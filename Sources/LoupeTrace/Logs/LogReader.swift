import LoupeIO
import LoupeJSON

/// The entry point for reading OTLP logs: the log records of one opened input, in input order.
///
/// Guarantees, as for spans (`TraceReader`): records stream out as they are read; a document
/// that is not JSON ends reading there (the skip is counted in the report), except in OTLP
/// logs lines, where only the broken line is skipped, with the records it held, and reading
/// resumes at the next line; an input cut short is counted as such. A log record has no
/// required field, so no record is skipped for what it lacks.
package enum LogReader {
    /// Streams the log records of `opened` to `sink`; `shouldStop`, asked before each record,
    /// ends reading early. Adds the input, its record count and its skips to `report`.
    package static func decode(
        _ opened: OpenedInput, format: InputFormat, report: inout ReadReport, shouldStop: () -> Bool = { false },
        sink: (LogRecord) -> Void
    ) {
        report.inputs.append(InputSummary(name: opened.name, format: format.rawValue))
        let input = report.inputs.count - 1
        var context = DecodeContext(policy: .all, report: report, input: input, sink: { _, _ in })
        var reader = JSONReader(opened)
        let lines = format.isLines
        reader.newlineEndsValue = lines
        var count = 0
        // The records of the line being read: they go out once the line proves whole.
        var held: [LogRecord] = []
        func send(_ record: LogRecord) throws(JSONError) {
            if shouldStop() { throw DecodeContext.cancellation }
            count += 1
            sink(record)
        }
        while true {
            do {
                while true {
                    let token = try reader.next()
                    if token == .endOfInput { break }
                    try OTLPLogsDecoder.document(token, &reader, &context) { (record: LogRecord) throws(JSONError) in
                        if lines { held.append(record) } else { try send(record) }
                    }
                    for record in held { try send(record) }
                    held = []
                }
                break
            } catch {
                held = []
                if error == DecodeContext.cancellation || reader.readFailure != nil { break }
                context.report.skip(
                    TraceReader.reason(error), input: input, offset: error.offset, line: reader.line(at: error.offset),
                    message: error.problem)
                guard lines else { break }
                do {
                    if !(try reader.resynchronizeAtNextLine()) { break }
                } catch {
                    break
                }
            }
        }
        if let failure = reader.readFailure {
            if failure.isCutShort {
                context.report.skip(.truncatedInput, input: input, offset: reader.offset, line: reader.line, message: failure.problem)
            } else {
                context.report.failures.append(failure.description)
            }
        }
        report = context.report
        report.logRecordsRead += count
        report.inputs[input].logRecords += count
    }
}
