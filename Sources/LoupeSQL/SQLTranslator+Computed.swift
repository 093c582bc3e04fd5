import LoupeQuery

/// The computed parts of the language (arithmetic, value functions, `eval`, `parse`,
/// `count(EXPR)` and computed aggregate arguments or sort keys) have no SQL translation yet:
/// they are refused, each at its place in the query, rather than translated wrongly.
extension SQLTranslator {
    static let notYet = "does not translate to SQL yet; loupe runs it itself (leave out --engine)"

    /// Throws for the first computed part of `query`.
    static func refuseComputed(_ query: Query) throws {
        try refuseComputed(query.filter)
        for stage in query.stages {
            switch stage {
            case .where(let expression):
                try refuseComputed(expression)
            case .eval(let assignments):
                throw TranslationError("eval \(notYet)", at: assignments.first?.range)
            case .parse(let path, _):
                throw TranslationError("parse \(notYet)", at: path.range)
            case .stats(let aggregates, _):
                for aggregate in aggregates where aggregate.condition != nil || (aggregate.argument != nil && aggregate.path == nil) {
                    throw TranslationError("a computed aggregate (\(aggregate.name)) \(notYet)", at: aggregate.range)
                }
            case .sort(let keys):
                for key in keys where key.value != nil && key.path == nil {
                    throw TranslationError("a computed sort key (\(key.name)) \(notYet)", at: key.range)
                }
            case .count, .limit, .fields, .distinct:
                break
            }
        }
    }

    private static func refuseComputed(_ expression: Expression) throws {
        switch expression {
        case .and(let a, let b), .or(let a, let b):
            try refuseComputed(a)
            try refuseComputed(b)
        case .not(let inner, _):
            try refuseComputed(inner)
        case .compareValues(_, _, _, let range):
            throw TranslationError("a comparison of computed values \(notYet)", at: range)
        case .all, .compare, .regex, .member, .function:
            break
        }
    }
}
