/// Writing JSON string literals: what every printer and the span records use.
extension JSONString {
    /// Appends `bytes` as a JSON string literal, quotes included, escaping what JSON requires
    /// (`"`, `\` and the control bytes; everything else, UTF-8 included, is copied as is).
    package static func appendQuoted(_ bytes: some Sequence<UInt8>, to output: inout [UInt8]) {
        // Strings and arrays hand over their bytes at once. Called across modules this function
        // is not specialized, and iterating a `String.UTF8View` through the generic witness cost
        // about 40 instructions a byte (callgrind, span records): most of a span query's time.
        let done: Void? = bytes.withContiguousStorageIfAvailable { appendQuoted(buffer: $0, to: &output) }
        if done != nil { return }
        output.append(0x22)
        for b in bytes {
            if needsEscape(b) { appendEscape(b, to: &output) } else { output.append(b) }
        }
        output.append(0x22)
    }

    /// `appendQuoted` over a buffer: runs without anything to escape are copied whole.
    package static func appendQuoted(buffer: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(0x22)
        var run = 0
        for i in 0..<buffer.count where needsEscape(buffer[i]) {
            if run < i { output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[run..<i])) }
            appendEscape(buffer[i], to: &output)
            run = i + 1
        }
        if run < buffer.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[run...])) }
        output.append(0x22)
    }

    @inline(__always)
    private static func needsEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x22 || b == 0x5C
    }

    /// The escape of one byte that `needsEscape`: the short forms JSON has, else `\u00XX`.
    private static func appendEscape(_ b: UInt8, to output: inout [UInt8]) {
        switch b {
        case 0x22: output.append(contentsOf: [0x5C, 0x22])
        case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: output.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: output.append(contentsOf: [0x5C, 0x72])
        case 0x09: output.append(contentsOf: [0x5C, 0x74])
        default:
            let hex: StaticString = "0123456789abcdef"
            let digits = hex.utf8Start
            output.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, digits[Int(b >> 4)], digits[Int(b & 0xF)]])
        }
    }
}
