/// Whether an input's first lines are JSON lines with text before the JSON (see `LinePrefix`).
///
/// The rule, on whole lines that are not blank: the first such line has a prefix before an
/// object, or at least one of the first `probedLines` has and at least half of them do. A line
/// that starts with its JSON counts as not prefixed, so JSON lines with an odd line of text
/// stay JSON lines. A stream is decided as soon as the rule can be: after its first line when
/// that is prefixed (a live `kubectl logs -f` is not held up), else after `probedLines` lines.
enum PrefixedLinesProbe {
    static let probedLines = 16

    /// What the whole lines of `bytes` say; `decided` is false while more lines could change
    /// it (with `atEnd`, the bytes are all there are).
    static func probe(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> (prefixed: Bool, decided: Bool) {
        guard let base = bytes.baseAddress else { return (false, atEnd) }
        let end = base + bytes.count
        var lineStart = base
        var seen = 0
        var prefixed = 0
        while lineStart < end, seen < probedLines {
            let lineEnd = LineFraming.lineEnd(from: lineStart, end: end)
            // A line that the bytes cut is not judged.
            if lineEnd == end && !atEnd { break }
            var last = lineEnd
            while last > lineStart, [0x20, 0x09, 0x0D].contains((last - 1).pointee) { last -= 1 }
            if last > lineStart {
                let isPrefixed = (last - 1).pointee == UInt8(ascii: "}") && LinePrefix.jsonStart(lineStart, last) != nil
                if seen == 0 && isPrefixed { return (true, true) }
                seen += 1
                if isPrefixed { prefixed += 1 }
            }
            lineStart = lineEnd + 1
        }
        return (prefixed > 0 && prefixed * 2 >= seen, atEnd || seen >= probedLines)
    }
}
