import CLoupeSearch

/// The token readers of `JSONScanner`: whitespace, strings (with UTF-8 validation), numbers and
/// the three literals. Each advances `p` past what it read or returns the error it found.
extension JSONScanner {
    /// Skips blanks; a newline too unless `newlineEnds` (a line scan stops there).
    @inline(__always)
    static func skipWhitespace(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ newlineEnds: Bool = false) {
        // Compact JSON has no whitespace: one comparison rules out every byte above the space,
        // and the loop stays out of line so the scanner's hot path stays small.
        if p < end && p.pointee <= 0x20 { skipWhitespaceBytes(&p, end, newlineEnds) }
    }

    @inline(never)
    static func skipWhitespaceBytes(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ newlineEnds: Bool) {
        while p < end {
            let c = p.pointee
            guard c == 0x20 || c == 0x0D || c == 0x09 || (c == 0x0A && !newlineEnds) else { return }
            p += 1
        }
    }

    /// Reads a string starting at its opening quote; leaves `p` just after the closing quote.
    @inline(__always)
    static func scanString(
        _ p: inout UnsafePointer<UInt8>, _ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ escaped: inout Bool
    ) -> JSONError? {
        var q = p + 1
        while true {
            q = loupe_skip_plain(q, end)
            guard q < end else { return JSONError(.unexpectedEnd, at: end - base) }
            let c = q.pointee
            if c == 0x22 {
                p = q + 1
                return nil
            }
            if c == 0x5C {
                escaped = true
                guard end - q >= 2 else { return JSONError(.unexpectedEnd, at: end - base) }
                switch q[1] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                    q += 2
                case 0x75:
                    guard end - q >= 6 else { return JSONError(.unexpectedEnd, at: end - base) }
                    for i in 2..<6 where JSONString.hexValue(q[i]) < 0 {
                        return JSONError(.invalidEscape, at: q - base)
                    }
                    q += 6
                default:
                    return JSONError(.invalidEscape, at: q - base)
                }
                continue
            }
            if c < 0x20 { return JSONError(c == 0 ? .nulByte : .controlCharacterInString, at: q - base) }
            if c < 0x80 {
                q += 1
                continue
            }
            let length = JSONString.validUTF8SequenceLength(q, end)
            if length == 0 { return JSONError(.invalidUTF8, at: q - base) }
            q += length
        }
    }

    /// The high bit of each byte of `w` that is '"', '\\', below 0x20 or above 0x7F.
    ///
    /// Word-at-a-time tests (SWAR): a borrow can only flag bytes above a true hit, so the lowest
    /// flag is exact. (Swift's SIMD16 comparisons compiled to per-lane loops here: measured
    /// 3x slower than this.)
    @inline(__always)
    static func specialBytes(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22)
        let backslash = w ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = (w &- ones &* 0x20) & ~w
        return (hasQuote | hasBackslash | hasControl | w) & high
    }

    /// Reads a number by the RFC 8259 grammar; what follows it is checked by the caller.
    @inline(__always)
    static func scanNumber(_ p: inout UnsafePointer<UInt8>, _ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> JSONError? {
        let start = p
        var q = p
        @inline(__always) func isDigit(_ q: UnsafePointer<UInt8>) -> Bool {
            q < end && q.pointee &- 0x30 < 10
        }
        if q.pointee == UInt8(ascii: "-") { q += 1 }
        guard isDigit(q) else { return JSONError(.invalidNumber, at: start - base) }
        if q.pointee == UInt8(ascii: "0") {
            q += 1
        } else {
            while isDigit(q) { q += 1 }
        }
        if q < end && q.pointee == UInt8(ascii: ".") {
            q += 1
            guard isDigit(q) else { return JSONError(.invalidNumber, at: start - base) }
            while isDigit(q) { q += 1 }
        }
        if q < end && (q.pointee | 0x20) == UInt8(ascii: "e") {
            q += 1
            if q < end && (q.pointee == UInt8(ascii: "+") || q.pointee == UInt8(ascii: "-")) { q += 1 }
            guard isDigit(q) else { return JSONError(.invalidNumber, at: start - base) }
            while isDigit(q) { q += 1 }
        }
        p = q
        return nil
    }

    /// Reads `true`, `false` or `null` at `p`.
    @inline(__always)
    static func scanLiteral(_ p: inout UnsafePointer<UInt8>, _ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Result<
        JSONKind, JSONError
    > {
        if matchLiteral(p, end, 0x74, 0x72, 0x75, 0x65, nil) {
            p += 4
            return .success(.true)
        }
        if matchLiteral(p, end, 0x66, 0x61, 0x6C, 0x73, 0x65) {
            p += 5
            return .success(.false)
        }
        if matchLiteral(p, end, 0x6E, 0x75, 0x6C, 0x6C, nil) {
            p += 4
            return .success(.null)
        }
        return .failure(literalError(p, base, end))
    }

    @inline(__always)
    static func matchLiteral(
        _ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, _ e: UInt8?
    ) -> Bool {
        let length = e == nil ? 4 : 5
        guard end - p >= length, p[0] == a, p[1] == b, p[2] == c, p[3] == d else { return false }
        if let e { return p[4] == e }
        return true
    }

    /// Reports a broken `true`/`false`/`null`: the end of input if it was a prefix, else the
    /// first byte that differs.
    static func literalError(_ p: UnsafePointer<UInt8>, _ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> JSONError {
        let words: [[UInt8]] = [Array("true".utf8), Array("false".utf8), Array("null".utf8)]
        let word = words.first { $0[0] == p.pointee }!
        for i in 0..<word.count {
            if p + i >= end { return JSONError(.unexpectedEnd, at: end - base) }
            if p[i] != word[i] { return JSONError(p[i] == 0 ? .nulByte : .unexpectedByte(p[i]), at: p + i - base) }
        }
        return JSONError(.unexpectedByte(p.pointee), at: p - base)
    }
}
