import Testing

@testable import LoupeJSON

/// `scanLine`: the scan that also finds where its line ends. It may only ever accept a line
/// that `scan` accepts on its own, with the same values, and it must never read past a newline.
@Suite("Line scan")
struct LineScanTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        /// Where the line ends (the newline's offset, or the text's length); nil: not one valid line.
        let end: Int?
        var testDescription: String { text.debugDescription }
    }

    static let cases: [Case] = [
        Case(text: "{\"a\":1}\n{\"a\":2}\n", end: 7),
        Case(text: "{\"a\":1}", end: 7),
        Case(text: "{\"a\":1}  \r\n{}", end: 10),
        Case(text: "  {\"a\" : [1, {\"b\":null}] }\n", end: 26),
        Case(text: "\"just a string\"\nmore", end: 15),
        Case(text: "{\"a\":\n1}\n", end: nil),
        Case(text: "{\"a\"\n:1}\n", end: nil),
        Case(text: "{\"a\":1,\n\"b\":2}\n", end: nil),
        Case(text: "[1,\n2]", end: nil),
        Case(text: "{\"a\":\"x\ny\"}\n", end: nil),
        Case(text: "{\"a\":1} x\n", end: nil),
        Case(text: "{\"a\":1}{}\n", end: nil),
        Case(text: "\n{\"a\":1}\n", end: nil),
        Case(text: "   \n", end: nil),
        Case(text: "{\"a\":1", end: nil),
    ]

    @Test(arguments: cases)
    func findsTheLineEnd(_ c: Case) {
        let bytes = Array(c.text.utf8)
        var scanner = JSONScanner(paths: PathSet([path("a")]))
        let end = bytes.withUnsafeBufferPointer { b in
            scanner.scanLine(b.baseAddress!, limit: b.baseAddress! + b.count).map { $0 - b.baseAddress! }
        }
        #expect(end == c.end)
        guard let end else { return }
        // Whatever the line scan accepts, the exact scan of the same bytes accepts, with the same values.
        let describe = { (slot: ValueSlot) in "\(slot.kind) \(slot.start)..<\(slot.end)" }
        let lineSlots = scanner.slots.map(describe)
        let exact = scan(Array(bytes[..<end]), paths: [path("a")])
        #expect(exact.error == nil)
        #expect(exact.slots.map(describe) == lineSlots)
    }
}
