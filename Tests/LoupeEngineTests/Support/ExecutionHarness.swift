import LoupeIO
import LoupeQuery

@testable import LoupeEngine

/// Runs `QueryExecution` over inputs held in memory, for tests: every input is cut into chunks
/// of a few lines, and the sink writes down what it is given as text.
enum ExecutionHarness {
    /// What a run produced.
    struct Run {
        /// What the sink got, one string per record, count or row (see `RecordingSink`).
        var items: [String]
        var execution: QueryExecution
        var inputs: MemoryInputs
        var sink: RecordingSink
    }

    /// Runs `query` over `inputs` (name, lines), `linesPerChunk` lines to a chunk.
    static func run(
        _ query: String, _ inputs: [(String, [String])], linesPerChunk: Int = 1, settings: ExecutionSettings = ExecutionSettings()
    ) throws -> Run {
        let program = try Compiler.compile(Parser.parse(query))
        let execution = QueryExecution(program: program, settings: settings)
        let feed = MemoryInputs(inputs.map { ($0.0, MemoryChunks($0.1, linesPerChunk: linesPerChunk)) })
        var sink = RecordingSink()
        execution.run(into: &sink, observer: feed)
        return Run(items: sink.items, execution: execution, inputs: feed, sink: sink)
    }
}

/// An input's chunks held in memory, handed out in order; counts how many were taken.
final class MemoryChunks: ByteChunkSource {
    private let chunks: [[UInt8]]
    private var offset = 0
    private(set) var taken = 0
    private(set) var bytesDelivered = 0

    init(_ lines: [String], linesPerChunk: Int) {
        var chunks: [[UInt8]] = []
        var start = 0
        while start < lines.count {
            let end = min(start + max(1, linesPerChunk), lines.count)
            chunks.append(Array(lines[start..<end].map { $0 + "\n" }.joined().utf8))
            start = end
        }
        self.chunks = chunks
    }

    func next() throws(InputError) -> ByteChunk? {
        guard taken < chunks.count else { return nil }
        let bytes = chunks[taken]
        taken += 1
        let buffer = OwnedBuffer(capacity: bytes.count)
        buffer.pointer.update(from: bytes, count: bytes.count)
        defer {
            offset += bytes.count
            bytesDelivered += bytes.count
        }
        return ByteChunk(base: UnsafePointer(buffer.pointer), count: bytes.count, inputOffset: offset, owner: buffer)
    }
}

/// Hands the execution its inputs one by one and notes what it hears.
final class MemoryInputs: ExecutionObserver {
    let inputs: [(name: String, chunks: MemoryChunks)]
    /// Inputs handed out, and the names of those that ended, in order.
    private(set) var opened = 0
    private(set) var ended: [String] = []
    private(set) var chunksConsumed = 0
    /// An input ended on a `--strict` failure.
    private(set) var failedStrictly = false

    init(_ inputs: [(String, MemoryChunks)]) {
        self.inputs = inputs.map { (name: $0.0, chunks: $0.1) }
    }

    func nextInput() -> ExecutionInput? {
        guard opened < inputs.count else { return nil }
        let input = inputs[opened]
        opened += 1
        return ExecutionInput(name: input.name, source: .chunks(input.chunks), locator: LineLocator(countsEveryChunk: true), streamed: true)
    }

    func willConsume(_ result: ChunkResult, of input: ExecutionInput) {}

    func didConsume(_ result: ChunkResult, of input: ExecutionInput) {
        chunksConsumed += 1
    }

    func restarted(_ input: ExecutionInput, message: String) -> SinkDecision { .continue }

    func ended(_ input: ExecutionInput, _ end: InputEnd) -> SinkDecision {
        ended.append(input.name)
        if end.strictFailure != nil { failedStrictly = true }
        return .continue
    }

    func inputsDone() {}
}

/// Writes down each item as text: `input:line:record` for records (the line number with
/// `-n`), `count input n`, `row {json}` for each row of a table.
struct RecordingSink: Sink {
    typealias Failure = Never

    private(set) var items: [String] = []
    private(set) var begins = 0
    private(set) var finishes = 0

    mutating func begin() { begins += 1 }

    mutating func consume(_ item: QueryItem) -> SinkDecision {
        switch item {
        case .lines(let batch):
            for i in 0..<batch.count {
                let number = batch.result.matchNewlines.isEmpty ? "" : String(batch.lineNumber(i)) + ":"
                items.append(batch.input + ":" + number + String(decoding: batch.line(i), as: UTF8.self))
            }
        case .selected(let line):
            items.append(line.input + ":" + (line.lineNumber.map { String($0) + ":" } ?? "") + String(decoding: line.bytes, as: UTF8.self))
        case .count(let input, let n):
            items.append("count \(input) \(n)")
        case .rows(let set):
            items += set.rows.map { "row " + String(decoding: set.jsonLine($0), as: UTF8.self) }
        }
        return .continue
    }

    mutating func finish() { finishes += 1 }
}
