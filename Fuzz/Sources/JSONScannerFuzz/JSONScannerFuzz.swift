import FuzzSupport

@testable import LoupeJSON

/// JSONScanner with path extraction, on one record (`scan`) and on a line (`scanLine`).
///
/// Checks: the scan reads only the record's bytes (AddressSanitizer, on an exact-size copy);
/// it accepts exactly what the reference parser accepts; an error offset lies in the record;
/// every filled slot holds the range, kind and rank of the value the reference finds at that
/// path (nested readings first, the last occurrence of the best reading); a line scan agrees
/// with a record scan of the line and ends at its newline.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let pathSet = PathSets.all[size % PathSets.all.count]
    var scanner = JSONScanner(paths: PathSet(pathSet))

    // A whole record.
    let error = withExactCopy(bytes) { base, count in scanner.scan(base, count: count) }
    let slots = Array(scanner.slots)
    let reference = ReferenceJSON.parseDocument(bytes)
    switch reference {
    case .valid(let root):
        fuzzCheck(error == nil, "scanner rejected valid JSON: \(String(describing: error))")
        if error == nil { PathSets.checkSlots(slots, pathSet, root, bytes) }
    case .invalid:
        fuzzCheck(error != nil, "scanner accepted invalid JSON")
    case .tooDeep:
        break
    }
    if let error { fuzzCheck(error.offset >= 0 && error.offset <= size, "error offset \(error.offset) outside 0...\(size)") }

    // The first line, as a line scan sees it: it ends at the first newline.
    let newline = bytes.firstIndex(of: 0x0A) ?? size
    var lineScanner = JSONScanner(paths: PathSet(pathSet))
    let lineEnd: Int? = withExactCopy(bytes) { base, count in
        lineScanner.scanLine(base, limit: base + count).map { $0 - base }
    }
    let line = Array(bytes[..<newline])
    var recordScanner = JSONScanner(paths: PathSet(pathSet))
    let lineError = withExactCopy(line) { base, count in recordScanner.scan(base, count: count) }
    if let lineEnd {
        fuzzCheck(lineEnd == newline, "line scan ended at \(lineEnd), the newline is at \(newline)")
        fuzzCheck(lineError == nil, "line scan accepted what a record scan of the line rejects: \(String(describing: lineError))")
        for (a, b) in zip(lineScanner.slots, recordScanner.slots) {
            fuzzCheck(
                a.kind == b.kind && a.start == b.start && a.end == b.end && a.rank == b.rank && a.escaped == b.escaped,
                "line scan and record scan disagree on a slot")
        }
    } else {
        fuzzCheck(lineError != nil, "line scan rejected a line that a record scan accepts")
    }
    return 0
}

/// The path sets the target scans with, one picked per input by its length: dotted keys that
/// can be read nested or joined, indexes, shared prefixes, empty and non-ASCII keys, escapes.
enum PathSets {
    static func key(_ name: String, dotted: Bool = true) -> FieldPath.Component { .key(name, dotted: dotted) }

    static let all: [[FieldPath]] = [
        [],
        [FieldPath(dotted: "a"), FieldPath(dotted: "a.b"), FieldPath(dotted: "level"), FieldPath(dotted: "msg")],
        [FieldPath(dotted: "a.b.c"), FieldPath(dotted: "a.b"), FieldPath([key("a"), .index(0)]), FieldPath([.index(1)])],
        [FieldPath([key("a.b", dotted: false)]), FieldPath(dotted: "b"), FieldPath([key(""), key("")]), FieldPath([key("é")])],
        [FieldPath([.index(0), key("a"), .index(2)]), FieldPath(dotted: "http.status"), FieldPath(dotted: "ts"), FieldPath([key("\"\\")])],
        [FieldPath(dotted: "a.a.a.a"), FieldPath(dotted: "a"), FieldPath([key("a"), .index(0), key("a")])],
        [FieldPath([]), FieldPath(dotted: "x"), FieldPath([key(String(repeating: "k", count: 70))])],
    ]

    /// A step of one reading of a path.
    enum Edge: Equatable {
        case key([UInt8])
        case index(Int)
    }

    /// Every reading of a path, the most nested first: a run of dotted keys may also be one key
    /// with dots in it, and each way to join a run is a reading of its own.
    static func readings(_ components: [FieldPath.Component]) -> [[Edge]] {
        guard let first = components.first else { return [[]] }
        switch first {
        case .index(let n):
            return readings(Array(components.dropFirst())).map { [.index(n)] + $0 }
        case .key(let name, _):
            var results: [[Edge]] = []
            var joined = name
            var used = 1
            while true {
                results += readings(Array(components.dropFirst(used))).map { [.key(Array(joined.utf8))] + $0 }
                guard used < components.count, case .key(let next, let dotted) = components[used], dotted else { break }
                joined += "." + next
                used += 1
            }
            return results
        }
    }

    /// The nodes a reading reaches, in document order.
    static func matches(_ node: ReferenceJSON.Node, _ reading: ArraySlice<Edge>) -> [ReferenceJSON.Node] {
        guard let edge = reading.first else { return [node] }
        switch (edge, node.value) {
        case (.key(let key), .object(let members)):
            return members.filter { $0.key == key }.flatMap { matches($0.value, reading.dropFirst()) }
        case (.index(let index), .array(let elements)):
            return index < elements.count ? matches(elements[index], reading.dropFirst()) : []
        default:
            return []
        }
    }

    static func checkSlots(_ slots: [ValueSlot], _ paths: [FieldPath], _ root: ReferenceJSON.Node, _ bytes: [UInt8]) {
        fuzzCheck(slots.count == max(paths.count, slots.count) && slots.count >= paths.count, "one slot per path")
        for (i, path) in paths.enumerated() {
            let slot = slots[i]
            var expected: (node: ReferenceJSON.Node, rank: Int)?
            for (rank, reading) in readings(path.components).enumerated() {
                if let last = matches(root, reading[...]).last {
                    expected = (last, rank)
                    break
                }
            }
            guard let expected else {
                fuzzCheck(slot.kind == .missing, "path \(path) has no value, the scanner found \(slot.kind) at \(slot.start)..<\(slot.end)")
                continue
            }
            let node = expected.node
            var start = node.start
            var end = node.end
            let kind: JSONKind
            switch node.value {
            case .null: kind = .null
            case .bool(let b): kind = b ? .true : .false
            case .number: kind = .number
            case .string:
                kind = .string
                start += 1
                end -= 1
            case .array: kind = .array
            case .object: kind = .object
            }
            fuzzCheck(
                slot.kind == kind && slot.start == start && slot.end == end && Int(slot.rank) == expected.rank,
                "path \(path): expected \(kind) at \(start)..<\(end) rank \(expected.rank), the scanner found \(slot.kind) at \(slot.start)..<\(slot.end) rank \(slot.rank)"
            )
            if kind == .string {
                let escaped = bytes[start..<end].contains(0x5C)
                fuzzCheck(slot.escaped == escaped, "path \(path): escaped flag \(slot.escaped), the body has a backslash: \(escaped)")
            }
        }
    }
}

@main
enum FuzzMain {
    static func main() { FuzzDriver.run(fuzz) }
}
