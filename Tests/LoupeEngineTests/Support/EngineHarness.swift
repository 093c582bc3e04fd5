import LoupeIO
import LoupeJSON
import LoupeQuery

@testable import LoupeEngine

/// Runs compiled queries over records the way the pipeline does, for tests.
enum EngineHarness {
    static func program(_ query: String) throws -> Program {
        try Compiler.compile(Parser.parse(query))
    }

    /// The outcome of testing one record with `RecordEvaluator` alone (no prefilter).
    static func evaluate(_ query: String, _ record: String) throws -> RecordEvaluator.Outcome {
        var evaluator = RecordEvaluator(program: try program(query))
        let bytes = Array(record.utf8)
        return bytes.withUnsafeBufferPointer { evaluator.evaluate($0.baseAddress!, $0.count) }
    }

    /// Processes `lines` (joined with `\n`) as one chunk; the chunk's bytes are copied into a
    /// buffer the result keeps alive.
    static func process(_ program: Program, _ input: [UInt8], options: ScanOptions = ScanOptions()) -> ChunkResult {
        let buffer = OwnedBuffer(capacity: input.count)
        input.withUnsafeBufferPointer { buffer.pointer.update(from: $0.baseAddress!, count: $0.count) }
        let chunk = ByteChunk(base: UnsafePointer(buffer.pointer), count: input.count, inputOffset: 0, owner: buffer)
        return ChunkProcessor(program: program, options: options).process(chunk)
    }

    /// Indexes of the lines whose ranges `result.matches` holds.
    static func matchingLines(_ result: ChunkResult, lineStarts: [Int]) -> [Int] {
        result.matches.map { range in lineStarts.firstIndex(of: range.lowerBound) ?? -1 }
    }

    /// Joins lines with `\n` and returns the bytes and where each line starts.
    static func join(_ lines: [String]) -> (bytes: [UInt8], starts: [Int]) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for line in lines {
            starts.append(bytes.count)
            bytes += Array(line.utf8)
            bytes.append(0x0A)
        }
        return (bytes, starts)
    }

    /// The lines a query selects, two ways: through `ChunkProcessor` with the prefilter on
    /// (the grep path), and as the valid lines that `-v` (no prefilter) leaves out. The two
    /// must agree.
    static func select(_ query: String, _ lines: [String]) throws -> (grep: [Int], viaInvert: [Int]) {
        let program = try program(query)
        let (bytes, starts) = join(lines)
        let matched = matchingLines(process(program, bytes), lineStarts: starts)
        var inverted = ScanOptions()
        inverted.invert = true
        let unmatched = Set(matchingLines(process(program, bytes, options: inverted), lineStarts: starts))
        let valid = lines.indices.filter { i in
            var scanner = JSONScanner(paths: PathSet([]))
            let b = Array(lines[i].utf8)
            return !b.isEmpty && b.withUnsafeBufferPointer { scanner.scan($0.baseAddress!, count: $0.count) } == nil
        }
        return (matched, valid.filter { !unmatched.contains($0) })
    }
}
