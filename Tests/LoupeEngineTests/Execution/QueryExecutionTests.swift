import Testing

@testable import LoupeEngine

/// `QueryExecution` on small inputs held in memory: exactly what goes to the sink, and how
/// much input is read when `limit`, `-m` or `-q` stop it.
@Suite("QueryExecution")
struct QueryExecutionTests {
    /// Three records each, one line to a chunk unless a test says otherwise.
    static let a = (0..<3).map { #"{"f":"a","i":\#($0 + 1)}"# }
    static let b = (0..<3).map { #"{"f":"b","i":\#($0 + 1)}"# }

    static func settings(_ change: (inout ExecutionSettings) -> Void) -> ExecutionSettings {
        var settings = ExecutionSettings()
        change(&settings)
        return settings
    }

    @Test func matchesGoOutInInputOrderWithTheirLineNumbers() throws {
        let lines = [#"{"level":"error","i":1}"#, #"{"level":"info","i":2}"#, "not json", #"{"level":"error","i":4}"#]
        for linesPerChunk in [1, 2, 4] {
            let run = try ExecutionHarness.run(
                #"level == "error""#, [("x", lines)], linesPerChunk: linesPerChunk, settings: Self.settings { $0.scan.lineNumbers = true })
            #expect(run.items == [#"x:1:{"level":"error","i":1}"#, #"x:4:{"level":"error","i":4}"#])
            #expect(run.execution.matched == 2)
            #expect(run.sink.begins == 1 && run.sink.finishes == 1)
        }
    }

    /// `limit` is for all inputs: the run stops at the Nth match, reads no further chunk and
    /// opens no further input.
    @Test(arguments: [1, 3])
    func limitStopsTheRunAtTheNthMatch(linesPerChunk: Int) throws {
        let run = try ExecutionHarness.run("* | limit 2", [("a", Self.a), ("b", Self.b)], linesPerChunk: linesPerChunk)
        #expect(run.items == ["a:" + Self.a[0], "a:" + Self.a[1]])
        #expect(run.execution.matched == 2)
        #expect(run.execution.stopped)
        #expect(run.inputs.inputs[0].chunks.taken == (linesPerChunk == 1 ? 2 : 1))
        #expect(run.inputs.opened == 1)
        #expect(run.inputs.ended == ["a"])
    }

    /// `-m` is for each input: each gives its first N matches, and is read no further.
    @Test func maxCountTakesTheFirstMatchesOfEachInput() throws {
        let run = try ExecutionHarness.run("* | limit 3", [("a", Self.a), ("b", Self.b)], settings: Self.settings { $0.maxCount = 2 })
        #expect(run.items == ["a:" + Self.a[0], "a:" + Self.a[1], "b:" + Self.b[0]])
        #expect(run.inputs.inputs.map(\.chunks.taken) == [2, 1])
        #expect(run.execution.matched == 3)
    }

    @Test func maxCountZeroPrintsNothingAndReadsOneChunkOfEach() throws {
        let run = try ExecutionHarness.run("*", [("a", Self.a), ("b", Self.b)], settings: Self.settings { $0.maxCount = 0 })
        #expect(run.items.isEmpty)
        #expect(run.inputs.inputs.map(\.chunks.taken) == [1, 1])
        #expect(run.execution.matched == 0)
    }

    /// `-c` counts every input, the limit for all of them together.
    @Test func countsArePerInputWithinTheLimit() throws {
        let run = try ExecutionHarness.run(
            "* | limit 4", [("a", Self.a), ("b", Self.b)], settings: Self.settings { $0.lineOutput = .count })
        #expect(run.items == ["count a 3", "count b 1"])
        #expect(run.execution.matched == 4)
    }

    /// `-q`: nothing goes out, and the first match ends the run.
    @Test func quietStopsAtTheFirstMatch() throws {
        let run = try ExecutionHarness.run(
            #"i >= 2"#, [("a", Self.a), ("b", Self.b)], settings: Self.settings { $0.lineOutput = .nothing })
        #expect(run.items.isEmpty)
        #expect(run.execution.matched == 1)
        #expect(run.inputs.inputs[0].chunks.taken == 2)
        #expect(run.inputs.opened == 1)
    }

    /// A sort decides at the end, over every input: its limit is for the sorted records,
    /// `-m` for each input's matches before it.
    @Test func sortedRecordsComeOutAtTheEnd() throws {
        let all = try ExecutionHarness.run("* | sort i desc, f | limit 4", [("a", Self.a), ("b", Self.b)])
        #expect(all.items == ["a:" + Self.a[2], "b:" + Self.b[2], "a:" + Self.a[1], "b:" + Self.b[1]])
        #expect(all.execution.matched == 4)
        let firstOfEach = try ExecutionHarness.run(
            "* | sort i desc, f | limit 3", [("a", Self.a), ("b", Self.b)], settings: Self.settings { $0.maxCount = 1 })
        #expect(firstOfEach.items == ["a:" + Self.a[0], "b:" + Self.b[0]])
        #expect(firstOfEach.inputs.inputs.map(\.chunks.taken) == [1, 1])
    }

    /// Sorting by a field of many types: null and missing first (in input order), then
    /// booleans, numbers by value, strings by bytes, objects and arrays by their text.
    @Test func sortOrdersMixedTypes() throws {
        let values = [#""b""#, "2", "null", "true", nil, #"{"x":1}"#, "10", #""a""#, "false", "[1]", "1.5", #""B""#]
        let lines = values.enumerated().map { i, v in v.map { #"{"i":\#(i),"v":\#($0)}"# } ?? #"{"i":\#(i)}"# }
        let ascending = try ExecutionHarness.run("* | sort v | fields i", [("x", lines)])
        #expect(ascending.items == [2, 4, 8, 3, 10, 1, 6, 11, 7, 0, 9, 5].map { #"row {"i":\#($0)}"# })
        let descending = try ExecutionHarness.run("* | sort v desc | fields i", [("x", lines)])
        #expect(descending.items == [5, 9, 0, 7, 11, 6, 1, 10, 3, 8, 2, 4].map { #"row {"i":\#($0)}"# })
    }

    @Test func stagesAfterALimitReadTheSelectedRecords() throws {
        let run = try ExecutionHarness.run("* | limit 4 | count by f", [("a", Self.a), ("b", Self.b)])
        #expect(run.items == [#"row {"f":"a","count":3}"#, #"row {"f":"b","count":1}"#])
        #expect(run.execution.matched == 4)
        let filtered = try ExecutionHarness.run("* | limit 4 | where i == 1", [("a", Self.a), ("b", Self.b)])
        #expect(filtered.items == ["a:" + Self.a[0], "b:" + Self.b[0]])
        #expect(filtered.execution.matched == 2)
    }

    @Test func aggregationMergesChunksThenRunsItsStages() throws {
        for linesPerChunk in [1, 2, 6] {
            let run = try ExecutionHarness.run(
                "i >= 2 | stats count(), sum(i) as total by f | where count > 1 | sort total desc",
                [("a", Self.a), ("b", Self.b + Self.b)],
                linesPerChunk: linesPerChunk)
            #expect(run.items == [#"row {"f":"b","count":4,"total":10}"#, #"row {"f":"a","count":2,"total":5}"#])
            #expect(run.execution.matched == 6)
        }
    }

    /// `fields ... | limit N` stops reading once N rows are there.
    @Test func projectionWithALimitStopsEarly() throws {
        let run = try ExecutionHarness.run("* | fields i | limit 2", [("a", Self.a), ("b", Self.b)])
        #expect(run.items == [#"row {"i":1}"#, #"row {"i":2}"#])
        #expect(run.inputs.inputs[0].chunks.taken == 2)
        #expect(run.inputs.opened == 1)
    }

    /// An aggregate without keys has one row even when nothing matched.
    @Test func anEmptyAggregationHasOneRow() throws {
        let run = try ExecutionHarness.run(#"f == "none" | stats count(), avg(i)"#, [("a", Self.a)])
        #expect(run.items == [#"row {"count":0,"avg(i)":null}"#])
        #expect(run.execution.matched == 0)
    }
}
