import LoupeQuery
import Testing

@testable import LoupeEngine

/// `-m`, `limit` and `-q`, decided in one place: how many matches each chunk lets through,
/// and when the input or the run needs no more reading.
@Suite("MatchLimit")
struct MatchLimitTests {
    struct Case: Sendable, CustomStringConvertible {
        var query: String
        var maxCount: Int?
        var output = ExecutionSettings.LineOutput.lines
        /// Matches found in each chunk, input by input.
        var chunks: [[Int]]
        /// What `take` lets through, chunk by chunk.
        var taken: [[Int]]
        /// The chunk a worker stops at, and whether the run is done at the end.
        var chunkCap: Int?
        var done: Bool

        var description: String { "\(query) -m \(maxCount.map(String.init) ?? "-") \(output) \(chunks)" }
    }

    static let cases: [Case] = [
        Case(query: "*", chunks: [[3, 2]], taken: [[3, 2]], chunkCap: nil, done: false),
        Case(query: "* | limit 4", chunks: [[3, 3], [2]], taken: [[3, 1], [0]], chunkCap: 4, done: true),
        Case(query: "* | limit 4", maxCount: 2, chunks: [[3], [1, 5]], taken: [[2], [1, 1]], chunkCap: 2, done: true),
        Case(query: "*", maxCount: 2, chunks: [[1, 1, 1], [5]], taken: [[1, 1, 0], [2]], chunkCap: 2, done: false),
        // -c counts every input: the limit is for all of them, and does not end the run.
        Case(query: "* | limit 4", output: .count, chunks: [[3], [3]], taken: [[3], [1]], chunkCap: 4, done: false),
        Case(query: "*", output: .nothing, chunks: [[0, 1]], taken: [[0, 1]], chunkCap: 1, done: true),
        // After a sort the limit is for the sorted records: every match is kept.
        Case(query: "* | sort a | limit 2", chunks: [[3], [3]], taken: [[3], [3]], chunkCap: nil, done: false),
        Case(query: "* | sort a | limit 2", maxCount: 1, chunks: [[3], [3]], taken: [[1], [1]], chunkCap: nil, done: false),
        // An aggregation reads every record: -m does not apply.
        Case(query: "* | count", maxCount: 1, chunks: [[3]], taken: [[3]], chunkCap: nil, done: false),
    ]

    @Test(arguments: cases)
    func takesAndStops(_ c: Case) throws {
        var settings = ExecutionSettings()
        settings.maxCount = c.maxCount
        settings.lineOutput = c.output
        let program = try Compiler.compile(Parser.parse(c.query))
        var limit = MatchLimit(program: program, settings: settings)
        #expect(limit.chunkCap == c.chunkCap)
        var taken: [[Int]] = []
        for input in c.chunks {
            limit.beginInput()
            taken.append(input.map { limit.take($0) })
        }
        if case .rows = program.plan {
            // Rows are not taken one by one: every match joins the table.
            #expect(limit.perInput == nil && limit.streamed == nil)
        } else {
            #expect(taken == c.taken)
        }
        #expect(limit.done() == c.done)
    }

    @Test func sortedRecordsAreLimitedAtTheEnd() throws {
        let limit = MatchLimit(program: try Compiler.compile(Parser.parse("* | sort a | limit 2")), settings: ExecutionSettings())
        #expect(limit.selected(5) == 2)
        #expect(limit.selected(1) == 1)
    }

    @Test func aProjectionNeedsOnlyItsLimitsRows() throws {
        let limit = MatchLimit(program: try Compiler.compile(Parser.parse("* | fields a | limit 3")), settings: ExecutionSettings())
        #expect(!limit.done(rows: 2))
        #expect(limit.done(rows: 3))
    }
}
