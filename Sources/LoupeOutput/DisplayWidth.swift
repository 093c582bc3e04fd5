/// How many terminal columns text takes, and how to cut or wrap it to a number of columns.
///
/// Guarantees: East Asian wide and fullwidth characters and emoji count 2 columns, combining
/// marks and other zero-width characters 0, every other character 1; ANSI escape sequences
/// (`ESC [ … m`) count 0 and are kept whole by `truncated` and `wrapped`, with a reset added
/// when a cut falls inside a styled run. Nothing here ever returns text wider than asked,
/// unless a single character is wider than the whole width.
package enum DisplayWidth {
    /// The columns `text` takes on a terminal.
    package static func of(_ text: String) -> Int {
        var width = 0
        forEachShown(text) { width += columns($0) }
        return width
    }

    /// Calls `body` with each character of `text` outside its escape sequences.
    private static func forEachShown(_ text: String, _ body: (Character) -> Void) {
        var inEscape = false
        for character in text {
            if inEscape {
                if character == "m" { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                body(character)
            }
        }
    }

    /// The columns one character takes: 2, 1 or 0.
    package static func columns(_ character: Character) -> Int {
        var zeroWidth = true
        for scalar in character.unicodeScalars {
            if scalar.properties.isEmojiPresentation || isWide(scalar.value) { return 2 }
            if !isZeroWidth(scalar) { zeroWidth = false }
        }
        return zeroWidth ? 0 : 1
    }

    /// `text` cut to at most `width` columns, ending in `…` when something was cut.
    package static func truncated(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        var inEscape = false
        var styled = false
        var escape = ""
        for character in text {
            if inEscape {
                escape.append(character)
                if character == "m" {
                    inEscape = false
                    out += escape
                    styled = escape != "\u{1B}[0m"
                }
                continue
            }
            if character == "\u{1B}" {
                inEscape = true
                escape = "\u{1B}"
                continue
            }
            let w = columns(character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…" + (styled ? "\u{1B}[0m" : "")
    }

    /// `text` without its escape sequences.
    package static func stripped(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        var out = ""
        forEachShown(text) { out.append($0) }
        return out
    }

    /// `text` padded with spaces on the right (or the left) to `width` columns.
    package static func padded(_ text: String, to width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(text)))
        return right ? fill + text : text + fill
    }

    /// `text` broken at spaces into lines of at most `width` columns (the first line at most
    /// `first`); a word wider than a line is broken between characters. Words joined by `together` (a
    /// no-break space) stay on one line when they fit on one, and are broken there when not.
    /// Plain text only (no escape sequences).
    package static func wrapped(_ text: String, to width: Int, first: Int? = nil) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var limit = max(1, first ?? width)
        var words = Array(text.split(separator: " ", omittingEmptySubsequences: true).map(String.init).reversed())
        while let word = words.popLast() {
            let w = of(word)
            if lineWidth > 0 && lineWidth + 1 + w <= limit {
                line += " " + word
                lineWidth += 1 + w
                continue
            }
            if w > limit && word.contains(together) {
                // Too wide even alone: break it at its no-break spaces.
                words += word.split(separator: together, omittingEmptySubsequences: true).map(String.init).reversed()
                continue
            }
            if lineWidth > 0 || !lines.isEmpty || !line.isEmpty {
                lines.append(line)
                limit = width
            }
            if w > limit {
                // A word wider than a line (a URL, a sentence without spaces): cut it into
                // pieces that fill lines; the last piece goes on like a word.
                var pieces = split(word, every: min(limit, width))
                line = pieces.removeLast()
                lines += pieces
            } else {
                line = word
            }
            lineWidth = of(line)
        }
        lines.append(line)
        return lines.map { $0.contains(together) ? String($0.map { $0 == together ? " " : $0 }) : $0 }
    }

    /// `text` in pieces of at most `width` columns (a character wider than that alone).
    private static func split(_ text: String, every width: Int) -> [String] {
        var pieces: [String] = []
        var piece = ""
        var used = 0
        for character in text {
            let w = columns(character)
            if used + w > width && !piece.isEmpty {
                pieces.append(piece)
                piece = ""
                used = 0
            }
            piece.append(character)
            used += w
        }
        pieces.append(piece)
        return pieces
    }

    /// The no-break space that `wrapped` keeps words together with.
    package static let together: Character = "\u{00A0}"

    /// `text` with its spaces made no-break spaces, so `wrapped` keeps it on one line when it can.
    package static func keptTogether(_ text: String) -> String {
        String(text.map { $0 == " " ? together : $0 })
    }

    /// Unicode East Asian Width W and F, the ranges that occur in text.
    private static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// Combining marks, format characters (zero width space and joiner) and variation
    /// selectors take no column of their own.
    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return (0xFE00...0xFE0F).contains(scalar.value) || scalar.value == 0x200B
        }
    }
}
