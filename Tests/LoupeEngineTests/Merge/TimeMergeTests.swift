import LoupeIO
import LoupeTestSupport
import Testing

@testable import LoupeEngine

/// `--merge`'s interleaving: exact orders worked out by hand on small inputs, read at awkward
/// chunk and read sizes, and the rule as a property (a merge of sorted inputs is a stable sort
/// of their concatenation by time).
@Suite("Merge by time")
struct TimeMergeTests {
    /// The merged lines, each as `input:line`, reading every input `step` bytes at a time in
    /// chunks of about `chunk` bytes.
    static func merged(_ inputs: [[String]], step: Int = 5, chunk: Int = 16, limit: Int = 1 << 20) throws -> [String] {
        let program = TimeMerge.timeProgram(timeField: nil)
        let lines = inputs.map { input in
            let bytes = Array(input.map { $0 + "\n" }.joined().utf8)
            let opened = OpenedInput(name: "x", body: .stream(SteppedStream(bytes, step: step)))
            return TimedLines(ChunkReader(opened, chunkSize: chunk), program: program)
        }
        let merge = TimeMerge(lines)
        var out: [String] = []
        while let run = try merge.nextRun(limit: limit) {
            let text = String(decoding: run.bytes, as: UTF8.self)
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
                out.append("\(run.input):\(run.firstLine + i + 1):\(line)")
            }
        }
        return out
    }

    static let a = [
        #"{"ts":"2025-11-07T16:00:01Z","m":"a1"}"#, "not json", #"{"ts":"2025-11-07T16:00:03Z","m":"a3"}"#,
        #"{"ts":"2025-11-07T16:00:05Z","m":"a5"}"#,
    ]
    static let b = [
        #"{"m":"b-lead"}"#, #"{"time":1762531202000,"m":"b2"}"#, #"{"time":1762531203000,"m":"b3"}"#, #"{"m":"b-untimed"}"#,
        #"{"time":1762531206000,"m":"b6"}"#,
    ]

    /// By hand: b's leading untimed line first; then by time, a before b on the tie at :03;
    /// "not json" and "b-untimed" right after the line before them in their file.
    static let expected = [
        #"1:1:{"m":"b-lead"}"#, #"0:1:{"ts":"2025-11-07T16:00:01Z","m":"a1"}"#, "0:2:not json",
        #"1:2:{"time":1762531202000,"m":"b2"}"#, #"0:3:{"ts":"2025-11-07T16:00:03Z","m":"a3"}"#,
        #"1:3:{"time":1762531203000,"m":"b3"}"#, #"1:4:{"m":"b-untimed"}"#, #"0:4:{"ts":"2025-11-07T16:00:05Z","m":"a5"}"#,
        #"1:5:{"time":1762531206000,"m":"b6"}"#,
    ]

    @Test(arguments: [(1, 1), (3, 7), (5, 16), (64, 1 << 16)])
    func interleavesByHand(_ step: Int, _ chunk: Int) throws {
        #expect(try Self.merged([Self.a, Self.b], step: step, chunk: chunk) == Self.expected)
    }

    /// Runs cut at a byte limit give the same lines in the same order.
    @Test func cutRunsKeepTheOrder() throws {
        #expect(try Self.merged([Self.a, Self.b], limit: 1) == Self.expected)
    }

    @Test func differentFormatsAndOneInput() throws {
        let python = [#"{"asctime":"2025-11-07 16:00:02,500","message":"p"}"#]
        let nginx = [#"{"time_local":"07/Nov/2025:16:00:02 +0000","request":"n"}"#]
        let journald = [#"{"__REALTIME_TIMESTAMP":"1762531202250000","MESSAGE":"j"}"#]
        #expect(
            try Self.merged([python, nginx, journald]) == [
                #"1:1:{"time_local":"07/Nov/2025:16:00:02 +0000","request":"n"}"#,
                #"2:1:{"__REALTIME_TIMESTAMP":"1762531202250000","MESSAGE":"j"}"#,
                #"0:1:{"asctime":"2025-11-07 16:00:02,500","message":"p"}"#,
            ])
        #expect(try Self.merged([Self.a]).count == 4)
        #expect(try Self.merged([[], []]).isEmpty)
    }

    /// The rule: k inputs, each sorted by time (with ties), merge into a stable sort of their
    /// concatenation by time.
    @Test(arguments: 0..<40)
    func equalsStableSortOfTheConcatenation(_ seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let k = Int.random(in: 1...5, using: &random)
        var inputs: [[(time: Int, line: String)]] = []
        for i in 0..<k {
            var t = Int.random(in: 0..<5, using: &random)
            inputs.append(
                (0..<Int.random(in: 0...12, using: &random)).map { j in
                    t += Int.random(in: 0...2, using: &random)
                    return (t, #"{"ts":\#(1_762_531_200 + t),"id":"\#(i)-\#(j)"}"#)
                })
        }
        let concatenation = inputs.enumerated().flatMap { i, lines in lines.enumerated().map { (i, $0 + 1, $1) } }
        // A stable sort: Swift's sort is stable.
        let sorted = concatenation.sorted { $0.2.time < $1.2.time }.map { "\($0.0):\($0.1):\($0.2.line)" }
        let step = Int.random(in: 1...40, using: &random)
        let chunk = Int.random(in: 1...200, using: &random)
        #expect(try Self.merged(inputs.map { $0.map(\.line) }, step: step, chunk: chunk) == sorted)
    }
}
