/// What a query execution hands its sink, in output order. Nothing in it is text for the user
/// yet: the printer decides how each item looks.
package enum QueryItem {
    /// Matching records of one chunk, as they come in input order (grep mode).
    case lines(LineBatch)
    /// One record of a sorted or limited selection, in output order, once every input was read.
    case selected(SelectedLine)
    /// `-c`: how many records of an input matched, at the input's end (following an input:
    /// again each time the count changed, the last one at the end).
    case count(input: String, Int)
    /// The result table (following an input: again each time it changed).
    case rows(RowSet)
}

/// The matches of one chunk that go out: the first `count` of `result.matches`.
package struct LineBatch {
    /// The input's name as given (`-` for standard input).
    package var input: String
    /// The chunk's result: the matches' byte ranges, newlines before them (`-n`) and the
    /// ranges to highlight. The bytes live as long as the result.
    package var result: ChunkResult
    /// How many of the chunk's matches go out (`-m` and `limit` may cut a chunk short).
    package var count: Int
    /// The number of the chunk's first line.
    package var firstLine: Int

    package init(input: String, result: ChunkResult, count: Int, firstLine: Int) {
        self.input = input
        self.result = result
        self.count = count
        self.firstLine = firstLine
    }

    /// The bytes of match `i`, without its newline.
    package func line(_ i: Int) -> UnsafeRawBufferPointer {
        let range = result.matches[i]
        return UnsafeRawBufferPointer(start: result.chunk.base + range.lowerBound, count: range.count)
    }

    /// The line number of match `i` (with `-n`).
    package func lineNumber(_ i: Int) -> Int {
        firstLine + result.matchNewlines[i]
    }

    /// The JSON text of match `i` on one line, when it differs from the bytes printed (a
    /// framed record: a pretty value, a prefixed line); nil for a JSON line. Line ends inside
    /// a valid value are whitespace, so they become spaces and every offset stays the same.
    package func record(_ i: Int) -> [UInt8]? {
        guard let frames = result.chunk.frames, i < result.matchFrames.count else { return nil }
        let json = frames.json(of: frames.frames[result.matchFrames[i]], base: result.chunk.base)
        return UnsafeBufferPointer(start: json.start, count: json.count).map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
    }
}

/// A record kept for a record-level sort or limit, with where it came from.
package struct SelectedLine {
    /// The input's name as given.
    package var input: String
    /// Its line number, with `-n`.
    package var lineNumber: Int?
    /// The record's bytes, without its newline.
    package var bytes: [UInt8]
    /// Its JSON text on one line when that differs from `bytes` (see `LineBatch.record`).
    package var record: [UInt8]?

    package init(input: String, lineNumber: Int?, bytes: [UInt8], record: [UInt8]? = nil) {
        self.input = input
        self.lineNumber = lineNumber
        self.bytes = bytes
        self.record = record
    }
}
