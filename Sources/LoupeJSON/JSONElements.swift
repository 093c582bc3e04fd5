/// The elements of an array value that a scan already validated, one `ValueSlot` each: what
/// `[*]` in a query ranges over.
///
/// It trusts its input (the scanner validated the record, and an array slot spans exactly one
/// array), so it only finds where each element starts and ends; nested containers are skipped
/// with a depth count, not a recursion, so deep input cannot overflow the stack.
package enum JSONElements {
    /// Calls `body` with each element of the array that `array` (an `.array` slot) spans in
    /// the bytes at `base`, in order, until `body` returns true; returns whether one did.
    /// Slots are relative to `base`, as the scanner's are: a string's range excludes its quotes.
    package static func contains(
        _ array: ValueSlot, in base: UnsafePointer<UInt8>, where body: (ValueSlot) -> Bool
    ) -> Bool {
        guard array.kind == .array else { return false }
        return contains(array, in: base, alsoSeparatedBy: UInt8(ascii: ","), where: body)
    }

    /// `contains` over a container whose items are separated by commas or by `separator`, and
    /// closed by `]` or `}` (an object read with `:` as a separator gives keys and values in turn).
    static func contains(
        _ container: ValueSlot, in base: UnsafePointer<UInt8>, alsoSeparatedBy separator: UInt8, where body: (ValueSlot) -> Bool
    ) -> Bool {
        let array = container
        let end = base + array.end
        var p = base + array.start + 1
        while true {
            JSONScanner.skipWhitespace(&p, end)
            guard p < end, p.pointee != UInt8(ascii: "]"), p.pointee != UInt8(ascii: "}") else { return false }
            let element = read(&p, base, end)
            if body(element) { return true }
            JSONScanner.skipWhitespace(&p, end)
            // A separator, or the closing bracket (then the loop ends at the check above).
            if p < end && (p.pointee == UInt8(ascii: ",") || p.pointee == separator) { p += 1 }
        }
    }

    /// Reads the value at `p` (valid JSON), leaving `p` just after it.
    private static func read(_ p: inout UnsafePointer<UInt8>, _ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> ValueSlot {
        let start = p
        switch p.pointee {
        case UInt8(ascii: "\""):
            var escaped = false
            _ = JSONScanner.scanString(&p, base, end, &escaped)
            return ValueSlot(kind: .string, escaped: escaped, rank: 0, start: start + 1 - base, end: p - 1 - base)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let kind: JSONKind = p.pointee == UInt8(ascii: "[") ? .array : .object
            skipContainer(&p, base, end)
            return ValueSlot(kind: kind, escaped: false, rank: 0, start: start - base, end: p - base)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            let kind: JSONKind
            switch JSONScanner.scanLiteral(&p, base, end) {
            case .success(let literal): kind = literal
            case .failure: kind = .null
            }
            return ValueSlot(kind: kind, escaped: false, rank: 0, start: start - base, end: p - base)
        default:
            _ = JSONScanner.scanNumber(&p, base, end)
            return ValueSlot(kind: .number, escaped: false, rank: 0, start: start - base, end: p - base)
        }
    }

    /// Skips a whole object or array, strings included (a bracket inside a string is text).
    private static func skipContainer(_ p: inout UnsafePointer<UInt8>, _ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) {
        var depth = 0
        while p < end {
            switch p.pointee {
            case UInt8(ascii: "\""):
                var escaped = false
                _ = JSONScanner.scanString(&p, base, end, &escaped)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    p += 1
                    return
                }
            default:
                break
            }
            p += 1
        }
    }
}
