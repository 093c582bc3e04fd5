import LoupeEngine

/// Prints matching lines exactly as they were, optionally prefixed with the file name and line
/// number, in the order they come.
///
/// On a terminal with colors on, the values the filter tested are highlighted; bytes that could
/// act on the terminal (CR between JSON tokens, C1 controls such as U+009B, a file name with
/// ESC in it) are shown escaped. Piped output is byte for byte. It prints every line it is
/// given: how many go out is the execution's to decide.
package struct LinePrinter: Sink {
    let writer: OutputWriter
    /// Prefix each line with its input's name.
    let fileNames: Bool
    let lineNumbers: Bool
    let color: Bool
    /// Flush after every batch (`--follow`: lines show as they come).
    let flushesEachBatch: Bool

    package init(writer: OutputWriter, fileNames: Bool, lineNumbers: Bool, color: Bool, flushesEachBatch: Bool = false) {
        self.writer = writer
        self.fileNames = fileNames
        self.lineNumbers = lineNumbers
        self.color = color
        self.flushesEachBatch = flushesEachBatch
    }

    package mutating func begin() throws(OutputError) {}

    package mutating func consume(_ batch: LineBatch) throws(OutputError) -> SinkDecision {
        let result = batch.result
        for i in 0..<batch.count {
            try writePrefix(file: batch.input, line: lineNumbers ? batch.lineNumber(i) : nil)
            let line = batch.line(i)
            if color || writer.isTerminal {
                try writeForTerminal(
                    line, lineOffset: result.matches[i].lowerBound,
                    highlights: color && i < result.highlights.count ? result.highlights[i] : [])
            } else {
                try writer.write(line)
            }
            try writer.write(byte: 0x0A)
        }
        if flushesEachBatch { try writer.flush() }
        return .continue
    }

    package mutating func finish() throws(OutputError) { try writer.flush() }

    /// Prints a record of a sorted or limited selection: the prefix and the bytes as they are,
    /// without colors.
    package func print(_ selected: SelectedLine) throws(OutputError) {
        var prefix = fileNames ? selected.input + ":" : ""
        if let line = selected.lineNumber { prefix += String(line) + ":" }
        try writer.write(prefix)
        try writer.write(selected.bytes)
        try writer.write(byte: 0x0A)
    }

    /// Writes `name:line:` (either part optional), colored when colors are on.
    func writePrefix(file: String, line: Int?) throws(OutputError) {
        if fileNames {
            let fileName = TerminalText.fileName(file, on: writer)
            try writer.write(color ? Colors.fileName + fileName + Colors.reset + Colors.separator + ":" + Colors.reset : fileName + ":")
        }
        if let line {
            try writer.write(
                color ? Colors.lineNumber + String(line) + Colors.reset + Colors.separator + ":" + Colors.reset : String(line) + ":")
        }
    }

    private func writeForTerminal(_ line: UnsafeRawBufferPointer, lineOffset: Int, highlights: [Range<Int>]) throws(OutputError) {
        let sorted = highlights.sorted { $0.lowerBound < $1.lowerBound }
        var next = 0
        var inside: Range<Int>?
        var i = 0
        while i < line.count {
            let byte = line[i]
            let at = lineOffset + i
            defer { i += 1 }
            if let current = inside, at == current.upperBound {
                try writer.write(Colors.reset)
                inside = nil
            }
            if inside == nil, next < sorted.count, sorted[next].lowerBound == at {
                inside = sorted[next]
                next += 1
                try writer.write(Colors.match)
            }
            while next < sorted.count, sorted[next].upperBound <= at { next += 1 }
            // Only a terminal gets control bytes escaped; piped output keeps every byte.
            guard writer.isTerminal else {
                try writer.write(byte: byte)
                continue
            }
            // A line end inside a record is a pretty-printed value's own (a line has none).
            if byte == 0x0A {
                try writer.write(byte: byte)
                continue
            }
            // U+0080...U+009F (UTF-8 C2 80...C2 9F) are C1 controls: U+009B acts as ESC [.
            if byte == 0xC2, i + 1 < line.count, (0x80...0x9F).contains(line[i + 1]) {
                try writer.write(TerminalText.escape(Unicode.Scalar(line[i + 1])))
                i += 1
                continue
            }
            try TerminalText.write(byte, to: writer)
        }
        if inside != nil { try writer.write(Colors.reset) }
    }
}
