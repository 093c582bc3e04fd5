import LoupeQuery
import Testing

@testable import LoupeEngine

/// The well-known fields and the case functions in filters, group keys, buckets, `fields`
/// and `sort`, over records from several loggers at once.
@Suite("Well-known fields in queries")
struct WellKnownQueryTests {
    /// One record each of logrus, bunyan, Python, journald, OpenTelemetry, CLEF, and one
    /// without a level.
    static let mixed = [
        #"{"level":"info","msg":"a","time":"2025-11-07T16:00:30Z"}"#,
        #"{"level":50,"msg":"b","time":"2025-11-07T16:01:10.5Z"}"#,
        #"{"levelname":"WARNING","message":"c","asctime":"2025-11-07 16:00:59,999"}"#,
        #"{"PRIORITY":"2","MESSAGE":"d","__REALTIME_TIMESTAMP":"1762531200000001"}"#,
        #"{"severity_number":5,"body":"e","timeUnixNano":"1762531320000000000"}"#,
        #"{"@t":"2025-11-07T16:03:00Z","@mt":"f"}"#,
        #"{"note":"g","t":21.5}"#,
    ]

    static let filters: [(String, [String])] = [
        (#"level() >= "warn""#, ["b", "c", "d"]),
        (#"level() >= "WARNING""#, ["b", "c", "d"]),
        (#"level() < "info""#, ["e"]),
        (#"level() == "info""#, ["a", "f"]),
        (#"level() != "info""#, ["b", "c", "d", "e", "g"]),
        (#"level() in ["err", "critical"]"#, ["b", "d"]),
        ("level() == null", ["g"]),
        ("exists(level())", ["a", "b", "c", "d", "e", "f"]),
        ("time() >= 2025-11-07T16:01:00Z", ["b", "e", "f"]),
        ("time() < 2025-11-07T16:00:00.000002Z", ["d"]),
        ("time() == null", ["g"]),
        (#"message() == "c""#, ["c"]),
        (#"message() ~ /^[a-c]$/"#, ["a", "b", "c"]),
        (#"lower(level) == "info""#, ["a"]),
        (#"upper(levelname) == "WARNING""#, ["c"]),
    ]

    @Test(arguments: filters)
    func filter(_ query: String, _ expected: [String]) throws {
        let program = try StageHarness.program(query + " | fields message(), note")
        let rows = StageHarness.process(program, Self.mixed).rows
        #expect(rows.map { ($0[0] == .null ? $0[1] : $0[0]).plainText } == expected)
    }

    @Test func countByLevel() throws {
        let rows = try StageHarness.rows("* | count by level()", Self.mixed)
        #expect(
            rows == [[#""info""#, "2"], [#""error""#, "1"], [#""warn""#, "1"], [#""fatal""#, "1"], [#""debug""#, "1"], ["null", "1"]])
    }

    /// After count, `level()` is the column of names: equality with a name as normalised; an
    /// order is an error that says where to order levels instead.
    @Test func levelAfterCount() throws {
        let program = try StageHarness.program(#"* | count by level() | where level() in ["warning", "ERR"]"#)
        let set = try #require(Self.rowSet(program))
        #expect(set.rows.map { $0.map(\.jsonText) } == [[#""error""#, "1"], [#""warn""#, "1"]])
        #expect(throws: QueryError.self) { try StageHarness.program(#"* | count by level() | where level() >= "warn""#) }
    }

    @Test func bucketOfTime() throws {
        let rows = try StageHarness.rows("* | count by bucket(time(), 1m)", Self.mixed)
        #expect(
            rows == [
                [#""2025-11-07T16:00:00Z""#, "3"], [#""2025-11-07T16:01:00Z""#, "1"], [#""2025-11-07T16:02:00Z""#, "1"],
                [#""2025-11-07T16:03:00Z""#, "1"],
            ])
    }

    @Test func sortByTime() throws {
        let program = try StageHarness.program("time() != null | fields message(), time() | sort time()")
        let set = try #require(Self.rowSet(program))
        #expect(set.rows.map { $0[0].plainText } == ["d", "a", "c", "b", "e", "f"])
        #expect(set.columns == ["message()", "time()"])
    }

    @Test(arguments: [
        (#"contains(msg, "TIME", i)"#, ["Timeout", "timeouts", "TIMEOUT"]),
        (#"contains(msg, "time")"#, ["timeouts"]),
        (#"startswith(msg, "time", i)"#, ["Timeout", "timeouts", "TIMEOUT"]),
        (#"endswith(msg, "OUT", i)"#, ["Timeout", "TIMEOUT"]),
        (#"contains(message(), "Out", i)"#, ["Timeout", "timeouts", "TIMEOUT"]),
        (#"lower(msg) == "timeout""#, ["Timeout", "TIMEOUT"]),
        (#"upper(msg) == "ÉTÉ""#, ["été"]),
    ])
    func caseInsensitive(_ query: String, _ expected: [String]) throws {
        let lines = [#"{"msg":"Timeout"}"#, #"{"msg":"timeouts"}"#, #"{"msg":"TIMEOUT"}"#, #"{"msg":"été"}"#, #"{"msg":5}"#]
        let program = try StageHarness.program(query + " | fields msg")
        #expect(StageHarness.process(program, lines).rows.map { $0[0].plainText } == expected)
    }

    @Test func countByLower() throws {
        let rows = try StageHarness.rows("* | count by lower(level)", [#"{"level":"INFO"}"#, #"{"level":"info"}"#, #"{"level":"Info"}"#])
        #expect(rows == [[#""info""#, "3"]])
    }

    /// The first candidate that is not a time is passed over for the next.
    @Test(
        arguments: [
            (#"{"t":21.5,"time":"2025-11-07T16:12:01Z"}"#, "2025-11-07T16:12:01.000000000Z"),
            (#"{"ts":"fast","time":"2025-11-07T16:12:01Z"}"#, "2025-11-07T16:12:01.000000000Z"),
            (#"{"ts":null,"time":1762531921}"#, "2025-11-07T16:12:01.000000000Z"),
            (#"{"t":{"$date":"2025-11-07T16:12:01Z"}}"#, "2025-11-07T16:12:01.000000000Z"),
            (#"{"time":"fast","t":21.5}"#, nil),
            (#"{"ts":"2025-11-07T16:12:01\u005a"}"#, "2025-11-07T16:12:01.000000000Z"),
        ] as [(String, String?)])
    func timeCandidates(_ record: String, _ expected: String?) throws {
        let program = try StageHarness.program("* | fields time()")
        #expect(StageHarness.process(program, [record]).rows == [[expected.map(RowValue.string) ?? .null]])
    }

    @Test func unknownLevelIsAnError() throws {
        #expect(throws: QueryError.self) { try StageHarness.program(#"level() >= "loud""#) }
        let error = try #require(throws: QueryError.self) { try StageHarness.program(#"msg == "x" or level() == "loud""#) }
        #expect(error.range == SourceRange(25, 31))  // under "loud"
    }

    /// `--time-field` makes `time()` that field, read as the user names it.
    @Test func timeFieldOption() throws {
        var options = Compiler.Options()
        options.timeField = try Parser.parsePath("at")
        let program = try StageHarness.program("* | fields time()", options: options)
        let rows = StageHarness.process(program, [#"{"at":21.5,"ts":"2025-11-07T16:12:01Z"}"#]).rows
        #expect(rows == [[.string("1970-01-01T00:00:21.500000000Z")]])
    }

    static func rowSet(_ program: Program) -> RowSet? {
        guard case .rows(let plan) = program.plan else { return nil }
        let result = StageHarness.process(program, mixed)
        return plan.rowSet(groups: result.groups, projected: result.rows, approximate: false)
    }
}
