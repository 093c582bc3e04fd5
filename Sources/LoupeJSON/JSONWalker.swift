/// Visits every value of a JSON text with its path, validating as it goes: the engine behind
/// `loupe fields` (schema discovery), not the query hot path.
///
/// Array elements share one path (`tags[*]` once printed), so a schema stays small whatever the arrays hold.
/// Like `JSONScanner` it keeps an explicit stack, so depth is bounded only by memory.
package struct JSONWalker {
    /// One step of the current path: an object key (decoded) or "any element of an array".
    package enum Step: Hashable, Sendable {
        case key([UInt8])
        case element
    }

    private var path: [Step] = []
    private var frames: [(isArray: Bool, start: Int)] = []
    /// Values whose path is longer than this are validated but not visited.
    private let maximumDepth: Int
    /// Whether the last walk passed over values deeper than `maximumDepth`.
    package private(set) var wentDeeper = false

    package init(maximumDepth: Int = .max) {
        self.maximumDepth = maximumDepth
    }

    /// Whether a value at the current path is visited (else it is noted as deeper).
    @inline(__always)
    private mutating func visible() -> Bool {
        if path.count <= maximumDepth { return true }
        wentDeeper = true
        return false
    }

    /// Calls `visit(path, kind, start, end)` for every value (containers when they close, after
    /// their members); returns the first syntax error instead, if any. The callback may be
    /// called for values before the error.
    package mutating func walk(
        _ base: UnsafePointer<UInt8>, count: Int,
        _ visit: (_ path: [Step], _ kind: JSONKind, _ start: Int, _ end: Int) -> Void
    ) -> JSONError? {
        path.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        wentDeeper = false
        let end = base + count
        var p = base
        valueLoop: while true {
            JSONScanner.skipWhitespace(&p, end)
            guard p < end else { return JSONError(.unexpectedEnd, at: count) }
            let start = p
            switch p.pointee {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isArray = p.pointee == UInt8(ascii: "[")
                frames.append((isArray, p - base))
                p += 1
                JSONScanner.skipWhitespace(&p, end)
                if p < end && p.pointee == (isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")) {
                    p += 1
                    frames.removeLast()
                    if visible() { visit(path, isArray ? .array : .object, start - base, p - base) }
                } else if isArray {
                    path.append(.element)
                    continue valueLoop
                } else {
                    if let error = readKey(&p, base, end) { return error }
                    continue valueLoop
                }
            case UInt8(ascii: "\""):
                var escaped = false
                if let error = JSONScanner.scanString(&p, base, end, &escaped) { return error }
                if visible() { visit(path, .string, start - base, p - base) }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if let error = JSONScanner.scanNumber(&p, base, end) { return error }
                if visible() { visit(path, .number, start - base, p - base) }
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                switch JSONScanner.scanLiteral(&p, base, end) {
                case .success(let kind): if visible() { visit(path, kind, start - base, p - base) }
                case .failure(let error): return error
                }
            default:
                return JSONError(p.pointee == 0 ? .nulByte : .unexpectedByte(p.pointee), at: p - base)
            }
            while true {
                JSONScanner.skipWhitespace(&p, end)
                guard let top = frames.last else {
                    return p < end ? JSONError(p.pointee == 0 ? .nulByte : .trailingData, at: p - base) : nil
                }
                guard p < end else { return JSONError(.unexpectedEnd, at: count) }
                let c = p.pointee
                if c == UInt8(ascii: ",") {
                    p += 1
                    if !top.isArray {
                        path.removeLast()
                        if let error = readKey(&p, base, end) { return error }
                    }
                    continue valueLoop
                }
                guard c == (top.isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")) else {
                    return JSONError(c == 0 ? .nulByte : .unexpectedByte(c), at: p - base)
                }
                p += 1
                frames.removeLast()
                path.removeLast()
                if visible() { visit(path, top.isArray ? .array : .object, top.start, p - base) }
            }
        }
    }

    private mutating func readKey(_ p: inout UnsafePointer<UInt8>, _ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> JSONError?
    {
        JSONScanner.skipWhitespace(&p, end)
        guard p < end else { return JSONError(.unexpectedEnd, at: end - base) }
        guard p.pointee == UInt8(ascii: "\"") else {
            return JSONError(p.pointee == 0 ? .nulByte : .unexpectedByte(p.pointee), at: p - base)
        }
        let keyStart = p + 1
        var escaped = false
        if let error = JSONScanner.scanString(&p, base, end, &escaped) { return error }
        var key: [UInt8] = []
        if escaped {
            JSONString.decode(keyStart, p - 1, into: &key)
        } else {
            key.append(contentsOf: UnsafeBufferPointer(start: keyStart, count: p - 1 - keyStart))
        }
        path.append(.key(key))
        JSONScanner.skipWhitespace(&p, end)
        guard p < end else { return JSONError(.unexpectedEnd, at: end - base) }
        guard p.pointee == UInt8(ascii: ":") else { return JSONError(p.pointee == 0 ? .nulByte : .unexpectedByte(p.pointee), at: p - base) }
        p += 1
        return nil
    }
}
