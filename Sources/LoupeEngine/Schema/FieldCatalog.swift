import LoupeJSON

/// Every path seen in a set of records, with how often each JSON type occurred and an example:
/// the result of `loupe fields`.
///
/// Catalogs of consecutive parts of the input merge in order, so the listing (in order of first
/// appearance) does not depend on the number of threads.
package final class FieldCatalog {
    /// What is known about one path.
    package struct Entry {
        package var path: [JSONWalker.Step]
        /// Values per `JSONKind.rawValue` (missing excluded).
        package var counts = [Int](repeating: 0, count: 8)
        package var example: String

        package var total: Int { counts.reduce(0, +) }
    }

    private var index: [[JSONWalker.Step]: Int] = [:]
    package private(set) var entries: [Entry] = []
    package private(set) var records = 0
    /// Where `level()`, `time()` and `message()` found their values.
    private(set) var wellKnown = WellKnownPicks()

    /// Longest example kept, in characters.
    static let exampleLength = 40

    package init() {}

    /// Adds one record's values; returns the syntax error instead if the record is invalid
    /// (then nothing of it is kept).
    package func add(_ base: UnsafePointer<UInt8>, count: Int, walker: inout JSONWalker) -> JSONError? {
        var seen: [(path: [JSONWalker.Step], kind: JSONKind, start: Int, end: Int)] = []
        if let error = walker.walk(base, count: count, { seen.append(($0, $1, $2, $3)) }) { return error }
        records += 1
        for value in seen where !value.path.isEmpty {
            let i: Int
            if let existing = index[value.path] {
                i = existing
            } else {
                i = entries.count
                index[value.path] = i
                entries.append(Entry(path: value.path, example: Self.example(base, value.kind, value.start, value.end)))
            }
            entries[i].counts[Int(value.kind.rawValue)] += 1
        }
        return nil
    }

    /// Counts where the well-known fields of the record just added came from; `evaluator`
    /// runs `WellKnownPicks.program`.
    package func addWellKnown(_ base: UnsafePointer<UInt8>, count: Int, evaluator: inout RecordEvaluator) {
        guard case .match = evaluator.evaluate(base, count) else { return }
        wellKnown.add(evaluator, base)
    }

    /// Folds in a catalog of later input.
    package func merge(_ later: FieldCatalog) {
        records += later.records
        wellKnown.merge(later.wellKnown)
        for entry in later.entries {
            if let i = index[entry.path] {
                for k in 0..<entry.counts.count { entries[i].counts[k] += entry.counts[k] }
            } else {
                index[entry.path] = entries.count
                entries.append(entry)
            }
        }
    }

    /// The catalog as rows: field, count, types (most frequent first), example. Paths are in
    /// order of first appearance, each container before what it holds.
    package func rowSet() -> RowSet {
        // Containers are seen when they close, after their members: order by the appearance
        // of each prefix instead, so `http` comes before `http.status`.
        let orderKeys = entries.map { entry in (1...entry.path.count).map { index[Array(entry.path.prefix($0))] ?? 0 } }
        let ordered = entries.indices.sorted { orderKeys[$0].lexicographicallyPrecedes(orderKeys[$1]) }.map { entries[$0] }
        let rows = ordered.map { entry -> [RowValue] in
            var kinds: [(String, Int)] = []
            for kind in [JSONKind.string, .number, .true, .false, .null, .object, .array] where entry.counts[Int(kind.rawValue)] > 0 {
                let name = kind == .true || kind == .false ? "boolean" : kind.name
                if let i = kinds.firstIndex(where: { $0.0 == name }) {
                    kinds[i].1 += entry.counts[Int(kind.rawValue)]
                } else {
                    kinds.append((name, entry.counts[Int(kind.rawValue)]))
                }
            }
            kinds.sort { $0.1 > $1.1 }
            let types = kinds.count == 1 ? kinds[0].0 : kinds.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            return [.string(Self.display(entry.path)), .number(NumberValue(entry.total)), .string(types), .string(entry.example)]
        }
        // The well-known fields last, in the same columns: what they read, and from where.
        return RowSet(columns: ["field", "count", "types", "example"], rows: rows + (wellKnown.isEmpty ? [] : wellKnown.rows()))
    }

    /// A path as the query language reads it: `http.status`, `tags[]`, `headers["user-agent"]`.
    package static func display(_ path: [JSONWalker.Step]) -> String {
        var text = ""
        for step in path {
            switch step {
            case .element:
                text += "[]"
            case .key(let bytes):
                let name = String(decoding: bytes, as: UTF8.self)
                if isBare(name) {
                    text += text.isEmpty ? name : "." + name
                } else {
                    var quoted: [UInt8] = []
                    JSONString.appendQuoted(bytes, to: &quoted)
                    text += "[" + String(decoding: quoted, as: UTF8.self) + "]"
                }
            }
        }
        return text
    }

    private static func isBare(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || "_@$-.".unicodeScalars.contains(c)
                || c.value >= 0x80
        } && !["and", "or", "not", "in", "true", "false", "null"].contains(name)
    }

    private static func example(_ base: UnsafePointer<UInt8>, _ kind: JSONKind, _ start: Int, _ end: Int) -> String {
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        if kind == .object { return "{…}" }
        if kind == .array { return "[…]" }
        guard text.count > exampleLength else { return text }
        return String(text.prefix(exampleLength - 1)) + "…"
    }
}
