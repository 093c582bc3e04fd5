import LoupeQuery

/// A compact, unambiguous rendering of parsed queries for table-style expectations:
/// expressions as S-expressions, paths with `.name` (dotted), `["name"]` (quoted) and `[0]`.
enum ASTRendering {
    static func render(_ query: Query) -> String {
        ([render(query.filter)] + query.stages.map(render)).joined(separator: " | ")
    }

    static func render(_ e: Expression) -> String {
        switch e {
        case .all: return "*"
        case .and(let a, let b): return "(and \(render(a)) \(render(b)))"
        case .or(let a, let b): return "(or \(render(a)) \(render(b)))"
        case .not(let a, _): return "(not \(render(a)))"
        case .compare(let path, let op, let value, _): return "(\(op.rawValue) \(render(path)) \(render(value)))"
        case .compareValues(let a, let op, let b, _): return "(\(op.rawValue) \(render(a)) \(render(b)))"
        case .regex(let path, let pattern, let negated, _):
            return "(\(negated ? "!~" : "~") \(render(path)) /\(pattern.source)/\(pattern.flags))"
        case .member(let path, let values, _):
            return "(in \(render(path)) [\(values.map(render).joined(separator: ", "))])"
        case .function(let function, let path, let argument, _):
            return "(\(function.rawValue) \(render(path))\(argument.map { " \"\($0)\"" } ?? ""))"
        }
    }

    /// Values as S-expressions too: `(- (- 1 2) 3)`, `(neg x)`, `(round x 2)`.
    static func render(_ value: ValueExpression) -> String {
        switch value {
        case .path(let path): return render(path)
        case .literal(let literal, _): return render(literal)
        case .negate(let operand, _): return "(neg \(render(operand)))"
        case .binary(let op, let a, let b, _): return "(\(op.rawValue) \(render(a)) \(render(b)))"
        case .call(let function, let arguments, _): return "(\(function.rawValue)" + arguments.map { " " + render($0) }.joined() + ")"
        }
    }

    static func render(_ path: QueryPath) -> String {
        var text = ""
        for component in path.components {
            switch component {
            case .key(let name, dotted: true): text += "." + name
            case .key(let name, dotted: false): text += "[\"\(name)\"]"
            case .index(let i): text += "[\(i)]"
            case .anyElement: text += "[*]"
            }
        }
        let plain = text.hasPrefix(".") ? String(text.dropFirst()) : text
        return path.functions.reversed().reduce(plain) { "\($1.rawValue)(\($0))" }
    }

    static func render(_ literal: Literal) -> String {
        switch literal {
        case .string(let s): return "\"\(s)\""
        case .number(let literal):
            let n = literal.value
            return n == n.rounded() && abs(n) < 1e15 ? (n.sign == .minus && n == 0 ? "-0" : String(Int64(n))) : String(n)
        case .bool(let b): return String(b)
        case .null: return "null"
        case .duration(let ns): return "\(Int64(ns))ns"
        case .timestamp(let t): return "ts:" + t
        }
    }

    static func render(_ stage: Stage) -> String {
        switch stage {
        case .where(let e): return "where " + render(e)
        case .count(let keys, let name): return "count as \(name)" + by(keys)
        case .stats(let aggregates, let keys): return "stats " + aggregates.map(render).joined(separator: ", ") + by(keys)
        case .sort(let keys):
            return "sort "
                + keys.map {
                    "\($0.name)\($0.path.map { "(path \(render($0)))" } ?? "")\($0.value.map { "(value \(render($0)))" } ?? "") \($0.descending ? "desc" : "asc")"
                }
                .joined(separator: ", ")
        case .limit(let n): return "limit \(n)"
        case .fields(let columns): return "fields " + columns.map(render).joined(separator: ", ")
        case .distinct(let columns): return "distinct " + columns.map(render).joined(separator: ", ")
        case .eval(let assignments): return "eval " + assignments.map { "\($0.name) = \(render($0.value))" }.joined(separator: ", ")
        case .parse(let path, let pattern): return "parse \(render(path)) /\(pattern.source)/\(pattern.flags)"
        }
    }

    static func render(_ column: Column) -> String { "\(render(column.path)) as \(column.name)" }

    static func render(_ aggregate: Aggregate) -> String {
        let function: String
        switch aggregate.function {
        case .count: function = "count"
        case .sum: function = "sum"
        case .avg: function = "avg"
        case .min: function = "min"
        case .max: function = "max"
        case .distinct: function = "distinct"
        case .percentile(let q): function = "percentile[\(q)]"
        }
        let argument = aggregate.condition.map(render) ?? aggregate.argument.map(render) ?? ""
        return "\(function)(\(argument)) as \(aggregate.name)"
    }

    private static func by(_ keys: [GroupKey]) -> String {
        guard !keys.isEmpty else { return "" }
        return " by "
            + keys.map { key in
                switch key.kind {
                case .path(let p): return "\(render(p)) as \(key.name)"
                case .bucket(let p, let width): return "bucket(\(render(p)), \(Int64(width))ns) as \(key.name)"
                }
            }.joined(separator: ", ")
    }
}
