import LoupeTestSupport
import Testing

@testable import LoupeJSON

/// `scanLine` against the document scanner (`scan` of exactly the line's bytes): on random lines,
/// valid and damaged, placed at random offsets with a random amount of the next line after them,
/// both must agree on validity, on the line's end and on every slot. A fast path for lines (a
/// SIMD stage 1 was tried, see the history of this file) must keep this passing; it caught
/// deliberately broken escape, UTF-8 and bracket checks in one.
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
            // part of another line, so that blocks of any width end anywhere relative to it.
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
                    Issue.record(
                        "line scan says \(end == nil ? "invalid" : "valid"), scan says \(String(describing: expectedError)): \(context)")
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

    /// Lines picked by hand around a SIMD reader's edges: escapes across a 64-byte boundary, an
    /// escaped quote, a backslash ending the line, and the same line valid and broken.
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
