import LoupeIO
import LoupeTestSupport
import Testing

@testable import LoupeTrace

/// Decodes OTLP logs text, `step` bytes per read; returns the records and the report.
func decodeLogs(_ text: String, _ format: InputFormat, step: Int = 1 << 16) -> (records: [LogRecord], report: ReadReport) {
    var records: [LogRecord] = []
    var report = ReadReport()
    LogReader.decode(.memory(text, step: step), format: format, report: &report) { records.append($0) }
    return (records, report)
}

/// OTLP logs as query records: what each field is taken from, and how bad input is counted.
@Suite struct LogReaderTests {
    /// The shape of opentelemetry-proto's examples/logs.json, with snake_case names, base64 ids,
    /// a kvlist body, a resource and a scope written after their records.
    static let document = """
        {"resourceLogs": [
          {"scopeLogs": [
            {"logRecords": [
              {"timeUnixNano": "1544712660300000000", "observedTimeUnixNano": "1544712660400000000",
               "severityNumber": 10, "severityText": "Information",
               "traceId": "5B8EFFF798038103D269B633813FC60C", "spanId": "7uGbfsPBsXQ=",
               "body": {"stringValue": "Example log record"},
               "attributes": [{"key": "int.attribute", "value": {"intValue": "10"}},
                              {"key": "map.attribute", "value": {"kvlistValue": {"values": [{"key": "k", "value": {"stringValue": "v"}}]}}}]},
              {"time_unix_nano": "0", "observed_time_unix_nano": 1544712661000000000, "severity_number": "SEVERITY_NUMBER_WARN2",
               "body": {"kvlistValue": {"values": [{"key": "user", "value": {"stringValue": "u1"}}, {"key": "n", "value": {"intValue": "3"}}]}}}],
             "scope": {"name": "my.library", "version": "1.0.0"}}],
           "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "my.service"}},
                                       {"key": "host.name", "value": {"stringValue": "h1"}}]}},
          {"instrumentationLibraryLogs": [{"instrumentationLibrary": {"name": "old"}, "log_records": [
              {"severityNumber": 0, "body": {"arrayValue": {"values": [{"intValue": "1"}, {"boolValue": false}]}}}]}]}
        ]}
        """

