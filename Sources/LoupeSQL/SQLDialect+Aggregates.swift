/// The dialects' numbers and aggregates: exact integers, doubles written so they read back as
/// doubles, and the group functions the stages use.
extension SQLDialect {
    /// A double, rounded, as a 64-bit integer.
    func roundedInt64(_ x: String) -> String {
        self == .duckdb ? "CAST(round(\(x)) AS BIGINT)" : "toInt64(round(\(x)))"
    }

    /// A wide integer for exact sums.
    func wide(_ x: String) -> String {
        self == .duckdb ? "CAST(\(x) AS HUGEINT)" : "toInt128(\(x))"
    }

    /// An integer as text.
    func integerText(_ x: String) -> String {
        self == .duckdb ? "CAST(\(x) AS VARCHAR)" : "toString(\(x))"
    }

    /// A double as JSON number text that always reads back as a double (`3.0`, not `3`), so a
    /// whole average stays a fraction as loupe prints it; NULL for NULL.
    func doubleText(_ x: String) -> String {
        switch self {
        case .duckdb:
            // DuckDB writes `3.0`, `1e+20`: both JSON, both read back as the same double.
            return "CAST(CAST(\(x) AS DOUBLE) AS VARCHAR)"
        case .clickhouse:
            return "if(match(toString(toFloat64(\(x))), '[.eEn]'), toString(toFloat64(\(x))), toString(toFloat64(\(x))) || '.0')"
        }
    }

    /// Any one value of the group.
    func anyValue(_ x: String) -> String {
        self == .duckdb ? "any_value(\(x))" : "any(\(x))"
    }

    /// The value of `x` at the row where `by` is smallest (or largest).
    func argExtreme(_ x: String, by: String, largest: Bool) -> String {
        switch self {
        case .duckdb: return "\(largest ? "arg_max" : "arg_min")(\(x), \(by))"
        case .clickhouse: return "\(largest ? "argMax" : "argMin")(\(x), \(by))"
        }
    }

    /// How many rows satisfy `condition`.
    func countIf(_ condition: String) -> String {
        self == .duckdb ? "count(*) FILTER (WHERE \(condition))" : "countIf(\(condition))"
    }

    /// The exact percentile with linear interpolation between closest ranks (Hyndman-Fan type
    /// 7), loupe's definition: DuckDB's `quantile_cont` and ClickHouse's
    /// `quantileExactInclusive` both compute it.
    func percentile(_ x: String, fraction: String) -> String {
        switch self {
        case .duckdb: return "quantile_cont(\(x), \(fraction))"
        case .clickhouse: return "quantileExactInclusive(\(fraction))(\(x))"
        }
    }

    /// How many distinct non-NULL values.
    func countDistinct(_ x: String) -> String {
        "count(DISTINCT \(x))"
    }

    /// A 1-based row number in the order of `order` (a stable order for later stages).
    func rowNumber(orderBy order: String) -> String {
        "row_number() OVER (ORDER BY \(order))"
    }
}
