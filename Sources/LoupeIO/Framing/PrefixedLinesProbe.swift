/// Whether an input's first lines are JSON lines with text before the JSON (see `LinePrefix`).
///
/// The first line (of the first `probedLines` that are not blank) that holds an object decides:
/// prefixed lines when text comes before the object, JSON lines when the line starts with it.
/// Lines of plain text before it (a banner, `web-1  | Starting`) are passed over; with no object
/// in the probed lines, the input is JSON lines (and its text lines bad lines). A stream is
/// decided as soon as that line has arrived, so a live `kubectl logs -f` is not held up.
enum PrefixedLinesProbe {
    static let probedLines = 16

    /// What the whole lines of `bytes` say; `decided` is false while more lines could change
    /// it (with `atEnd`, the bytes are all there are). With `lastLineCut`, the bytes are the
    /// detector's window and their last line goes on past it: its end is not seen, so text
    /// before a brace that opens an object decides (a 100 KB first line is no reason to read
    /// every line as a bad one).
    static func probe(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool, lastLineCut: Bool = false) -> (prefixed: Bool, decided: Bool) {
        guard let base = bytes.baseAddress else { return (false, atEnd) }
        let end = base + bytes.count
        var lineStart = base
        var seen = 0
        while lineStart < end, seen < probedLines {
            let lineEnd = LineFraming.lineEnd(from: lineStart, end: end)
            // A line that the bytes cut is not judged.
            if lineEnd == end && !atEnd { break }
            var first = lineStart
            while first < lineEnd, first.pointee == 0x20 || first.pointee == 0x09 { first += 1 }
            var last = lineEnd
            while last > first, [0x20, 0x09, 0x0D].contains((last - 1).pointee) { last -= 1 }
            if lineEnd == end && lastLineCut {
                return (LinePrefix.jsonStart(first, lineEnd) != nil, true)
            }
            if last > first {
                seen += 1
                if first.pointee == UInt8(ascii: "{") || first.pointee == UInt8(ascii: "[") { return (false, true) }
                if (last - 1).pointee == UInt8(ascii: "}"), LinePrefix.jsonStart(first, last) != nil { return (true, true) }
            }
            lineStart = lineEnd + 1
        }
        return (false, atEnd || seen >= probedLines)
    }
}
