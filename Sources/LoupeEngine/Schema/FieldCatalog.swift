import LoupeJSON
import LoupeQuery

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
        /// The first value seen, as JSON text (`.json`), or shortened for display (`.string`).
        package var example: RowValue

        package var total: Int { counts.reduce(0, +) }
    }

    private var index: [[JSONWalker.Step]: Int] = [:]
    package private(set) var entries: [Entry] = []
    package private(set) var records = 0
    /// Where `level()`, `time()` and `message()` found their values.
    private(set) var wellKnown = WellKnownPicks()

    /// Longest example kept, in characters.
    static let exampleLength = 40
    /// Paths are listed this deep; deeper values are read (and validated) but not listed, so
    /// that a hostile nesting cannot make the listing cost the depth squared (a line nested a
    /// million deep took 24 GB).
    package static let listedDepth = 100
    /// Records that held values deeper than `listedDepth`.
    package private(set) var deepRecords = 0

    package init() {}

    /// Adds one record's values; returns the syntax error instead if the record is invalid
    /// (then nothing of it is kept).
    package func add(_ base: UnsafePointer<UInt8>, count: Int, walker: inout JSONWalker) -> JSONError? {
        var seen: [(path: [JSONWalker.Step], kind: JSONKind, start: Int, end: Int)] = []
        if let error = walker.walk(base, count: count, { seen.append(($0, $1, $2, $3)) }) { return error }
        records += 1
        if walker.wentDeeper { deepRecords += 1 }
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
        deepRecords += later.deepRecords
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
        // A key with dots is written bare (`n.x`), which a dotted path finds; but where a nested
        // path reads the same (`n` holding `x`), the query reads the nested one, so the key is
        // quoted (`["n.x"]`) to name it alone.
        var seen: [String: Int] = [:]
        for entry in ordered { seen[Self.display(entry.path), default: 0] += 1 }
        let rows = ordered.map { entry -> [RowValue] in
            let bare = Self.display(entry.path)
            let field = seen[bare, default: 0] > 1 && Self.hasDottedKey(entry.path) ? Self.display(entry.path, quotingDots: true) : bare
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
            return [.string(field), .number(NumberValue(entry.total)), .string(types), entry.example]
        }
        // The well-known fields last, in the same columns: what they read, and from where.
        var set = RowSet(columns: ["field", "count", "types", "example"], rows: rows + (wellKnown.isEmpty ? [] : wellKnown.rows()))
        set.labelColumns = [0, 2]
        return set
    }

    /// A path as the query language reads it, so it can be pasted into a query: `http.status`,
    /// `tags[*]`, `headers["user agent"]`, `["0"]`.
    /// `quotingDots`: a key with a dot is quoted too (`["n.x"]`).
    package static func display(_ path: [JSONWalker.Step], quotingDots: Bool = false) -> String {
        var text = ""
        for step in path {
            switch step {
            case .element:
                text += "[*]"
            case .key(let bytes):
                let name = String(decoding: bytes, as: UTF8.self)
                if isBare(name) && !(quotingDots && name.contains(".")) {
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

    private static func hasDottedKey(_ path: [JSONWalker.Step]) -> Bool {
        path.contains { if case .key(let bytes) = $0 { bytes.contains(UInt8(ascii: ".")) } else { false } }
    }

    /// Whether a key can be written bare: a name the lexer reads as one (`user-agent`, `@t`), or
    /// such names joined by dots (`http.status`), which a dotted path finds as one key too.
    private static func isBare(_ name: String) -> Bool {
        name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { QueryPath.isBareName(String($0)) }
    }

    /// A value as written (JSON text), or a short stand-in: `{…}`, `[…]`, or its first 39
    /// characters and `…` (no longer JSON, so a string to print as it is).
    private static func example(_ base: UnsafePointer<UInt8>, _ kind: JSONKind, _ start: Int, _ end: Int) -> RowValue {
        if kind == .object { return .string("{…}") }
        if kind == .array { return .string("[…]") }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        guard text.count > exampleLength else { return .json(text) }
        return .string(String(text.prefix(exampleLength - 1)) + "…")
    }
}
