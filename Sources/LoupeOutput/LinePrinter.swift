import LoupeEngine

/// Prints matching lines exactly as they were, optionally prefixed with the file name and line
/// number, in input order.
///
/// On a terminal with colors on, the values the filter tested are highlighted; bytes that could
/// act on the terminal (CR between JSON tokens, C1 controls such as U+009B, a file name with
/// ESC in it) are shown escaped. Piped output is byte for byte.
package struct LinePrinter: Sink {
    /// One chunk's matches and the number of the chunk's first line.
    package typealias Batch = (result: ChunkResult, firstLine: Int)

    let writer: OutputWriter
    let fileName: String?
    let lineNumbers: Bool
    let color: Bool
    /// Stop after this many lines in total (`-m`).
    let maxCount: Int?
    package private(set) var printed = 0

    package init(writer: OutputWriter, fileName: String?, lineNumbers: Bool, color: Bool, maxCount: Int?, alreadyPrinted: Int = 0) {
        self.writer = writer
        self.fileName = fileName
        self.lineNumbers = lineNumbers
        self.color = color
        self.maxCount = maxCount
        printed = alreadyPrinted
    }

    package mutating func begin() throws(OutputError) {}

    package mutating func consume(_ batch: Batch) throws(OutputError) -> SinkDecision {
        let result = batch.result
        let base = result.chunk.base
        for (i, range) in result.matches.enumerated() {
            if let maxCount, printed >= maxCount { return .stop }
            try writePrefix(line: lineNumbers ? batch.firstLine + result.matchNewlines[i] : nil)
            let line = UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
            if color || writer.isTerminal {
                try writeForTerminal(
                    line, lineOffset: range.lowerBound, highlights: color && i < result.highlights.count ? result.highlights[i] : [])
            } else {
                try writer.write(line)
            }
            try writer.write(byte: 0x0A)
            printed += 1
        }
        if let maxCount, printed >= maxCount { return .stop }
        return .continue
    }

    package mutating func finish() throws(OutputError) { try writer.flush() }

    /// Writes `name:line:` (either part optional), colored when colors are on.
    func writePrefix(line: Int?) throws(OutputError) {
        if var fileName {
            if writer.isTerminal { fileName = TerminalText.sanitize(fileName) }
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
            // U+0080...U+009F (UTF-8 C2 80...C2 9F) are C1 controls: U+009B acts as ESC [.
            if byte == 0xC2, i + 1 < line.count, (0x80...0x9F).contains(line[i + 1]) {
                try writer.write(TerminalText.escape(line[i + 1]))
                i += 1
                continue
            }
            try TerminalText.write(byte, to: writer)
        }
        if inside != nil { try writer.write(Colors.reset) }
    }
}

/// Neutralizes bytes that would act on a terminal instead of being shown.
package enum TerminalText {
    /// Writes a byte, replacing control bytes (other than tab) with a visible escape.
    @inline(__always)
    package static func write(_ byte: UInt8, to writer: OutputWriter) throws(OutputError) {
        if byte < 0x20 && byte != 0x09 || byte == 0x7F {
            try writer.write(escape(byte))
        } else {
            try writer.write(byte: byte)
        }
    }

    /// Text safe to print on a terminal with its line structure kept: like `sanitize`, but
    /// newlines and tabs stay (for csv, tsv and json output, which never carry colors).
    package static func sanitizeKeepingLineBreaks(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { sanitize(String($0)) }.joined(separator: "\t")
        }.joined(separator: "\n")
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
    }

    /// Text safe to print on a terminal: control characters become `\r`, `\u001b` and so on.
    package static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) else {
            return text
        }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                out += String(decoding: escape(UInt8(truncatingIfNeeded: scalar.value), wide: scalar.value), as: UTF8.self)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func escape(_ byte: UInt8, wide: UInt32? = nil) -> [UInt8] {
        switch wide ?? UInt32(byte) {
        case 0x0A: return Array("\\n".utf8)
        case 0x0D: return Array("\\r".utf8)
        case 0x09: return Array("\\t".utf8)
        case let v:
            let hex = String(v, radix: 16)
            return Array(("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).utf8)
        }
    }
}
