/// Whether the first lines of an input are JSON lines with text before the JSON (see
/// `LinePrefix`): at least one of the first `probedLines` whole lines that are not blank has
/// a prefix before an object, and at least half of them do. A line that starts with its JSON
/// counts as not prefixed, so JSON lines with an odd line of text stay JSON lines.
enum PrefixedLinesProbe {
    static let probedLines = 16

    static func holdsPrefixedLines(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let end = base + bytes.count
        var lineStart = base
        var seen = 0
        var prefixed = 0
        while lineStart < end, seen < probedLines {
            let lineEnd = LineFraming.lineEnd(from: lineStart, end: end)
            // A line cut by the end of the prefix is not judged (unless it is the only one).
            if lineEnd == end, seen > 0, bytes.count >= FormatDetector.sniffLength { break }
            var last = lineEnd
            while last > lineStart, [0x20, 0x09, 0x0D].contains((last - 1).pointee) { last -= 1 }
            if last > lineStart {
                seen += 1
                if (last - 1).pointee == UInt8(ascii: "}"), LinePrefix.jsonStart(lineStart, last) != nil { prefixed += 1 }
            }
            lineStart = lineEnd + 1
        }
        return prefixed > 0 && prefixed * 2 >= seen
    }
}
