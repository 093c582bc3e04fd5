import Foundation
import LoupeQuery
import Testing

@testable import LoupeEngine

/// `level()`, `time()` and `message()` on the first record of every logger in
/// Tests/Fixtures/loggers (excerpts of the shared corpus and files written in each tool's shape;
/// PROVENANCE.md there). The expected values are worked out by hand from each record: the
/// time converted to UTC, the level by the table of `LogLevel`.
@Suite("Well-known fields of every logger")
struct LoggerTableTests {
    struct LoggerCase: CustomTestStringConvertible, Sendable {
        var file: String
        var level: String?
        var time: String?
        var message: String?

        init(_ file: String, level: String?, time: String?, message: String?) {
            self.file = file
            self.level = level
            self.time = time
            self.message = message
        }

        var testDescription: String { file }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/loggers")

    static let cases: [LoggerCase] = [
        LoggerCase(
            "humanlog_csharp-nlog_first8000", level: "warn", time: "2024-11-28T09:34:01.225731000Z",
            message: "High resource usage detected: CPU: 62.3%, Memory: 31.8%"),  // level Warn; time +09:00 to UTC
        LoggerCase(
            "humanlog_csharp-serilog-clef", level: "warn", time: "2024-11-12T07:36:11.376149000Z",
            message: "High resource usage detected: CPU 98.40%, Memory 67.12%"),  // @l WRN; @t; @m before @mt
        LoggerCase(
            "humanlog_golang-logrus_first10000", level: "info", time: "2024-11-28T09:41:00.000000000Z", message: "API request processed"),
        LoggerCase(
            "humanlog_golang-slog_first8000", level: "info", time: "2024-04-06T09:58:23.435979000Z", message: "using MySQL for metadata"),
        // offset +0900 without a colon
        LoggerCase("humanlog_golang-zap", level: "warn", time: "2024-11-12T05:13:36.574000000Z", message: "Slow response detected"),
        LoggerCase("humanlog_golang-zerolog", level: "info", time: "2024-11-12T05:17:27.000000000Z", message: "API request processed"),
        LoggerCase(
            "humanlog_java-log4j2", level: "info", time: "2024-11-15T10:02:14.400660000Z",
            message: "Request processed successfully in 147 ms"),
        // Level, Timestamp, Message capitalised
        LoggerCase("humanlog_java-logback", level: "debug", time: "2024-11-15T09:43:42.462781000Z", message: "Processing item {} of {}"),
        // level 50 on bunyan's scale
        LoggerCase(
            "humanlog_node-bunyan", level: "error", time: "2024-11-12T06:53:28.255010000Z", message: "Error: Invalid input parameters"),
        // level 30; time in epoch ms (1731391316698)
        LoggerCase("humanlog_node-pino", level: "info", time: "2024-11-12T06:01:56.698000000Z", message: "incoming request"),
        LoggerCase("humanlog_node-winston", level: "warn", time: "2024-11-12T05:59:27.393652000Z", message: "System resources running low"),
        LoggerCase(
            "humanlog_opentelemetry-structured", level: nil, time: "2024-11-15T14:12:53.000000000Z",
            message: "DELETE /api/v1/users processed"),  // no level field at all
        // Level is an object: passed over for Level.Name
        LoggerCase("humanlog_python-loguru", level: "debug", time: "2024-11-15T13:06:15.909549000Z", message: "Processing item 7 of 23"),
        LoggerCase("humanlog_ruby-semantic-logger", level: "error", time: "2024-11-15T10:16:20.486078000Z", message: "Operation failed"),
        LoggerCase("lnav_bunyan", level: "debug", time: "2023-03-24T14:26:16.243000000Z", message: "Found gitlabci-include package files"),
        // ts 1716723772.6014807 s, read exactly in decimal
        LoggerCase("lnav_caddy-access", level: "info", time: "2024-05-26T11:42:52.601480700Z", message: "handled request"),
        // EdgeStartTimestamp in ns; no level, no message
        LoggerCase("lnav_cloudflare-http-requests", level: nil, time: "2024-04-10T23:00:00.100000000Z", message: nil),
        // log.level as one dotted key; @timestamp
        LoggerCase("lnav_elastic-ecs", level: "debug", time: "2025-01-13T09:58:13.631000000Z", message: "this is a debug message num=39"),
        // created_at; no level, no message
        LoggerCase("lnav_gharchive-events", level: nil, time: "2024-01-01T15:00:00.000000000Z", message: nil),
        // PRIORITY "1" (alert); __REALTIME_TIMESTAMP in us as a string; MESSAGE
        LoggerCase(
            "lnav_journald", level: "fatal", time: "2018-08-21T14:04:21.221373000Z", message: "GPS Reference longitude: 7.358143333"),
        // lvl TRACE
        LoggerCase("lnav_json-with-invalid-line", level: "trace", time: "2013-09-06T20:00:48.124817000Z", message: "trace test"),
        // t.$date; s "I"
        LoggerCase("lnav_mongodb", level: "info", time: "2026-03-10T20:58:09.401000000Z", message: "Connection accepted"),
        LoggerCase(
            "lnav_muxed-syslog", level: nil, time: "2007-11-03T06:24:38.000000000Z",
            message: "Nov  3 09:23:38 veridian automount[7998]: lookup(file): lookup for foobar failed"),
        // @fields.lvl, @fields.msg
        LoggerCase("lnav_nested-json", level: "trace", time: "2013-09-06T20:00:48.124817000Z", message: "trace test"),
        // level 1 on Nextcloud's 0-4 scale
        LoggerCase("lnav_nextcloud", level: "info", time: "2023-10-01T02:39:09.000000000Z", message: "Tried to scan non file"),
        LoggerCase("lnav_pino", level: "info", time: "2025-04-24T22:08:37.537000000Z", message: "Charge request received."),
        // fields.message
        LoggerCase("lnav_rust-tracing", level: "info", time: "2025-10-28T19:15:10.821315000Z", message: "preparing to shave yaks"),
        // epoch ms; no level
        LoggerCase(
            "written_cloudwatch", level: nil, time: "2025-11-07T16:12:01.123000000Z", message: "START RequestId: 8c1a Version: $LATEST\n"),
        // severity ERROR; jsonPayload.message
        LoggerCase("written_gcloud", level: "error", time: "2025-11-07T16:12:01.123456000Z", message: "payment declined"),
        // 2025/11/07 16:12:01 in date; lvl WRN; short_message
        LoggerCase("written_go-log-slashes", level: "warn", time: "2025-11-07T16:12:01.000000000Z", message: "cache miss storm"),
        // time from _prefix; lvl eror; log
        LoggerCase("written_kubectl-prefix", level: "error", time: "2025-11-07T16:12:01.123456789Z", message: "upstream timed out"),
        // ms as a string
        LoggerCase("written_logback-jsonlayout", level: "error", time: "2025-11-07T16:12:01.123000000Z", message: "request failed"),
        LoggerCase(
            "written_logback-logstash", level: "info", time: "2025-11-07T16:12:01.123000000Z",
            message: "Started ShopApplication in 3.2 seconds"),
        // $time_local 07/Nov/2025:16:12:01 +0000
        LoggerCase("written_nginx-access", level: nil, time: "2025-11-07T16:12:01.000000000Z", message: nil),
        // ${longdate} with four fraction digits, no zone (UTC)
        LoggerCase("written_nlog", level: "warn", time: "2025-11-07T16:12:01.123400000Z", message: "Stock low for SKU 17"),
        // severity_number 13; timeUnixNano as a string
        LoggerCase("written_otel-severity-number", level: "warn", time: "2025-11-07T16:12:01.123456789Z", message: "disk 91% full"),
        // asctime with a comma; levelname WARNING
        LoggerCase("written_python-json-logger", level: "warn", time: "2025-11-07T16:12:01.123000000Z", message: "slow query"),
        // created in epoch s; levelno 40
        LoggerCase("written_python-logging-created", level: "error", time: "2025-11-07T16:12:01.123456000Z", message: "job %s failed"),
        // no @l: info (CLEF)
        LoggerCase("written_serilog-clef-info", level: "info", time: "2025-11-07T16:12:01.123456700Z", message: "Started {App}"),
        // Level Information; MessageTemplate
        LoggerCase("written_serilog-json", level: "info", time: "2025-11-07T16:12:01.123456700Z", message: "Processed {Count} items"),
    ]

    @Test(arguments: cases)
    func firstRecord(_ expected: LoggerCase) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(expected.file + ".jsonl"), encoding: .utf8)
        let first = try #require(text.split(separator: "\n").first.map(String.init))
        let program = try StageHarness.program("* | fields level(), time(), message()")
        let row = try #require(StageHarness.process(program, [first]).rows.first)
        #expect(row == [expected.level, expected.time, expected.message].map { $0.map(RowValue.string) ?? .null })
    }

    /// Every fixture file is in the table.
    @Test func everyFileIsCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }
        #expect(Set(files) == Set(Self.cases.map(\.file)))
    }
}
