/// Tells a plain-text log from JSON lines by the first block of an input, so that a query over
/// a file with no JSON record at all can say so instead of printing nothing.
///
/// It reads only the lines that start in the first `limit` bytes (64 KiB by default), so it
/// costs the same for a 1 KB and a 1 GB file and nothing per record. A line "may be a record"
/// when its first byte that is not a blank (space, tab, CR; a UTF-8 byte order mark at the
/// start of the input) is `{` or `[`: JSON lines hold objects, and arrays are let through too.
/// The probe never claims more than it saw: a line that could be JSON, anywhere in the block,
/// or a block of blank lines only, gives no finding.
package enum PlainTextProbe {
    /// How many leading bytes the probe looks at.
    package static let blockLength = 64 << 10
    /// How many characters of the first line a finding shows.
    package static let shownCharacters = 80

    /// What the probe found in a block whose lines are all text.
    package struct Finding: Equatable, Sendable {
        /// The first line that is not blank, without its line end and trailing blanks, cut to
        /// `shownCharacters` characters (then `...` follows). Not made safe for a terminal.
        package var firstLine: String
        /// How many lines (blank ones included) start in the bytes looked at.
        package var lines: Int
        /// True when every line of the buffer was looked at.
        package var examinedAll: Bool
    }

    /// Probes the lines of `buffer` (the first bytes of an input, ending at a line boundary or
    /// at the end of the input) that start in its first `limit` bytes; nil when one of them may
    /// be a JSON record, or when all of them are blank.
    package static func probe(_ buffer: UnsafeBufferPointer<UInt8>, limit: Int = blockLength) -> Finding? {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
        let end = base + buffer.count
        let stop = base + min(limit, buffer.count)
        var lineStart = base
        var lines = 0
        var first: (start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>)?
        lineStart += ByteOrderMark.length(buffer)
        while lineStart < stop {
            lines += 1
            let lineEnd = LineFraming.lineEnd(from: lineStart, end: end)
            var p = lineStart
            while p < lineEnd, isBlank(p.pointee) { p += 1 }
            if p < lineEnd {
                if p.pointee == UInt8(ascii: "{") || p.pointee == UInt8(ascii: "[") { return nil }
                if first == nil { first = (p, lineEnd) }
            }
            lineStart = lineEnd + 1
        }
        guard let first else { return nil }
        return Finding(firstLine: shown(first.start, first.end), lines: lines, examinedAll: lineStart >= end)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }

    /// The line as text, trailing blanks dropped, cut after `shownCharacters` characters.
    private static func shown(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> String {
        var last = end
        while last > start, isBlank((last - 1).pointee) { last -= 1 }
        // Enough bytes for the characters shown (4 bytes each, at most), and no more.
        let cap = shownCharacters * 4 + 4
        let cut = last - start > cap
        var text = String(decoding: UnsafeBufferPointer(start: start, count: cut ? cap : last - start), as: UTF8.self)
        if cut { text.removeLast() }  // may be a character cut in two
        guard cut || text.count > shownCharacters else { return text }
        return String(text.prefix(shownCharacters)) + "..."
    }
}
