import LoupeJSON
import LoupeQuery

/// Compiles a parsed query into a `Program`: resolves paths to scanner slots, compiles
/// regexes once, and derives the prefilter's literals.
package struct Compiler {
    private(set) var paths: [FieldPath] = []
    private var slotOfPath: [FieldPath: Int] = [:]
    var regexes: [CompiledRegex] = []
    private(set) var testedSlots: [Int] = []
    var elementPaths: [ElementPath] = []
    /// Paths that hold durations in a known unit regardless of their name (span `duration`).
    let durationScales: [FieldPath: Double]
    /// Values computed from records (`level()`, `lower(msg)`), by the slot each fills.
    var derived: [DerivedSlot] = []
    var slotOfDerived: [QueryPath: Int] = [:]
    /// `--time-field`: the one candidate of `time()`; nil for `WellKnownFields.time`.
    let timeField: QueryPath?
    /// Rows, not records, are read (the stages after count or stats): a function names the
    /// column it made (`level()`), as any other column is named.
    var functionsAreColumns = false
    /// The fields `eval` and `parse` made so far, by name: their derived slot and unit.
    var names: [String: (slot: Int, scale: Double?)] = [:]
    /// How many `parse` stages hold captures (`DerivedStorage.captures`).
    var captureCount = 0

    package init(durationScales: [FieldPath: Double] = [:], timeField: QueryPath? = nil) {
        self.durationScales = durationScales
        self.timeField = timeField
    }

    /// What besides the query shapes a program.
    package struct Options: Sendable {
        /// Paths holding durations in a known unit (ns per unit), whatever their name.
        package var durationScales: [FieldPath: Double] = [:]
        /// `--since` and `--until` in nanoseconds since the epoch.
        package var since: Int64?
        package var until: Int64?
        /// `--time-field`; nil tries the candidates of `time()` (`WellKnownFields.time`).
        package var timeField: QueryPath?

        package init() {}
    }

    /// Compiles `query`; errors point at the offending part of the query text.
    package static func compile(_ query: Query, options: Options = Options()) throws(QueryError) -> Program {
        var compiler = Compiler(durationScales: options.durationScales, timeField: options.timeField)
        var program = try compiler.compile(query)
        if options.since != nil || options.until != nil {
            // `time()`: `--time-field`, or the well-known candidates.
            let slot = compiler.slot(for: QueryPath([], range: SourceRange(0, 0), functions: [.time]))
            program.paths = PathSet(compiler.paths)
            program.derived = compiler.derived
            program.timeFilter = TimeFilter(slot: slot, since: options.since, until: options.until)
        }
        return program
    }

    mutating func compile(_ query: Query) throws(QueryError) -> Program {
        var filter = query.filter
        var rest = query.stages[...]
        var predicate = try compileExpression(filter)
        // Leading `where`, `eval` and `parse` stages still work on records: a `where` joins
        // the filter, the others add derived values computed before it. Only a `where` before
        // any computed field adds to the prefilter: a computed value's text is not in the line.
        var computes = false
        // The `eval` and `parse` stages, again for whatever runs after a line sort or limit.
        var defining: [Stage] = []
        stages: while let stage = rest.first {
            switch stage {
            case .where(let extra):
                let test = try compileExpression(extra)
                if case .all = predicate { predicate = test } else { predicate = .and(predicate, test) }
                if !computes { filter = filter.isAll ? extra : .and(filter, extra) }
            case .eval(let assignments):
                computes = true
                defining.append(stage)
                for assignment in assignments { try define(assignment) }
            case .parse(let path, let pattern):
                computes = true
                defining.append(stage)
                try defineParse(path, pattern)
            default:
                break stages
            }
            rest = rest.dropFirst()
        }
        let needles = Prefilter.needles(for: filter)
        var lineSort: [Program.LineSortKey] = []
        var lineLimit: Int?
        // Record stages that keep lines as they are: sort and limit before any row stage.
        while let stage = rest.first {
            if case .sort(let keys) = stage, lineLimit == nil {
                var resolved: [Program.LineSortKey] = []
                for key in keys {
                    if let value = key.value {
                        resolved.append(Program.LineSortKey(slot: try valueSlot(value), descending: key.descending))
                        continue
                    }
                    guard let path = key.path else {
                        throw QueryError("'\(key.name)' is not a field; sort by an aggregate after count or stats", at: key.range)
                    }
                    resolved.append(Program.LineSortKey(slot: slot(for: path), descending: key.descending))
                }
                // A later sort decides first; the stable sort keeps the earlier order among ties.
                lineSort = resolved + lineSort
            } else if case .limit(let n) = stage {
                lineLimit = min(lineLimit ?? n, n)
            } else {
                break
            }
            rest = rest.dropFirst()
        }
        let selectsLines = !lineSort.isEmpty || lineLimit != nil
        let plan: Program.Plan = rest.isEmpty || selectsLines ? .lines : .rows(try compileRows(Array(rest)))
        var program = program(predicate: predicate, needles: needles, plan: plan)
        program.lineSort = lineSort
        program.lineLimit = lineLimit
        if selectsLines && !rest.isEmpty {
            // Whatever follows the sort or limit runs over the lines they select.
            var options = Options()
            options.durationScales = durationScales
            options.timeField = timeField
            // They read the selected lines as records: the computed fields are made again.
            let following = Query(filter: .all(SourceRange(0, 0)), stages: defining + Array(rest))
            program.then = Program.Then(try Compiler.compile(following, options: options))
        }
        return program
    }

    mutating func slot(for path: QueryPath) -> Int {
        if let name = named(path) { return name.slot }
        if !path.functions.isEmpty {
            if functionsAreColumns { return slot(for: QueryPath([.key(path.description, dotted: false)], range: path.range)) }
            return derivedSlot(for: path)
        }
        return slot(for: FieldPath(path))
    }

    mutating func slot(for fieldPath: FieldPath) -> Int {
        if let existing = slotOfPath[fieldPath] { return existing }
        paths.append(fieldPath)
        slotOfPath[fieldPath] = paths.count - 1
        return paths.count - 1
    }

    mutating func testedSlot(for path: QueryPath) -> Int {
        let s = slot(for: path)
        // A derived value's text is not in the line: nothing to highlight.
        if path.functions.isEmpty || functionsAreColumns, named(path) == nil, !testedSlots.contains(s) { testedSlots.append(s) }
        return s
    }

    mutating func testedSlot(for path: FieldPath) -> Int {
        let s = slot(for: path)
        if !testedSlots.contains(s) { testedSlots.append(s) }
        return s
    }

    mutating func compileExpression(_ expression: Expression) throws(QueryError) -> Predicate {
        switch expression {
        case .all:
            return .all
        case .and(let a, let b):
            return .and(try compileExpression(a), try compileExpression(b))
        case .or(let a, let b):
            return .or(try compileExpression(a), try compileExpression(b))
        case .not(let inner, _):
            return .not(try compileExpression(inner))
        case .compare(let path, _, _, _) where path.hasWildcard,
            .regex(let path, _, _, _) where path.hasWildcard,
            .member(let path, _, _) where path.hasWildcard,
            .function(_, let path, _, _) where path.hasWildcard:
            return try compileAnyElement(expression, path)
        case .compare(let path, let op, let literal, _):
            if let predicate = try levelComparison(path, op, [literal], range: expression.range) { return predicate }
            return try compileTest(expression, slot: testedSlot(for: path))
        case .member(let path, let values, _):
            if let predicate = try levelComparison(path, nil, values, range: expression.range) { return predicate }
            return try compileTest(expression, slot: testedSlot(for: path))
        case .regex(let path, _, _, _), .function(_, let path, _, _):
            return try compileTest(expression, slot: testedSlot(for: path))
        case .compareValues(.literal(let literal, _), let op, .path(let path), let range):
            // A constant before a path (`5 < a`, `"warn" <= level()`) is the path's comparison
            // with the sides swapped: the byte-level test, with its level and unit rules.
            return try compileExpression(.compare(path, op.mirrored, literal, range))
        case .compareValues(let a, let op, let b, _):
            return .computed(try compileValue(a), Self.comparison(op), try compileValue(b))
        }
    }

    /// Compiles a comparison, regex, membership or function test of the value in `slot`.
    mutating func compileTest(_ expression: Expression, slot: Int) throws(QueryError) -> Predicate {
        switch expression {
        case .compare(let path, let op, let literal, _):
            return .compare(slot: slot, Self.comparison(op), try operand(literal, path: path, range: expression.range))
        case .regex(_, let pattern, let negated, _):
            regexes.append(try compileRegex(pattern))
            return .regex(slot: slot, regex: regexes.count - 1, negated: negated)
        case .member(let path, let values, _):
            var operands: [Operand] = []
            for value in values { operands.append(try operand(value, path: path, range: expression.range)) }
            return .member(slot: slot, operands)
        case .function(let function, _, let argument, _):
            let bytes = Array((argument ?? "").utf8)
            switch function {
            case .exists: return .exists(slot: slot)
            case .contains: return .contains(slot: slot, bytes)
            case .startswith: return .startsWith(slot: slot, bytes)
            case .endswith: return .endsWith(slot: slot, bytes)
            }
        case .all, .and, .or, .not, .compareValues:
            preconditionFailure("compileTest takes a single test of a path")
        }
    }

    static func comparison(_ op: Expression.ComparisonOperator) -> Predicate.Comparison {
        switch op {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        }
    }

    private func operand(_ literal: Literal, path: QueryPath, range: SourceRange) throws(QueryError) -> Operand {
        switch literal {
        case .string(let s): return .string(Array(s.utf8))
        case .number(let n): return .number(Self.value(of: n))
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .duration(let ns):
            return .duration(ns, fieldScale: durationScale(of: path))
        case .timestamp(let text):
            let bytes = Array(text.utf8)
            guard let ns = bytes.withUnsafeBufferPointer({ Timestamp.parseText($0.baseAddress!, $0.count) }) else {
                throw QueryError("invalid timestamp '\(text)' (use RFC 3339, like 2024-03-11T08:00:00Z)", at: range)
            }
            return .timestamp(ns)
        }
    }

    /// A number literal's exact value, read as record numbers are (`1E3` is the integer 1000).
    static func value(of literal: NumberLiteral) -> NumberValue {
        var text = literal.text
        return text.withUTF8 { JSONNumber.value($0.baseAddress!, $0.baseAddress! + $0.count) }
    }

    func durationScale(of path: QueryPath) -> Double? {
        if let name = named(path) { return name.scale }
        if !path.hasWildcard, let scale = durationScales[FieldPath(path)] { return scale }
        for case .key(let name, _) in path.components.reversed() {
            return DurationText.unitScale(forFieldName: name)
        }
        return nil
    }
}

extension Expression {
    var isAll: Bool {
        if case .all = self { return true }
        return false
    }
}

extension FieldPath {
    /// The scanner's form of a query path without `[*]` (the parser allows `[*]` only in
    /// filter tests, and the compiler splits those paths at each `[*]` first).
    package init(_ path: QueryPath) {
        precondition(!path.hasWildcard, "a [*] path reached the scanner: \(path)")
        self.init(steps: path.components)
    }

    /// The scanner's form of steps of a query path that hold no `[*]`.
    init(steps components: [QueryPath.Component]) {
        self.init(
            components.compactMap { component -> FieldPath.Component? in
                switch component {
                case .key(let name, let dotted): return .key(name, dotted: dotted)
                case .index(let i): return .index(i)
                case .anyElement: return nil
                }
            })
    }
}
