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

    /// A file name as printed to `writer`: escaped on a terminal, where a name holding ESC
    /// could otherwise act on the screen.
    package static func fileName(_ name: String, on writer: OutputWriter) -> String {
        writer.isTerminal ? sanitize(name) : name
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

extension TerminalText {
    /// The columns a text takes on a terminal: two for East Asian wide and fullwidth
    /// characters and emoji, one for any other character (combining marks join theirs).
    package static func width(_ text: String) -> Int {
        var columns = 0
        for character in text {
            let wide = character.unicodeScalars.contains { scalar in
                scalar.properties.isEmojiPresentation || wideRanges.contains { $0.contains(scalar.value) }
            }
            columns += wide ? 2 : 1
        }
        return columns
    }

    /// Wide and fullwidth blocks (Unicode's East Asian Width W and F, the common ranges).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
