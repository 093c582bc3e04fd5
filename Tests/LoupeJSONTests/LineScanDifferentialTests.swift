import LoupeTestSupport
import Testing

@testable import LoupeJSON

/// `scanLine` against the document scanner (`scan` of exactly the line's bytes, which reads byte
/// by byte): on random lines, valid and damaged, placed at random offsets with a random amount of
/// the next line after them, both must agree on validity, on the line's end and on every slot.
@Suite("Line scan, differential")
struct LineScanDifferentialTests {
    /// Path sets that track top-level keys, nested keys, dotted keys, indexes, containers and none.
    static let pathSets: [[String]] = [
        ["service"],
        ["a", "b.c", "x[1]", "msg"],
        ["a.b", "q", "é"],
        ["a[0].b", "x", "b"],
        [],
    ]

    @Test(arguments: 0..<pathSets.count)
    func agreesWithTheDocumentScanner(_ set: Int) {
        var random = SplitMix64(seed: 0x5EED_0000 + UInt64(set))
        let paths = Self.pathSets[set].map(path)
        var lineScanner = JSONScanner(paths: PathSet(paths))
        var reference = JSONScanner(paths: PathSet(paths))
        var failures = 0
        for round in 0..<4000 where failures < 5 {
            var line = Array(RandomJSON.line(&random).utf8)
            if random.next() % 2 == 0 { RandomJSON.damage(&line, &random) }
            // What follows the line in the buffer: nothing (the input ends), or a newline and
            // part of another line, so stage 1's blocks end anywhere relative to the input.
            var buffer = [UInt8](repeating: UInt8(ascii: "\""), count: Int(random.next() % 70))
            let offset = buffer.count
            buffer += line
            if random.next() % 4 != 0 {
                buffer.append(0x0A)
                let next = Array(RandomJSON.line(&random).utf8)
                buffer += next.prefix(Int(random.next() % UInt64(next.count + 1)))
            }
            buffer.withUnsafeBufferPointer { b in
                let base = b.baseAddress! + offset
                let limit = b.baseAddress! + b.count
                let lineLength = UnsafeBufferPointer(rebasing: b[offset...]).firstIndex(of: 0x0A) ?? (b.count - offset)
                let expectedError = reference.scan(base, count: lineLength)
                let end = lineScanner.scanLine(base, limit: limit)
                let context = "round \(round), line \(String(decoding: line, as: UTF8.self).debugDescription) bytes \(line)"
                guard (end == nil) == (expectedError != nil) else {
                    Issue.record("line scan says \(end == nil ? "invalid" : "valid"), scan says \(String(describing: expectedError)): \(context)")
                    failures += 1
                    return
                }
                guard let end else { return }
                if end - base != lineLength {
                    Issue.record("line ends at \(end - base), not \(lineLength): \(context)")
                    failures += 1
                }
                for (i, (got, want)) in zip(lineScanner.slots, reference.slots).enumerated() where !Self.same(got, want) {
                    Issue.record("slot \(i) (\(Self.pathSets[set][i])): \(got) != \(want): \(context)")
                    failures += 1
                }
            }
        }
    }

    /// Lines picked by hand around stage 1's edges: escapes across a 64-byte boundary, an escaped
    /// quote, a backslash ending the line, and the same line valid and broken.
    @Test(arguments: [
        (#"{"service":"a\"b","x":1}"#, true, true),
        (#"{"service":"a\\","x":1}"#, true, true),
        (#"{"service":"a\\\"","x":1}"#, true, true),
        (#"{"service":"plain"}"#, true, false),
        (#"{"service":"\u00e9t\u00E9"}"#, true, true),
        ("{\"service\":\"" + String(repeating: "x", count: 62) + #"\"y"}"#, true, true),
        ("{\"service\":\"" + String(repeating: "x", count: 61) + #"\\"}"#, true, true),
        (#"{"service":"a\x"}"#, false, false),
        (#"{"service":"a\u12G4"}"#, false, false),
        (#"{"service":"a\"#, false, false),
        ("{\"service\":\"a\tb\"}", false, false),
        (#"{"service":"a"b"}"#, false, false),
        (#"{"service":\"a"}"#, false, false),
    ])
    func handPicked(_ text: String, _ valid: Bool, _ escaped: Bool) {
        let bytes = Array(text.utf8) + [0x0A] + Array(#"{"service":"next"}"#.utf8)
        var scanner = JSONScanner(paths: PathSet([path("service")]))
        bytes.withUnsafeBufferPointer { b in
            let end = scanner.scanLine(b.baseAddress!, limit: b.baseAddress! + b.count)
            #expect((end != nil) == valid)
            if valid {
                #expect(end.map { $0 - b.baseAddress! } == text.utf8.count)
                #expect(scanner.slots[0].kind == .string)
                #expect(scanner.slots[0].escaped == escaped)
                #expect(scanner.slots[0].start == 12)
                #expect(scanner.slots[0].end == text.utf8.count - 2 - (text.hasSuffix(#"","x":1}"#) ? 6 : 0))
            }
        }
    }

    static func same(_ a: ValueSlot, _ b: ValueSlot) -> Bool {
        a.kind == b.kind && a.escaped == b.escaped && a.rank == b.rank && a.start == b.start && a.end == b.end
    }
}

/// Random JSON lines for the differential tests: keys and strings with every kind of escape,
/// non-ASCII text, strings longer than a 64-byte block, nesting, numbers, literals, blanks.
enum RandomJSON {
    static let keys = ["a", "b", "c", "x", "q", "msg", "service", "a.b", "b.c", "é", #"a\u0062"#, #"ser\"vice"#, #"\\"#, "k" + String(repeating: "y", count: 70)]
    static let pieces = [
        "plain", " ", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u00e9", "\\uD83D\\uDE00", "\\uFFFF", "é", "日本", "😀", "{", "}", "[", ":", ",",
        String(repeating: "z", count: 40),
    ]

    static func line<R: RandomNumberGenerator>(_ random: inout R) -> String {
        var out = ""
        // Most lines are compact or spaced with spaces only, as logs are; tabs and carriage
        // returns (valid blanks that stage 1 leaves to the full scanner) in one line of four.
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

    static func value<R: RandomNumberGenerator>(_ out: inout String, _ random: inout R, _ blanks: [String], depth: Int, object: Bool? = nil) {
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
            case 6: line.insert(contentsOf: [[0xFF], [0xC0, 0x80], [0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]][Int(random.next() % 6)], at: at)
            default: if at < line.count { line.remove(at: at) }
            }
        }
    }
}