    @Test(arguments: [1, 3, 15, 100, 65535, 65537])
    func recordsAtAwkwardBlockSizes(step: Int) {
        let (records, report) = decodeLogs(Self.document, .otlpLogs, step: step)
        #expect(report.skippedTotal == 0)
        #expect(report.logRecordsRead == 3)
        #expect(report.inputs.map(\.logRecords) == [3])
        #expect(
            records.map(\.record) == [
                #"{"time":"2018-12-13T14:51:00.300000000Z","observed_time":"2018-12-13T14:51:00.400000000Z","severity":"Information","#
                    + #""severity_number":10,"body":"Example log record","trace_id":"5b8efff798038103d269b633813fc60c","#
                    + #""span_id":"eee19b7ec3c1b174","service.name":"my.service","scope.name":"my.library","#
                    + #""attributes":{"int.attribute":10,"map.attribute":{"k":"v"}},"resource":{"host.name":"h1","service.name":"my.service"}}"#,
                // No event time: the observed time stands in; the severity is named from its number.
                #"{"time":"2018-12-13T14:51:01.000000000Z","observed_time":"2018-12-13T14:51:01.000000000Z","severity":"WARN2","#
                    + #""severity_number":14,"body":{"user":"u1","n":3},"trace_id":null,"span_id":null,"service.name":"my.service","#
                    + #""scope.name":"my.library","attributes":{},"resource":{"host.name":"h1","service.name":"my.service"}}"#,
                #"{"time":null,"observed_time":null,"severity":null,"severity_number":null,"body":[1,false],"trace_id":null,"#
                    + #""span_id":null,"service.name":null,"scope.name":"old","attributes":{},"resource":{}}"#,
            ])
    }

    @Test func severityNamesFollowTheDataModel() {
        let expected = [
            "TRACE", "TRACE2", "TRACE3", "TRACE4", "DEBUG", "DEBUG2", "DEBUG3", "DEBUG4", "INFO", "INFO2", "INFO3", "INFO4",
            "WARN", "WARN2", "WARN3", "WARN4", "ERROR", "ERROR2", "ERROR3", "ERROR4", "FATAL", "FATAL2", "FATAL3", "FATAL4",
        ]
        #expect((1...24).map { LogRecord.severityName(Int64($0)) } == expected)
        #expect(LogRecord.severityName(0) == nil)
        #expect(LogRecord.severityName(25) == nil)
        #expect(LogRecord.severityNumber(name: "SEVERITY_NUMBER_FATAL4") == 24)
        #expect(LogRecord.severityNumber(name: "SEVERITY_NUMBER_INFO") == 9)
        #expect(LogRecord.severityNumber(name: "SEVERITY_NUMBER_UNSPECIFIED") == 0)
        #expect(LogRecord.severityNumber(name: "17") == 17)
        #expect(LogRecord.severityNumber(name: "loud") == nil)
        // Text wins over the number; empty text does not.
        var record = LogRecord()
        record.severityNumber = 17
        #expect(record.severity == "ERROR")
        record.severityText = ""
        #expect(record.severity == "ERROR")
        record.severityText = "Error"
        #expect(record.severity == "Error")
    }

    /// One document per line: a broken line is skipped with its records, and reading goes on.
    @Test(arguments: [1, 4, 65536])
    func aBrokenLineCostsThatLineOnly(step: Int) {
        let line = #"{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"a"}},{"body":{"stringValue":"b"}}]}]}]}"#
        let text = line + "\n" + #"{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"lost"}},"# + "\n" + line + "\n"
        let (records, report) = decodeLogs(text, .otlpLogsLines, step: step)
        #expect(records.compactMap { if case .string(let s)? = $0.body { s } else { nil } } == ["a", "b", "a", "b"])
        #expect(report.skipped.map(\.reason) == [.malformedJSON])
        #expect(report.inputs.first?.skips.first?.line == 2)
    }

    /// A document that is not JSON ends reading there; what came before it is kept.
    @Test func aBrokenDocumentStopsReading() {
        let text = """
            {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"a"}}]}]}]}
            {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"b"}},]}]}]}
            """
        let (records, report) = decodeLogs(text, .otlpLogs)
        // "b" closed before the break: it is kept, without the resource it never reached.
        #expect(records.compactMap { if case .string(let s)? = $0.body { s } else { nil } } == ["a", "b"])
        #expect(report.skipped.map(\.reason) == [.malformedJSON])
    }

    /// A document cut anywhere keeps every record whose object closed before the cut, whether
    /// its resource and scope come before or after it (or not at all), and reads nothing that
    /// the whole document does not hold, in the same order. A cut document whose resource came
    /// after its records, or had none, lost every record before (probe finding).
    @Test(arguments: 0..<40)
    func aCutDocumentKeepsTheRecordsBeforeTheCut(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        var text = #"{"resourceLogs":["#
        var ends: [Int] = []
        var n = 0
        for r in 0..<Int.random(in: 1...3, using: &rng) {
            let resource = #""resource":{"attributes":[{"key":"service.name","value":{"stringValue":"s\#(r)"}}]}"#
            let placement = Int.random(in: 0..<3, using: &rng)  // before, after, none
            text += (r > 0 ? "," : "") + "{" + (placement == 0 ? resource + "," : "") + #""scopeLogs":["#
            for scope in 0..<Int.random(in: 1...2, using: &rng) {
                let scopeFirst = Bool.random(using: &rng)
                text += (scope > 0 ? "," : "") + "{" + (scopeFirst ? #""scope":{"name":"x"},"# : "") + #""logRecords":["#
                for k in 0..<Int.random(in: 0...4, using: &rng) {
                    text += (k > 0 ? "," : "") + #"{"body":{"stringValue":"r\#(n)"}}"#
                    ends.append(text.utf8.count)
                    n += 1
                }
                text += "]" + (scopeFirst ? "" : #","scope":{"name":"x"}"#) + "}"
            }
            text += "]" + (placement == 1 ? "," + resource : "") + "}"
        }
        text += "]}"
        let bodies = { (records: [LogRecord]) in records.compactMap { if case .string(let s)? = $0.body { s } else { nil } } }
        let whole = bodies(decodeLogs(text, .otlpLogs).records)
        #expect(whole == (0..<n).map { "r\($0)" })
        let bytes = Array(text.utf8)
        for _ in 0..<25 {
            let cut = Int.random(in: 1..<bytes.count, using: &rng)
            let got = bodies(decodeLogs(String(decoding: bytes[..<cut], as: UTF8.self), .otlpLogs).records)
            #expect(got.count >= ends.filter { $0 <= cut }.count, "seed \(seed), cut \(cut): \(got)")
            #expect(got == Array(whole.prefix(got.count)), "seed \(seed), cut \(cut)")
        }
    }

    /// Spans in a logs document, and other signals, are not log records.
    @Test func otherSignalsHoldNoLogRecords() {
        let (records, report) = decodeLogs(
            #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"ab"}]}]}]}{"resourceMetrics":[]}"#, .otlpLogs)
        #expect(records.isEmpty)
        #expect(report.skippedTotal == 0)
        #expect(InputMessages.noRecords(report.inputs[0]) == "(memory) holds no log records (read as OTLP JSON logs)")
    }
}
