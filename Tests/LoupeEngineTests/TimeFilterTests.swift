import LoupeJSON
import LoupeQuery
import Testing

@testable import LoupeEngine

@Suite("Time filter")
struct TimeFilterTests {
    /// A record, the filter's bounds and the verdict with the default time fields.
    static let verdictCases: [(String, Int64?, Int64?, String)] = [
        (#"{"ts":"2024-03-11T08:00:00Z"}"#, 1_710_144_000_000_000_000, nil, "inside"),
        (#"{"ts":"2024-03-11T07:59:59.999999999Z"}"#, 1_710_144_000_000_000_000, nil, "outside"),
        // until is exclusive.
        (#"{"ts":"2024-03-11T08:00:00Z"}"#, nil, 1_710_144_000_000_000_000, "outside"),
        (#"{"ts":"2024-03-11T07:59:59Z"}"#, nil, 1_710_144_000_000_000_000, "inside"),
        (#"{"ts":1710144000}"#, 1_710_144_000_000_000_000, 1_710_144_000_000_000_001, "inside"),
        (#"{"ts":1710144000.123}"#, 1_710_144_000_123_000_000, nil, "inside"),
        (#"{"ts":1710144000123}"#, 1_710_144_000_123_000_000, 1_710_144_000_123_000_001, "inside"),
        // The field is found by name, in order: ts, time, timestamp, @timestamp, ...
        (#"{"time":"2024-03-11T08:00:00Z"}"#, 1_710_144_000_000_000_000, nil, "inside"),
        (#"{"@timestamp":"2024-03-11T08:00:00Z"}"#, 1_710_144_000_000_000_000, nil, "inside"),
        (#"{"timestamp":1,"time":"2024-03-11T08:00:00Z"}"#, 1_710_144_000_000_000_000, nil, "inside"),
        // A candidate that is not a time (a number too small, a word, null) is passed over
        // for the next (`time()`, `WellKnownFields.time`).
        (#"{"ts":1,"time":"2024-03-11T08:00:00Z"}"#, 1_710_144_000_000_000_000, nil, "inside"),
        (#"{"ts":"soon","time":"2024-03-11T08:00:00Z"}"#, 1_710_144_000_000_000_000, nil, "inside"),
        (#"{"ts":null,"time":"2024-03-11T08:00:00Z"}"#, 1_710_144_000_000_000_000, nil, "inside"),
        (#"{"ts":"soon"}"#, 0, nil, "unreadable"),
        (#"{"ts":1}"#, 0, nil, "unreadable"),
        (#"{"msg":"no time"}"#, 0, nil, "unreadable"),
        (#"{"ts":"0001-01-01T00:00:00Z"}"#, 0, nil, "unreadable"),
        (#"{"ts":true}"#, 0, nil, "unreadable"),
        (#"{"ts":"2024-03-11T08:00:00\u005a"}"#, 1_710_144_000_000_000_000, nil, "inside"),
    ]

    @Test(arguments: verdictCases)
    func verdict(_ record: String, _ since: Int64?, _ until: Int64?, _ expected: String) throws {
        var options = Compiler.Options()
        options.since = since
        options.until = until
        let program = try StageHarness.program("*", options: options)
        let filter = try #require(program.timeFilter)
        var evaluator = RecordEvaluator(program: program)
        let bytes = Array(record.utf8)
        let verdict = try bytes.withUnsafeBufferPointer { buffer -> TimeFilter.Verdict in
            if case .invalid(let error) = evaluator.evaluate(buffer.baseAddress!, buffer.count) {
                throw StageHarness.HarnessError.invalid(error.description)
            }
            return filter.verdict(filter.timestamp(evaluator.scanner.slots, evaluator.valueBase(buffer.baseAddress!)))
        }
        #expect("\(verdict)" == expected)
    }

    /// `--time-field` replaces the default names.
    @Test func chosenField() throws {
        var options = Compiler.Options()
        options.since = 1_710_144_000_000_000_000
        options.timeField = try Parser.parsePath("event.when")
        let program = try StageHarness.program("*", options: options)
        let result = StageHarness.process(
            program,
            [
                #"{"event":{"when":"2024-03-11T09:00:00Z"},"ts":"2000-01-01"}"#,
                #"{"event":{"when":"2024-03-11T07:00:00Z"}}"#,
                #"{"ts":"2024-03-11T09:00:00Z"}"#,
                #"{"event.when":"2024-03-11T09:00:00Z"}"#,
            ])
        #expect(result.matchCount == 2)
        #expect(result.untimed == 1)
    }

    /// Records outside the window are not matches; unreadable ones are counted apart.
    @Test func countsThroughTheEngine() throws {
        var options = Compiler.Options()
        options.since = 1_710_144_000_000_000_000
        options.until = 1_710_144_060_000_000_000
        let program = try StageHarness.program("* | count", options: options)
        let result = StageHarness.process(
            program,
            [
                #"{"ts":"2024-03-11T08:00:00Z"}"#, #"{"ts":"2024-03-11T08:00:59Z"}"#, #"{"ts":"2024-03-11T08:01:00Z"}"#,
                #"{"ts":"2024-03-11T07:00:00Z"}"#, #"{"ts":"bad"}"#, #"{}"#,
            ])
        #expect(result.groups?.rows() == [[.number(2)]])
        #expect(result.untimed == 2)
    }
}
