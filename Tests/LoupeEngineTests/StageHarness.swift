import LoupeIO
import LoupeJSON
import LoupeQuery
import LoupeTestSupport

@testable import LoupeEngine

/// Helpers for the stage, aggregate and time tests: run a query's engine part over JSON lines
/// held in memory, and make scanner value slots out of JSON text.
enum StageHarness {
    /// Compiles query text the way `loupe` does.
    static func program(_ query: String, options: Compiler.Options = Compiler.Options()) throws -> Program {
        try Compiler.compile(try Parser.parse(query), options: options)
    }

    /// Runs `program` over `lines` (joined with newlines) as one chunk.
    static func process(_ program: Program, _ lines: [String], approximate: Bool = false) -> ChunkResult {
        var options = ScanOptions()
        options.approximatePercentiles = approximate
        let text = Array(lines.map { $0 + "\n" }.joined().utf8)
        let buffer = OwnedBuffer(capacity: text.count)
        buffer.pointer.update(from: text, count: text.count)
        let chunk = ByteChunk(base: UnsafePointer(buffer.pointer), count: text.count, inputOffset: 0, owner: buffer)
        return ChunkProcessor(program: program, options: options).process(chunk)
    }

    /// The groups of a count/stats/distinct query over `chunks`, each processed on its own and
    /// merged in order (as workers' tables are), and the records no bucket could place.
    static func groups(
        _ query: String, chunks: [[String]], approximate: Bool = false, options: Compiler.Options = Compiler.Options()
    ) throws -> (table: GroupTable, unbucketed: Int) {
        let program = try program(query, options: options)
        var merged: GroupTable?
        var unbucketed = 0
        for chunk in chunks {
            let result = process(program, chunk, approximate: approximate)
            unbucketed += result.unbucketed
            guard let partial = result.groups else { continue }
            if let merged { merged.merge(partial) } else { merged = partial }
        }
        guard let merged else { throw HarnessError.noGroups }
        return (merged, unbucketed)
    }

    /// The rows of `groups(...)`, each cell as JSON text (`"api"`, `3`, `null`).
    static func rows(_ query: String, _ lines: [String], approximate: Bool = false) throws -> [[String]] {
        try groups(query, chunks: [lines], approximate: approximate).table.rows().map { $0.map(\.jsonText) }
    }

    enum HarnessError: Error {
        case noGroups, invalid(String)
    }

    /// Calls `body` with the slot the scanner finds for `value` (JSON text) as the value of
    /// `"v"` in a record, and the record's base pointer. `nil` makes the key missing.
    static func withSlot<R>(_ value: String?, _ body: (ValueSlot, UnsafePointer<UInt8>) throws -> R) throws -> R {
        let record = Array((value.map { #"{"v":"# + $0 + "}" } ?? "{}").utf8)
        var scanner = JSONScanner(paths: PathSet([FieldPath(dotted: "v")]))
        return try record.withUnsafeBufferPointer { buffer in
            if let error = scanner.scan(buffer.baseAddress!, count: buffer.count) {
                throw HarnessError.invalid(error.description)
            }
            return try body(scanner.slots[0], buffer.baseAddress!)
        }
    }

    /// Adds each JSON value text to a column, as the group table does.
    static func column(_ values: [String?], keepsValues: Bool = true, approximate: Bool = false) throws -> NumericColumn {
        let column = NumericColumn(keepsValues: keepsValues, approximate: approximate)
        for value in values { try withSlot(value) { column.add($0, $1) } }
        return column
    }

    /// The group key encoding of one value.
    static func encoded(_ value: String?) throws -> [UInt8] {
        try withSlot(value) { slot, base in
            var key: [UInt8] = []
            GroupKeyEncoding.append(slot, base, to: &key)
            return key
        }
    }
}

/// A seeded SplitMix64, so random tests repeat exactly.
struct StageRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
