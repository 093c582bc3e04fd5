/// Random JSON lines for the differential tests: keys and strings with every kind of escape,
/// non-ASCII text, strings longer than a 64-byte block, nesting, numbers, literals, blanks.
enum RandomJSON {
    static let keys = [
        "a", "b", "c", "x", "q", "msg", "service", "a.b", "b.c", "é", #"a\u0062"#, #"ser\"vice"#, #"\\"#,
        "k" + String(repeating: "y", count: 70),
    ]
    static let pieces = [
        "plain", " ", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u00e9", "\\uD83D\\uDE00", "\\uFFFF", "é", "日本", "😀", "{", "}", "[", ":", ",",
        String(repeating: "z", count: 40),
    ]

    static func line<R: RandomNumberGenerator>(_ random: inout R) -> String {
        var out = ""
        // Most lines are compact or spaced with spaces only, as logs are; tabs and carriage
        // returns (valid blanks, but rare, which a fast path may leave to the byte scanner) in
        // one line of four.
        let blanks = [[""], ["", "", " "], ["", "", "", " ", "  \t", "\r"], [""]][Int(random.next() % 4)]
        value(&out, &random, blanks, depth: 0, object: random.next() % 5 != 0)
        return out
    }

    static func blank<R: RandomNumberGenerator>(_ out: inout String, _ random: inout R, _ blanks: [String]) {
        out += blanks[Int(random.next() % UInt64(blanks.count))]
    }

    static func string<R: RandomNumberGenerator>(_ out: inout String, _ random: inout R) {
        out += "\""
        for _ in 0..<Int(random.next() % 6) { out += pieces[Int(random.next() % UInt64(pieces.count))] }
        out += "\""
    }

    static func value<R: RandomNumberGenerator>(_ out: inout String, _ random: inout R, _ blanks: [String], depth: Int, object: Bool? = nil)
    {
        blank(&out, &random, blanks)
        let choice = object.map { $0 ? 0 : 1 } ?? Int(random.next() % (depth > 3 ? 6 : 8)) + 2
        switch choice {
        case 0, 8:
            out += "{"
            let count = Int(random.next() % 6)
            for i in 0..<count {
                if i > 0 { out += "," }
                blank(&out, &random, blanks)
                out += "\"" + keys[Int(random.next() % UInt64(keys.count))] + "\""
                blank(&out, &random, blanks)
                out += ":"
                value(&out, &random, blanks, depth: depth + 1)
            }
            blank(&out, &random, blanks)
            out += "}"
        case 1, 9:
            out += "["
            let count = Int(random.next() % 4)
            for i in 0..<count {
                if i > 0 { out += "," }
                value(&out, &random, blanks, depth: depth + 1)
            }
            out += "]"
        case 2, 3, 4:
            string(&out, &random)
        case 5:
            out += ["0", "-1", "12.5", "3e10", "-0.25E-3", "1234567890123"][Int(random.next() % 6)]
        default:
            out += ["true", "false", "null"][Int(random.next() % 3)]
        }
        blank(&out, &random, blanks)
    }

    /// One to three random edits: a cut, a flipped byte, or an inserted quote, backslash,
    /// newline, control byte or invalid UTF-8.
    static func damage<R: RandomNumberGenerator>(_ line: inout [UInt8], _ random: inout R) {
        for _ in 0..<Int(random.next() % 3) + 1 {
            let at = Int(random.next() % UInt64(line.count + 1))
            switch random.next() % 8 {
            case 0: line.removeSubrange(at...)
            case 1: if at < line.count { line[at] ^= UInt8(1 << (random.next() % 8)) }
            case 2: line.insert(UInt8(ascii: "\""), at: at)
            case 3: line.insert(UInt8(ascii: "\\"), at: at)
            case 4: line.insert(0x0A, at: at)
            case 5: line.insert(UInt8(random.next() % 0x20), at: at)
            case 6:
                line.insert(
                    contentsOf: [[0xFF], [0xC0, 0x80], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]][
                        Int(random.next() % 6)], at: at)
            default: if at < line.count { line.remove(at: at) }
            }
        }
    }
}
