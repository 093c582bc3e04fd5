import CLoupeSearch
import Glibc

/// Validates one JSON text (RFC 8259: strict UTF-8, no NaN or Infinity) and, in the same pass,
/// finds the values at the paths of a `PathSet`.
///
/// It builds no tree and allocates nothing per record once its stack has grown: results are
/// byte ranges in `slots`, decoded only when a comparison asks. Nesting is tracked on an explicit
/// stack, so a 200,000-deep array is just a long record. A scanner (and any copy of it) belongs
/// to one thread.
package struct JSONScanner {
    package let paths: PathSet
    let tables: ScannerTables
    let storage: ScannerStorage
    /// Scratch space for keys written with escapes, which must be decoded before comparing.
    private var keyScratch: [UInt8] = []

    package init(paths: PathSet) {
        self.paths = paths
        tables = ScannerTables(paths)
        storage = ScannerStorage(slotCount: paths.paths.count)
    }

    /// One slot per path of `paths`, valid after a successful `scan` (until the next one).
    package var slots: UnsafeBufferPointer<ValueSlot> {
        UnsafeBufferPointer(start: storage.slots, count: storage.slotCount)
    }

    /// Replaces slot `index` after a scan, until the next one: the engine writes there the
    /// values it computes from the record (`level()`, `lower(msg)`).
    package func setSlot(_ index: Int, _ value: ValueSlot) {
        storage.slots[index] = value
    }

    /// Validates `count` bytes at `base` as exactly one JSON value (surrounding whitespace
    /// allowed) and fills `slots`. Returns nil when the text is valid.
    package mutating func scan(_ base: UnsafePointer<UInt8>, count: Int) -> JSONError? {
        var textEnd = base
        return scan(base, base + count, newlineEnds: false, textEnd: &textEnd)
    }

    /// Validates the line that starts at `base` (one JSON value, then blanks up to a newline or
    /// `limit`) and fills `slots`, finding the line's end in the same pass. Returns the end (its
    /// newline, or `limit`); nil when the line is not one valid value, and the caller then finds
    /// the end itself and calls `scan` for the reason.
    package mutating func scanLine(_ base: UnsafePointer<UInt8>, limit: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        var textEnd = base
        return scan(base, limit, newlineEnds: true, textEnd: &textEnd) == nil ? textEnd : nil
    }

    /// The scanner: with `newlineEnds`, a newline is not whitespace but the end of the text,
    /// which may then stop before `end`; `textEnd` is where it stopped.
    @inline(__always)
    private mutating func scan(
        _ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, newlineEnds: Bool, textEnd: inout UnsafePointer<UInt8>
    ) -> JSONError? {
        let count = end - base
        let slots = storage.slots
        for i in 0..<storage.slotCount { slots[i] = .missing }
        let t = tables
        var frames = storage.frames
        var capacity = storage.frameCapacity
        var depth = 0
        var p = base
        var pending: Int32 = (t.tracksChildren[0] || t.recordsValue[0]) ? 0 : -1

        valueLoop: while true {
            Self.skipWhitespace(&p, end, newlineEnds)
            guard p < end else { return JSONError(.unexpectedEnd, at: count) }
            let c = p.pointee
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isArray = c == UInt8(ascii: "[")
                let node = pending >= 0 && t.tracksChildren[Int(pending)] ? pending : -1
                let leaf = pending >= 0 && t.recordsValue[Int(pending)] ? pending : -1
                if depth == capacity {
                    frames = storage.growFrames(keeping: depth)
                    capacity = storage.frameCapacity
                }
                frames[depth] = ScannerFrame(isArray: isArray, node: node, leafNode: leaf, index: 0, start: p - base)
                depth += 1
                p += 1
                Self.skipWhitespace(&p, end, newlineEnds)
                if p < end && p.pointee == (isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")) {
                    p += 1
                    depth -= 1
                    close(frames[depth], at: p - base)
                } else if isArray {
                    pending = node >= 0 ? indexChild(node, 0) : -1
                    continue valueLoop
                } else {
                    if let error = scanKey(&p, base, end, node, &pending, newlineEnds) { return error }
                    continue valueLoop
                }
            case UInt8(ascii: "\""):
                let start = p + 1
                var escaped = false
                // Most values are plain: skip to the closing quote inline; the rest go to the
                // full reader (escapes, non-ASCII, control bytes).
                let stop: UnsafePointer<UInt8> = loupe_skip_plain(start, end)
                if stop < end && stop.pointee == UInt8(ascii: "\"") {
                    p = stop + 1
                } else if let error = Self.scanString(&p, base, end, &escaped) {
                    return error
                }
                if pending >= 0 && t.recordsValue[Int(pending)] {
                    record(pending, ValueSlot(kind: .string, escaped: escaped, rank: 0, start: start - base, end: p - 1 - base))
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = p
                if let error = Self.scanNumber(&p, base, end) { return error }
                if pending >= 0 && t.recordsValue[Int(pending)] {
                    record(pending, ValueSlot(kind: .number, escaped: false, rank: 0, start: start - base, end: p - base))
                }
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let start = p
                let kind: JSONKind
                switch Self.scanLiteral(&p, base, end) {
                case .success(let literal): kind = literal
                case .failure(let error): return error
                }
                if pending >= 0 && t.recordsValue[Int(pending)] {
                    record(pending, ValueSlot(kind: kind, escaped: false, rank: 0, start: start - base, end: p - base))
                }
            default:
                return JSONError(c == 0 ? .nulByte : .unexpectedByte(c), at: p - base)
            }

            // After a complete value: a separator, a closing bracket, or the end of the text.
            while true {
                Self.skipWhitespace(&p, end, newlineEnds)
                guard depth > 0 else {
                    textEnd = p
                    if p < end && !(newlineEnds && p.pointee == 0x0A) {
                        return JSONError(p.pointee == 0 ? .nulByte : .trailingData, at: p - base)
                    }
                    return nil
                }
                guard p < end else { return JSONError(.unexpectedEnd, at: count) }
                let c = p.pointee
                let top = frames + (depth - 1)
                if c == UInt8(ascii: ",") {
                    p += 1
                    if top.pointee.isArray {
                        top.pointee.index += 1
                        pending = top.pointee.node >= 0 ? indexChild(top.pointee.node, top.pointee.index) : -1
                    } else {
                        if let error = scanKey(&p, base, end, top.pointee.node, &pending, newlineEnds) { return error }
                    }
                    continue valueLoop
                }
                if c == (top.pointee.isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")) {
                    p += 1
                    depth -= 1
                    close(frames[depth], at: p - base)
                    continue
                }
                return JSONError(c == 0 ? .nulByte : .unexpectedByte(c), at: p - base)
            }
        }
    }

    // MARK: - Containers and keys

    @inline(__always)
    private func close(_ frame: ScannerFrame, at offset: Int) {
        if frame.leafNode >= 0 {
            record(
                frame.leafNode, ValueSlot(kind: frame.isArray ? .array : .object, escaped: false, rank: 0, start: frame.start, end: offset))
        }
    }

    @inline(__always)
    private func record(_ node: Int32, _ value: ValueSlot) {
        let t = tables
        let slots = storage.slots
        let first = Int(t.leafStart[Int(node)])
        for leaf in first..<(first + Int(t.leafCount[Int(node)])) {
            let path = Int(t.leafPath[leaf])
            let rank = t.leafRank[leaf]
            if rank <= slots[path].rank {
                slots[path] = value
                slots[path].rank = rank
            }
        }
    }

    @inline(__always)
    private func indexChild(_ node: Int32, _ index: Int) -> Int32 {
        let t = tables
        let first = Int(t.indexEdgeStart[Int(node)])
        for edge in first..<(first + Int(t.indexEdgeCount[Int(node)])) where t.indexValue[edge] == index {
            return t.indexChild[edge]
        }
        return -1
    }

    /// Reads `"key"` and the `:` after it; sets `pending` to the trie node the member's value
    /// belongs to (or -1). Plain keys take the inline fast path; the rest the full reader.
    @inline(__always)
    private mutating func scanKey(
        _ p: inout UnsafePointer<UInt8>, _ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ node: Int32, _ pending: inout Int32,
        _ newlineEnds: Bool
    ) -> JSONError? {
        if p < end && p.pointee == UInt8(ascii: "\"") {
            var quote: UnsafePointer<UInt8>?
            if let after = loupe_plain_key(p + 1, end, &quote), let quote {
                pending = trackedKey(node, p + 1, quote, escaped: false)
                p = after
                return nil
            }
        }
        return scanKeySlowly(&p, base, end, node, &pending, newlineEnds)
    }

    /// The trie node a key leads to, ruling out most keys by their length without a call.
    @inline(__always)
    private mutating func trackedKey(_ node: Int32, _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, escaped: Bool) -> Int32 {
        guard node >= 0 else { return -1 }
        if escaped { return escapedKeyChild(node, start, end) }
        guard tables.keyLengths[Int(node)] & (1 << UInt64(min(end - start, 63))) != 0 else { return -1 }
        return Self.findKey(tables, node, start, end - start)
    }

    private mutating func scanKeySlowly(
        _ p: inout UnsafePointer<UInt8>, _ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ node: Int32, _ pending: inout Int32,
        _ newlineEnds: Bool
    ) -> JSONError? {
        Self.skipWhitespace(&p, end, newlineEnds)
        guard p < end else { return JSONError(.unexpectedEnd, at: end - base) }
        guard p.pointee == UInt8(ascii: "\"") else {
            return JSONError(p.pointee == 0 ? .nulByte : .unexpectedByte(p.pointee), at: p - base)
        }
        let keyStart = p + 1
        var escaped = false
        if let error = Self.scanString(&p, base, end, &escaped) { return error }
        pending = trackedKey(node, keyStart, p - 1, escaped: escaped)
        Self.skipWhitespace(&p, end, newlineEnds)
        guard p < end else { return JSONError(.unexpectedEnd, at: end - base) }
        guard p.pointee == UInt8(ascii: ":") else { return JSONError(p.pointee == 0 ? .nulByte : .unexpectedByte(p.pointee), at: p - base) }
        p += 1
        return nil
    }

    /// A key written with escapes is decoded before it is looked up.
    private mutating func escapedKeyChild(_ node: Int32, _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int32 {
        keyScratch.removeAll(keepingCapacity: true)
        JSONString.decode(start, end, into: &keyScratch)
        let t = tables
        return keyScratch.withUnsafeBufferPointer { keyBytes in
            Self.findKey(t, node, keyBytes.baseAddress ?? start, keyBytes.count)
        }
    }

    @inline(__always)
    private static func findKey(_ t: ScannerTables, _ node: Int32, _ key: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        let first = Int(t.keyEdgeStart[Int(node)])
        for edge in first..<(first + Int(t.keyEdgeCount[Int(node)])) where Int(t.edgeKeyLength[edge]) == length {
            if ShortBytes.equal(t.keyBytes + Int(t.edgeKeyOffset[edge]), key, count: length) { return t.edgeChild[edge] }
        }
        return -1
    }
}
