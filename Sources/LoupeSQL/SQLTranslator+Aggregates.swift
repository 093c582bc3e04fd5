import LoupeQuery

/// Aggregates over the JSON text of their argument. Numbers are JSON numbers and strings
/// holding one (as loupe's `NumericColumn` reads them); null, missing, other strings and
/// booleans are left out.
extension SQLTranslator {
    /// The SQL of one aggregate over the column `argument`, and how its result reads back.
    func aggregate(_ aggregate: Aggregate, argument: String) throws -> (String, SQLColumn.Kind) {
        let number = numberText(argument)
        let double = dialect.double(number)
        switch aggregate.function {
        case .count:
            return (dialect.integerText("count(*)"), .number)
        case .sum:
            // An exact integer while every value is whole and the sum fits in Int64, else a double.
            let exact = "sum(\(dialect.wide("CASE WHEN \(number) IS NOT NULL AND \(isWhole(number)) THEN \(wholeValue(number)) END")))"
            let fractions = dialect.countIf("\(number) IS NOT NULL AND NOT \(isWhole(number))")
            return (
                "(CASE WHEN count(\(number)) = 0 THEN '0' WHEN \(fractions) = 0 AND \(exact) BETWEEN -9223372036854775808 AND 9223372036854775807 THEN \(dialect.integerText(exact)) ELSE \(dialect.doubleText("sum(\(double))")) END)",
                .number
            )
        case .avg:
            return ("(CASE WHEN count(\(number)) > 0 THEN \(dialect.doubleText("avg(\(double))")) END)", .number)
        case .min, .max:
            // The number as the record wrote it, so an integer stays exact.
            return (dialect.argExtreme(number, by: double, largest: aggregate.function == .max), .value)
        case .percentile(let p):
            guard p >= 0, p <= 100 else { throw TranslationError("a percentile is between 0 and 100", at: aggregate.range) }
            return (
                "(CASE WHEN count(\(number)) > 0 THEN \(dialect.doubleText(dialect.percentile(double, fraction: Self.number(p / 100)))) END)",
                .number
            )
        case .distinct:
            return (dialect.integerText(dialect.countDistinct(groupKey(argument))), .number)
        }
    }
}
