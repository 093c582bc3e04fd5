/// Validates one JSON text (RFC 8259: strict UTF-8, no NaN or Infinity) and, in the same pass,
/// finds the values at the paths of a `PathSet`.
///
/// It builds no tree and allocates nothing per record once its stacks have grown: results are
/// byte ranges in `slots`, decoded only when a comparison asks. Nesting is tracked on an explicit
/// stack, so a 200,000-deep array is just a long record. Reuse one scanner per thread.
package struct JSONScanner {
    package let paths: PathSet
    /// One slot per path of `paths`, valid after a successful `scan`.
    package private(set) var slots: [ValueSlot]
    private var frames: [Frame] = []
    private let nodeHasChildren: [Bool]
    private let nodeHasLeaves: [Bool]
    /// Scratch space for keys written with escapes, which must be decoded before comparing.
    private var keyScratch: [UInt8] = []

    private struct Frame {
        var isArray: Bool
        /// Trie node whose edges apply to this container's members, or -1 when untracked.
        var node: Int32
        /// Trie node with leaves that this container itself is the value of, or -1.
        var leafNode: Int32
        var index: Int
        var start: Int
    }

    package init(paths: PathSet) {
        self.paths = paths
        slots = Array(repeating: .missing, count: paths.paths.count)
        nodeHasChildren = paths.nodes.map { !$0.keyEdges.isEmpty || !$0.indexEdges.isEmpty }
        nodeHasLeaves = paths.nodes.map { !$0.leaves.isEmpty }
        frames.reserveCapacity(64)
    }

    /// Validates `count` bytes at `base` as exactly one JSON value (surrounding whitespace
    /// allowed) and fills `slots`. Returns nil when the text is valid.
    package mutating func scan(_ base: UnsafePointer<UInt8>, count: Int) -> JSONError? {
        for i in slots.indices { slots[i] = .missing }
        frames.removeAll(keepingCapacity: true)
        let end = base + count
        var p = base
        var pending: Int32 = (nodeHasChildren[0] || nodeHasLeaves[0]) ? 0 : -1

        valueLoop: while true {
            skipWhitespace(&p, end)
            guard p < end else { return JSONError(.unexpectedEnd, at: count) }
            let c = p.pointee
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isArray = c == UInt8(ascii: "[")
                let node = pending >= 0 && nodeHasChildren[Int(pending)] ? pending : -1
                let leaf = pending >= 0 && nodeHasLeaves[Int(pending)] ? pending : -1
                frames.append(Frame(isArray: isArray, node: node, leafNode: leaf, index: 0, start: p - base))
                p += 1
                skipWhitespace(&p, end)
                if p < end && p.pointee == (isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")) {
                    p += 1
                    closeContainer(at: p - base)
                } else if isArray {
                    pending = node >= 0 ? indexChild(node, 0) : -1
                    continue valueLoop
                } else {
                    if let error = scanKey(&p, base, end, &pending) { return error }
                    continue valueLoop
                }
            case UInt8(ascii: "\""):
                let start = p + 1
                var escaped = false
                if let error = scanString(&p, base, end, &escaped) { return error }
                if pending >= 0 && nodeHasLeaves[Int(pending)] {
                    record(pending, ValueSlot(kind: .string, escaped: escaped, rank: 0, start: start - base, end: p - 1 - base))
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = p
                if let error = scanNumber(&p, base, end) { return error }
                if pending >= 0 && nodeHasLeaves[Int(pending)] {
                    record(pending, ValueSlot(kind: .number, escaped: false, rank: 0, start: start - base, end: p - base))
                }
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let start = p
                let kind: JSONKind
                if matchLiteral(p, end, 0x74, 0x72, 0x75, 0x65, nil) {
                    kind = .true
                    p += 4
                } else if matchLiteral(p, end, 0x66, 0x61, 0x6C, 0x73, 0x65) {
                    kind = .false
                    p += 5
                } else if matchLiteral(p, end, 0x6E, 0x75, 0x6C, 0x6C, nil) {
                    kind = .null
                    p += 4
                } else {
                    return literalError(p, base, end)
                }
                if pending >= 0 && nodeHasLeaves[Int(pending)] {
                    record(pending, ValueSlot(kind: kind, escaped: false, rank: 0, start: start - base, end: p - base))
                }
            default:
                return JSONError(c == 0 ? .nulByte : .unexpectedByte(c), at: p - base)
            }

            // After a complete value: a separator, a closing bracket, or the end of the text.
            while true {
                skipWhitespace(&p, end)
                guard let top = frames.last else {
                    if p < end { return JSONError(p.pointee == 0 ? .nulByte : .trailingData, at: p - base) }
                    return nil
                }
                guard p < end else { return JSONError(.unexpectedEnd, at: count) }
                let c = p.pointee
                if c == UInt8(ascii: ",") {
                    p += 1
                    if top.isArray {
                        let index = top.index + 1
                        frames[frames.count - 1].index = index
                        pending = top.node >= 0 ? indexChild(top.node, index) : -1
                    } else {
                        skipWhitespace(&p, end)
                        if let error = scanKey(&p, base, end, &pending) { return error }
                    }
                    continue valueLoop
                }
                if c == (top.isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")) {
                    p += 1
                    closeContainer(at: p - base)
                    continue
                }
                return JSONError(c == 0 ? .nulByte : .unexpectedByte(c), at: p - base)
            }
        }
    }

    // MARK: - Containers and keys

    private mutating func closeContainer(at offset: Int) {
        let frame = frames.removeLast()
        if frame.leafNode >= 0 {
            record(frame.leafNode, ValueSlot(kind: frame.isArray ? .array : .object, escaped: false, rank: 0, start: frame.start, end: offset))
        }
    }

    @inline(__always)
    private mutating func record(_ node: Int32, _ value: ValueSlot) {
        for leaf in paths.nodes[Int(node)].leaves where leaf.rank <= slots[Int(leaf.path)].rank {
            var v = value
            v.rank = leaf.rank
            slots[Int(leaf.path)] = v
        }
    }

    private func indexChild(_ node: Int32, _ index: Int) -> Int32 {
        for edge in paths.nodes[Int(node)].indexEdges where edge.index == index { return edge.child }
        return -1
    }

    /// Reads `"key"` and the `:` after it; sets `pending` to the trie node the member's value
    /// belongs to (or -1).
    @inline(__always)
    private mutating func scanKey(
        _ p: inout UnsafePointer<UInt8>, _ base: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ pending: inout Int32
    ) -> JSONError? {
        skipWhitespace(&p, end)
        guard p < end else { return JSONError(.unexpectedEnd, at: end - base) }
        guard p.pointee == UInt8(ascii: "\"") else { return JSONError(p.pointee == 0 ? .nulByte : .unexpectedByte(p.pointee), at: p - base) }
        let keyStart = p + 1
        var escaped = false
        if let error = scanString(&p, base, end, &escaped) { return error }
        let node = frames[frames.count - 1].node
        pending = node >= 0 ? keyChild(node, keyStart, p - 1, escaped) : -1
        skipWhitespace(&p, end)
        guard p < end else { return JSONError(.unexpectedEnd, at: end - base) }
        guard p.pointee == UInt8(ascii: ":") else { return JSONError(p.pointee == 0 ? .nulByte : .unexpectedByte(p.pointee), at: p - base) }
        p += 1
        return nil
    }

    private mutating func keyChild(_ node: Int32, _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ escaped: Bool) -> Int32 {
        if escaped {
            keyScratch.removeAll(keepingCapacity: true)
            JSONString.decode(start, end, into: &keyScratch)
            return keyScratch.withUnsafeBufferPointer { keyBytes in
                findKey(node, keyBytes.baseAddress ?? start, keyBytes.count)
            }
        }
        return findKey(node, start, end - start)
    }

    @inline(__always)
    private func findKey(_ node: Int32, _ key: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        for edge in paths.nodes[Int(node)].keyEdges where edge.key.count == length {
            let same = edge.key.withUnsafeBufferPointer { candidate in
                length == 0 || memcmp(candidate.baseAddress!, key, length) == 0
            }
            if same { return edge.child }
        }
        return -1
    }
}

import Glibc
