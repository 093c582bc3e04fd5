import LoupeIO
import LoupeQuery

/// `--merge`: interleaves the lines of several inputs by `time()` into one stream, as a k-way
/// merge over one `TimedLines` per input.
///
/// The order is that of a stable sort of all the timed lines by time, inputs taken in the
/// order given (ties go to the earlier input, and to the earlier line): exactly that when
/// each input is in time order, and a merge of the inputs' own orders when one is not. A line
/// without a time (not a record, or no time field) goes out right after the line before it in
/// its input; lines without a time at the start of an input go out first. Memory holds one
/// chunk per input and the run being built.
package final class TimeMerge {
    private let inputs: [TimedLines]
    private var started = false

    /// A stretch of consecutive lines of one input, in merged order.
    package struct Run {
        /// Which input the lines are from (its index in the order given).
        package var input: Int
        /// The lines, each with a newline.
        package var bytes: [UInt8]
        /// The 0-based number and the byte offset in its input of the run's first line.
        package var firstLine: Int
        package var offset: Int
    }

    package init(_ inputs: [TimedLines]) {
        self.inputs = inputs
    }

    /// The program that reads each line's `time()`: `--time-field`, or the well-known fields.
    package static func timeProgram(timeField: QueryPath?) -> Program {
        var options = Compiler.Options()
        options.timeField = timeField
        // The time filter's slot is `time()`'s; bounds that every time passes.
        options.since = Int64.min
        // A constant query: it compiles.
        return try! Compiler.compile(Query(filter: .all(SourceRange(0, 0)), stages: []), options: options)
    }

    /// The next run, of at most about `limit` bytes; nil when every input has ended.
    package func nextRun(limit: Int = 1 << 20) throws(InputError) -> Run? {
        if !started {
            started = true
            for input in inputs { try input.advance() }
        }
        // Lines without a time at the start of an input come first, input by input.
        while leading < inputs.count {
            if inputs[leading].line != nil, inputs[leading].time == nil {
                return try run(of: leading, limit: limit, alone: true)
            }
            leading += 1
        }
        guard let first = earliest() else { return nil }
        return try run(of: first, limit: limit, alone: false)
    }

    /// Inputs (in order) whose leading lines without a time have gone out.
    private var leading = 0

    /// Lines of input `index` while it stays the earliest, each with the untimed lines after
    /// it; `alone`: only the first line and those after it.
    private func run(of index: Int, limit: Int, alone: Bool) throws(InputError) -> Run {
        let input = inputs[index]
        var run = Run(input: index, bytes: [], firstLine: input.lineNumber, offset: input.offset)
        repeat {
            append(input.line!, to: &run.bytes)
            try input.advance()
            while let line = input.line, input.time == nil, run.bytes.count < limit {
                append(line, to: &run.bytes)
                try input.advance()
            }
        } while !alone && run.bytes.count < limit && input.line != nil && earliest() == index
        return run
    }

    /// The input whose current line has the earliest time (the first such input on a tie).
    private func earliest() -> Int? {
        var best: Int?
        for (i, input) in inputs.enumerated() {
            guard input.line != nil else { continue }
            // An untimed current line here only follows a run cut at `limit`: it goes first.
            guard let time = input.time else { return i }
            if let b = best, let bestTime = inputs[b].time, bestTime <= time { continue }
            best = i
        }
        return best
    }

    private func append(_ line: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: line)
        bytes.append(0x0A)
    }
}
