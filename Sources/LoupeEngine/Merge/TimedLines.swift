import LoupeIO
import LoupeJSON
import LoupeQuery

/// One input's lines in order, each with its `time()`: what `TimeMerge` interleaves.
///
/// Holds one chunk of the input at a time (chunks end at line ends), so memory stays at a
/// chunk whatever the input's size. The current line is valid until the next `advance()`.
package final class TimedLines {
    private let source: any ByteChunkSource
    private var evaluator: RecordEvaluator
    private let timeSlot: Int
    private var chunk: ByteChunk?
    /// Offset of the current line in `chunk`, and of the next.
    private var lineStart = 0
    private var lineEnd = 0
    /// The current line (without its newline); nil at the end of the input.
    package private(set) var line: UnsafeBufferPointer<UInt8>?
    /// The current line's time in nanoseconds since the epoch; nil when it has none (not a
    /// record, or no candidate field holds a time).
    package private(set) var time: Int64?
    /// The current line's 0-based number and byte offset in the input.
    package private(set) var lineNumber = -1
    package private(set) var offset = 0

    /// `program` is `TimeMerge.timeProgram(...)`.
    package init(_ source: any ByteChunkSource, program: Program) {
        self.source = source
        evaluator = RecordEvaluator(program: program)
        timeSlot = program.timeFilter?.slot ?? 0
    }

    /// Moves to the next line; throws what reading the input throws.
    package func advance() throws(InputError) {
        lineStart = lineEnd
        while chunk == nil || lineStart >= chunk!.count {
            guard let next = try source.next() else {
                line = nil
                time = nil
                return
            }
            chunk = next
            lineStart = 0
        }
        let chunk = chunk!
        let start = chunk.base + lineStart
        let end = LineFraming.lineEnd(from: start, end: chunk.end)
        lineEnd = end - chunk.base + 1
        lineNumber += 1
        offset = chunk.inputOffset + lineStart
        line = UnsafeBufferPointer(start: start, count: end - start)
        time = readTime(start, end - start)
    }

    private func readTime(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        guard case .match = evaluator.evaluate(start, count) else { return nil }
        return TimeFilter.nanoseconds(evaluator.scanner.slots[timeSlot], evaluator.valueBase(start))
    }
}
