import LoupeJSON
import LoupeQuery

/// Compiling computed values (`ValueExpression`) and the stages that name them: `eval`
/// fields and `parse` groups become derived slots (see `Derivation`), which every later
/// stage reads by name as it reads a field.
extension Compiler {
    /// A value as the evaluator computes it: paths resolved to slots (a name `eval` or
    /// `parse` made resolves to its derived slot), constants decoded once.
    mutating func compileValue(_ value: ValueExpression) throws(QueryError) -> Computation {
        switch value {
        case .path(let path):
            return .slot(slot(for: path), unitScale: durationScale(of: path))
        case .literal(let literal, let range):
            return .constant(try constant(literal, range: range))
        case .negate(let inner, _):
            return .negate(try compileValue(inner))
        case .binary(let op, let a, let b, _):
            return .binary(op, try compileValue(a), try compileValue(b))
        case .call(let function, let arguments, _):
            var compiled: [Computation] = []
            for argument in arguments { compiled.append(try compileValue(argument)) }
            return .call(function, compiled)
        }
    }

    /// The slot holding a value: a plain path's own slot, else a derived slot computed per
    /// record after the scan.
    mutating func valueSlot(_ value: ValueExpression) throws(QueryError) -> Int {
        if let path = value.plainPath { return slot(for: path) }
        if functionsAreColumns {
            throw QueryError(
                "a computed value over a table's rows goes in eval first (| eval x = \(value) | ...), then by its name", at: value.range)
        }
        let computation = try compileValue(value)
        return addComputed(.compute(computation, known: value.knownKind))
    }

    /// The unit (ns per unit) of a value's numbers: a path's, or nanoseconds for a value known
    /// to be a duration, which is written as nanoseconds.
    func valueScale(_ value: ValueExpression) -> Double? {
        if let path = value.plainPath { return durationScale(of: path) }
        return value.knownKind == .duration ? 1 : nil
    }

    /// `eval NAME = VALUE` over records: the value's slot, by name from here on.
    mutating func define(_ assignment: Assignment) throws(QueryError) {
        let computation = try compileValue(assignment.value)
        let slot = addComputed(.compute(computation, known: assignment.value.knownKind))
        names[assignment.name] = (slot, valueScale(assignment.value))
    }

    /// `parse PATH with /re/` over records: one match per record, one field per named group.
    mutating func defineParse(_ path: QueryPath, _ pattern: Expression.Pattern) throws(QueryError) {
        let source = slot(for: path)
        let regex = try compileRegex(pattern)
        let groups = regex.namedGroups
        guard !groups.isEmpty else {
            throw QueryError("parse needs a named group, as in /took (?<ms>\\d+)ms/: each group becomes a field", at: pattern.range)
        }
        regexes.append(regex)
        let capture = captureCount
        captureCount += 1
        _ = addComputed(.match(source: source, regex: regexes.count - 1, capture: capture, groups: regex.groupCount))
        for group in groups {
            names[group.name] = (addComputed(.group(capture: capture, number: group.number)), nil)
        }
    }

    /// A pattern compiled with PCRE2; its error points at the pattern byte PCRE2 named.
    func compileRegex(_ pattern: Expression.Pattern) throws(QueryError) -> CompiledRegex {
        do {
            return try CompiledRegex(pattern.source, flags: pattern.flags)
        } catch {
            // +1 for the opening slash.
            let at = min(pattern.range.start + 1 + error.offset, max(pattern.range.end - 1, pattern.range.start))
            throw QueryError("invalid regex: \(error.message)", at: SourceRange(at, at + 1))
        }
    }

    /// A derived value of its own (never shared: a name may mean another field later).
    mutating func addComputed(_ derivation: Derivation) -> Int {
        let placeholder = QueryPath([.key("\u{0}=\(derived.count)", dotted: false)], range: SourceRange(0, 0))
        let slot = slot(for: FieldPath(placeholder))
        derived.append(DerivedSlot(slot: slot, derivation: derivation))
        return slot
    }

    /// The name an `eval` or `parse` gave, when `path` is that bare name.
    func named(_ path: QueryPath) -> (slot: Int, scale: Double?)? {
        guard !names.isEmpty, path.functions.isEmpty, path.components.count == 1, case .key(let name, _) = path.components[0] else {
            return nil
        }
        return names[name]
    }

    private func constant(_ literal: Literal, range: SourceRange) throws(QueryError) -> Scalar {
        switch literal {
        case .string(let s): return .text(Array(s.utf8))
        case .number(let n): return .number(Self.value(of: n))
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .duration(let ns): return .duration(ns)
        case .timestamp(let text):
            let bytes = Array(text.utf8)
            guard let ns = bytes.withUnsafeBufferPointer({ Timestamp.parseText($0.baseAddress!, $0.count) }) else {
                throw QueryError("invalid timestamp '\(text)' (use RFC 3339, like 2024-03-11T08:00:00Z)", at: range)
            }
            return .timestamp(ns)
        }
    }
}
