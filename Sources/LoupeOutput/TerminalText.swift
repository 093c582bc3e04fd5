/// Neutralizes bytes that would act on a terminal instead of being shown.
package enum TerminalText {
    /// Writes a byte, replacing control bytes (other than tab) with a visible escape.
    @inline(__always)
    package static func write(_ byte: UInt8, to writer: OutputWriter) throws(OutputError) {
        if byte < 0x20 && byte != 0x09 || byte == 0x7F {
            try writer.write(escape(Unicode.Scalar(byte)))
        } else {
            try writer.write(byte: byte)
        }
    }

    /// A file name as printed to `writer`: escaped on a terminal, where a name holding ESC
    /// could otherwise act on the screen.
    package static func fileName(_ name: String, on writer: OutputWriter) -> String {
        writer.isTerminal ? sanitize(name) : name
    }

    /// Text safe to print on a terminal with its line structure kept: like `sanitize`, but
    /// newlines and tabs stay (for csv, tsv and json output, which never carry colors).
    package static func sanitizeKeepingLineBreaks(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { CellText.isControl($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map { sanitize(String($0)) }.joined(separator: "\t")
        }.joined(separator: "\n")
    }

    /// Text safe to print on a terminal: control characters become `\r`, `\u001b` and so on.
    package static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: CellText.isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if CellText.isControl(scalar) {
                out += escape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// How a control character is shown: `\n`, `\r`, `\t`, else `\u001b` and the like.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return CellText.unicodeEscape(scalar)
        }
    }

    /// `bytes` with DEL and the C1 controls (UTF-8 C2 80...C2 9F) as `\u007f` and the like; nil
    /// when it holds none. In JSON they can only be inside strings, where the escape means the
    /// same; every other format already shows them escaped.
    static func escapingWideControls(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        guard bytes.contains(where: { $0 == 0x7F || $0 == 0xC2 }) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        var changed = false
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x7F {
                out += Array(escape("\u{7F}").utf8)
                changed = true
            } else if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) {
                out += Array(escape(Unicode.Scalar(bytes[i + 1])).utf8)
                changed = true
                i += 1
            } else {
                out.append(b)
            }
            i += 1
        }
        return changed ? out : nil
    }
}
