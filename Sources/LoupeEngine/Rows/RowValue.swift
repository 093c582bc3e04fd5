import LoupeJSON

/// One cell of a result row: a decoded JSON scalar, or raw JSON text for objects and arrays.
package enum RowValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number: exact when it is a whole number in Int64's range (see `NumberValue`).
    case number(NumberValue)
    case string(String)
    /// An object or array, as its original JSON text.
    case json(String)

    /// Reads an extracted value out of a record (missing becomes null).
    /// `numbersAsText`: a number becomes its JSON text, as a string.
    package init(_ slot: ValueSlot, _ base: UnsafePointer<UInt8>, numbersAsText: Bool = false) {
        switch slot.kind {
        case .missing, .null: self = .null
        case .true: self = .bool(true)
        case .false: self = .bool(false)
        case .number where numbersAsText:
            self = .string(String(decoding: UnsafeBufferPointer(start: base + slot.start, count: slot.end - slot.start), as: UTF8.self))
        case .number: self = .number(JSONNumber.value(base + slot.start, base + slot.end))
        case .string: self = .string(JSONString.string(base + slot.start, base + slot.end, escaped: slot.escaped))
        case .object, .array:
            self = .json(String(decoding: UnsafeBufferPointer(start: base + slot.start, count: slot.end - slot.start), as: UTF8.self))
        }
    }

    /// The value as a number: a number, or a string whose whole text is a JSON number (as
    /// comparisons and aggregates read it); nil otherwise.
    package var numeric: NumberValue? {
        switch self {
        case .number(let n): return n
        case .string(let s):
            var text = s
            return text.withUTF8 { bytes in
                guard let start = bytes.baseAddress, JSONNumber.isNumber(start, start + bytes.count) else { return nil }
                return JSONNumber.value(start, start + bytes.count)
            }
        default: return nil
        }
    }

    package var jsonText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.text
        case .string(let s):
            var bytes: [UInt8] = []
            JSONString.appendQuoted(s.utf8, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        case .json(let text): return text
        }
    }

    /// The value as plain text for tables and CSV: strings unquoted, null empty.
    package var plainText: String {
        switch self {
        case .null: return ""
        case .string(let s): return s
        default: return jsonText
        }
    }

    /// A double as JSON text (see `NumberValue.text`).
    package static func format(_ n: Double) -> String { NumberValue.format(n) }

    /// A total order for sorting: null < booleans < numbers < strings < JSON text; within a
    /// type the natural order (numbers by exact value, strings by UTF-8 bytes).
    package static func order(_ a: RowValue, _ b: RowValue) -> Int {
        func rank(_ v: RowValue) -> Int {
            switch v {
            case .null: return 0
            case .bool: return 1
            case .number: return 2
            case .string: return 3
            case .json: return 4
            }
        }
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.number(let x), .number(let y)): return NumberValue.compare(x, y) ?? 0
        case (.string(let x), .string(let y)), (.json(let x), .json(let y)):
            // Bytes both ways: String's `==` finds `é` and `e\u{301}` equal (canonical
            // equivalence), which made the order inconsistent (a probe finding).
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (x.utf8.elementsEqual(y.utf8) ? 0 : 1)
        default: return rank(a) - rank(b)
        }
    }

    /// Equal values, strings by their UTF-8 bytes (as groups and filters compare them), not by
    /// Unicode canonical equivalence as `String` does.
    package static func == (a: RowValue, b: RowValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)), (.json(let x), .json(let y)): return x.utf8.elementsEqual(y.utf8)
        default: return false
        }
    }

    package func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .bool(let x): hasher.combine(x)
        case .number(let x): hasher.combine(x)
        case .string(let x):
            hasher.combine(3 as UInt8)
            for byte in x.utf8 { hasher.combine(byte) }
        case .json(let x):
            hasher.combine(4 as UInt8)
            for byte in x.utf8 { hasher.combine(byte) }
        }
    }
}

/// A result table: column names and rows of values, in their final order.
package struct RowSet: Sendable {
    package var columns: [String]
    /// The unit of each column's numbers, nil where they are not durations.
    package var units: [DurationUnit?]
    package var rows: [[RowValue]]
    /// Columns of descriptive text rather than values (the path and types of `loupe fields`):
    /// text outputs write their strings as they are, never JSON-quoted (see `CellText`).
    package var labelColumns: Set<Int> = []

    package init(columns: [String], units: [DurationUnit?]? = nil, rows: [[RowValue]]) {
        self.columns = columns
        self.units = units ?? Array(repeating: nil, count: columns.count)
        self.rows = rows
    }

    /// The column names for machine formats, each naming its unit (see `DurationUnit.machineName`).
    package var machineColumns: [String] {
        zip(columns, units).map { DurationUnit.machineName($0, unit: $1) }
    }

    /// Each row as one JSON object (keys in column order), the form row stages read.
    package func jsonLine(_ row: [RowValue]) -> [UInt8] {
        var bytes: [UInt8] = [0x7B]
        for (i, value) in row.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            JSONString.appendQuoted(columns[i].utf8, to: &bytes)
            bytes.append(0x3A)
            bytes.append(contentsOf: value.jsonText.utf8)
        }
        bytes.append(0x7D)
        return bytes
    }
}
