import LoupeEngine
import LoupeJSON
import LoupeQuery

/// A query-language filter over records the gate builds itself (a group's key fields, a span
/// written as a record), run by the engine's evaluator so the language means the same here
/// as everywhere else.
package struct RecordFilter {
    private var evaluator: RecordEvaluator

    /// Compiles `expression`; `durationScales` names paths holding durations in a known unit
    /// (a span's `duration` is in ns).
    package init(_ expression: Expression, durationScales: [FieldPath: Double] = [:]) throws(QueryError) {
        var options = Compiler.Options()
        options.durationScales = durationScales
        evaluator = RecordEvaluator(program: try Compiler.compile(Query(filter: expression, stages: []), options: options))
    }

    /// Whether the record (one JSON object's text) matches.
    package mutating func matches(_ record: [UInt8]) -> Bool {
        record.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            if case .match = evaluator.evaluate(base, buffer.count) { return true }
            return false
        }
    }

    /// The JSON object `{"field": "value", ...}` of a group key: the record budgets filter.
    package static func record(fields: [String], key: GroupKey) -> [UInt8] {
        var bytes: [UInt8] = [0x7B]
        for (i, (field, value)) in zip(fields, key.values).enumerated() {
            if i > 0 { bytes.append(0x2C) }
            JSONString.appendQuoted(field.utf8, to: &bytes)
            bytes.append(0x3A)
            JSONString.appendQuoted(value.utf8, to: &bytes)
        }
        bytes.append(0x7D)
        return bytes
    }
}
