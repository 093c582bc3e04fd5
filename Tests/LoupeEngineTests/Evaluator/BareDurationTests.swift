import Testing

@testable import LoupeEngine

/// A duration compared with a bare number in a field whose name does not say its unit: no
/// match, and the field is flagged once so that the run can say why (per worker, merged by the
/// consumer).
@Suite("Bare numbers against durations")
struct BareDurationTests {
    static func flagged(_ query: String, _ records: [String]) throws -> [String] {
        let program = try EngineHarness.program(query)
        let result = EngineHarness.process(program, EngineHarness.join(records).bytes)
        return result.bareDurations.map { program.paths.paths[$0.slot].description }
    }

    @Test func aBareNumberIsFlaggedByField() throws {
        #expect(try Self.flagged("duration > 250ms", [#"{"duration":312}"#]) == ["duration"])
        // Once per field, however many records and comparisons.
        #expect(
            try Self.flagged(
                "duration > 250ms or duration < 1ms or elapsed.total >= 2s",
                [#"{"duration":312,"elapsed":{"total":5}}"#, #"{"duration":1}"#]) == ["duration", "elapsed.total"])
        #expect(try Self.flagged("latency in [1s, 2s]", [#"{"latency":1}"#]) == ["latency"])
    }

    @Test func whatIsNotFlagged() throws {
        // The name says the unit; strings with a unit; other types; missing fields; numbers.
        #expect(try Self.flagged("duration_ms > 250ms", [#"{"duration_ms":312}"#]).isEmpty)
        #expect(try Self.flagged("duration > 250ms", [#"{"duration":"312ms"}"#, #"{"duration":null}"#, #"{"x":1}"#]).isEmpty)
        #expect(try Self.flagged("duration > 250ms", [#"{"duration":"312"}"#, #"{"duration":true}"#]).isEmpty)
        #expect(try Self.flagged("duration > 250", [#"{"duration":312}"#]).isEmpty)
    }

    /// The first comparison that met the bare number is kept, for the message.
    @Test func theComparisonIsKept() throws {
        let program = try EngineHarness.program("duration >= 1.5s")
        let result = EngineHarness.process(program, EngineHarness.join([#"{"duration":3}"#]).bytes)
        #expect(result.bareDurations.count == 1)
        #expect(result.bareDurations.first?.comparison == .greaterOrEqual)
        #expect(result.bareDurations.first?.nanoseconds == 1.5e9)
    }
}
