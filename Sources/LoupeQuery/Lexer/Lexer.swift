/// Turns query text into tokens.
///
/// A `/` starts a regex only right after `~`, `!~` or `with` (elsewhere it divides), and a `-` before a
/// digit is a sign only where no value ends just before it (elsewhere it subtracts); a `-`
/// inside a name belongs to the name (`a-b` is one field, `a - b` a subtraction). Everything
/// else is context free.
package struct Lexer {
    private let bytes: [UInt8]
    private var position = 0
    private var previous: Token.Kind?

    package init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// All tokens of the query, ending with `.end`.
    package static func tokenize(_ text: String) throws(QueryError) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    package mutating func next() throws(QueryError) -> Token {
        skipWhitespace()
        let token = try lexToken()
        previous = token.kind
        return token
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private mutating func lexToken() throws(QueryError) -> Token {
        let start = position
        guard let c = peek() else { return Token(.end, SourceRange(start, start)) }
        // `parse PATH with /re/`: after the word `with` a slash starts a regex too.
        if c == UInt8(ascii: "/"), previous == .op("~") || previous == .op("!~") || previous == .identifier("with") {
            return try lexRegex()
        }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { return try lexString(quote: c) }
        // A minus right before a digit is a negative number's sign, unless a value ends just
        // before it: `x > -5` and `in [-1]` hold -5 and -1, `1-2` and `(a) -1` subtract.
        if isDigit(c) || (c == UInt8(ascii: "-") && peek(1).map(isDigit) == true && !previousEndsValue)
            || (c == UInt8(ascii: ".") && peek(1).map(isDigit) == true)
        {
            return try lexNumber()
        }
        if isNameStart(c) {
            position += 1
            while let b = peek(), isNameContinue(b) { position += 1 }
            return Token(.identifier(text(start, position)), SourceRange(start, position))
        }
        let twoByte: [String] = ["==", "!=", "<=", ">=", "!~", "&&", "||"]
        if let next = peek(1) {
            let pair = String(decoding: [c, next], as: UTF8.self)
            if twoByte.contains(pair) {
                position += 2
                return Token(.op(pair), SourceRange(start, position))
            }
        }
        if "<>~()[],.|*!=+-/%".utf8.contains(c) {
            position += 1
            return Token(.op(String(UnicodeScalar(c))), SourceRange(start, position))
        }
        // Non-ASCII bytes start names, so what is left here is one ASCII character.
        throw QueryError("unexpected character '\(text(start, start + 1))'", at: SourceRange(start, start + 1))
    }

    /// Whether the token before ends a value (a name, a constant, `)` or `]`), so that a `-`
    /// after it is the operator, not a sign.
    private var previousEndsValue: Bool {
        switch previous {
        case .identifier(let word)?: return !["and", "or", "not", "in"].contains(word)
        case .string?, .number?, .duration?, .timestamp?, .op(")")?, .op("]")?: return true
        default: return false
        }
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private func isNameStart(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c == 0x40 || c == 0x24 || c >= 0x80
    }

    private func isUnitByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c >= 0x80
    }

    private func isNameContinue(_ c: UInt8) -> Bool {
        isNameStart(c) || isDigit(c) || c == UInt8(ascii: "-")
    }

    // MARK: - Literals

    private mutating func lexString(quote: UInt8) throws(QueryError) -> Token {
        let start = position
        position += 1
        var value: [UInt8] = []
        while true {
            guard let c = peek() else {
                throw QueryError("unterminated string", at: SourceRange(start, position))
            }
            if c == quote {
                position += 1
                return Token(.string(String(decoding: value, as: UTF8.self)), SourceRange(start, position))
            }
            if c == UInt8(ascii: "\\") {
                let escapeStart = position
                guard let e = peek(1) else { throw QueryError("unterminated string", at: SourceRange(start, position + 1)) }
                position += 2
                switch e {
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "r"): value.append(0x0D)
                case UInt8(ascii: "b"): value.append(0x08)
                case UInt8(ascii: "f"): value.append(0x0C)
                case UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "\""), UInt8(ascii: "'"): value.append(e)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4(at: position) else {
                        throw QueryError("invalid \\u escape", at: SourceRange(escapeStart, min(position + 4, bytes.count)))
                    }
                    // A character beyond U+FFFF is written as a surrogate pair, as in JSON.
                    var length = 4
                    if scalar >= 0xD800 && scalar < 0xDC00, position + 6 <= bytes.count, bytes[position + 4] == 0x5C,
                        bytes[position + 5] == UInt8(ascii: "u"), let low = hex4(at: position + 6),
                        low >= 0xDC00 && low < 0xE000
                    {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        length = 10
                    }
                    guard let unicode = Unicode.Scalar(scalar) else {
                        throw QueryError("invalid \\u escape", at: SourceRange(escapeStart, position + 4))
                    }
                    position += length
                    value.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    throw QueryError("invalid escape '\\\(String(decoding: [e], as: UTF8.self))'", at: SourceRange(escapeStart, position))
                }
                continue
            }
            value.append(c)
            position += 1
        }
    }

    /// The value of four hex digits at `offset`, or nil (no sign, no fewer digits).
    private func hex4(at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for b in bytes[offset..<(offset + 4)] {
            guard let digit = UInt32(String(UnicodeScalar(b)), radix: 16) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private mutating func lexNumber() throws(QueryError) -> Token {
        let start = position
        if timestampLength() > 0 {
            position += timestampLength()
            return Token(.timestamp(text(start, position)), SourceRange(start, position))
        }
        if peek() == UInt8(ascii: "-") { position += 1 }
        while let c = peek(), isDigit(c) { position += 1 }
        if peek() == UInt8(ascii: "."), peek(1).map(isDigit) == true {
            position += 1
            while let c = peek(), isDigit(c) { position += 1 }
        }
        if let e = peek(), e | 0x20 == UInt8(ascii: "e") {
            var q = position + 1
            if q < bytes.count, bytes[q] == UInt8(ascii: "+") || bytes[q] == UInt8(ascii: "-") { q += 1 }
            if q < bytes.count, isDigit(bytes[q]) {
                position = q
                while let c = peek(), isDigit(c) { position += 1 }
            }
        }
        let numberText = text(start, position)
        guard let number = NumberLiteral(numberText) else {
            throw QueryError("invalid number '\(numberText)'", at: SourceRange(start, position))
        }
        // A unit is letters (µ included): `5ms-1ms` is a subtraction, `5ms2` two tokens.
        var unitEnd = position
        while unitEnd < bytes.count, isUnitByte(bytes[unitEnd]) { unitEnd += 1 }
        if unitEnd > position {
            let unit = text(position, unitEnd)
            guard let scale = Self.durationUnits[unit] else {
                throw QueryError("unknown duration unit '\(unit)' (use ns, us, ms, s, m, h or d)", at: SourceRange(position, unitEnd))
            }
            position = unitEnd
            var digits = numberText
            let ns = digits.withUTF8 { DurationScaling.nanoseconds($0, unit: UInt64(scale)) } ?? number.value * scale
            return Token(.duration(ns), SourceRange(start, position))
        }
        return Token(.number(number), SourceRange(start, position))
    }

    /// Nanoseconds per duration unit.
    package static let durationUnits: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9, "d": 86400e9,
    ]

    /// The length of an RFC 3339 date or date-time at the cursor (`2024-03-11`,
    /// `2024-03-11T08:00:00.5Z`, `2024-03-11T08:00:00+02:00`), or 0.
    private func timestampLength() -> Int {
        let pattern = Array("dddd-dd-dd".utf8)
        for (i, p) in pattern.enumerated() {
            guard let c = peek(i) else { return 0 }
            if p == UInt8(ascii: "d") ? !isDigit(c) : c != p { return 0 }
        }
        var length = pattern.count
        let timeChars = Set("0123456789:.TtZz+-".utf8)
        while let c = peek(length), timeChars.contains(c) { length += 1 }
        return length
    }

    private mutating func lexRegex() throws(QueryError) -> Token {
        let start = position
        position += 1
        var pattern: [UInt8] = []
        while true {
            guard let c = peek() else { throw QueryError("unterminated regex", at: SourceRange(start, position)) }
            if c == UInt8(ascii: "\\"), let next = peek(1) {
                // `\/` stands for a slash; every other escape goes to PCRE2 as written.
                if next != UInt8(ascii: "/") { pattern.append(c) }
                pattern.append(next)
                position += 2
                continue
            }
            position += 1
            if c == UInt8(ascii: "/") { break }
            pattern.append(c)
        }
        let flagsStart = position
        while let c = peek(), isNameContinue(c) { position += 1 }
        let flags = text(flagsStart, position)
        if let bad = flags.first(where: { !"imsx".contains($0) }) {
            throw QueryError("unknown regex flag '\(bad)' (use i, m, s or x)", at: SourceRange(flagsStart, position))
        }
        return Token(.regex(pattern: String(decoding: pattern, as: UTF8.self), flags: flags), SourceRange(start, position))
    }
}
