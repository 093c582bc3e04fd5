import LoupeJSON
import LoupeQuery

/// The unit of a result column whose numbers are durations: nanoseconds for a span's
/// `duration`, milliseconds for `p95(duration_ms)`.
///
/// A column's unit is decided in one place, `Compiler.unit(of:)`, when the query is compiled;
/// the stages after it and the printers only read it. Numbers keep their value in every format: tables show
/// them as durations (`57.00 ms`), machine formats name the unit in the column
/// (`p95(duration)_ns`).
package struct DurationUnit: Hashable, Sendable {
    /// Nanoseconds per unit: 1 for nanoseconds, 1e6 for milliseconds.
    package var nanoseconds: Double

    package init(nanoseconds: Double) {
        self.nanoseconds = nanoseconds
    }

    /// The unit's short name in ASCII: `ns`, `us`, `ms`, `s`.
    package var symbol: String {
        switch nanoseconds {
        case 1: return "ns"
        case 1e3: return "us"
        case 1e6: return "ms"
        case 1e9: return "s"
        case 60e9: return "m"
        case 3600e9: return "h"
        case 86400e9: return "d"
        default: return DurationText.number(nanoseconds) + "ns"
        }
    }

    /// The column's name in machine formats (JSON, CSV, TSV): the name with `_` and the unit
    /// appended (`p95(duration)_ns`, `p95_ms` for `as p95`), unless the name already says the
    /// unit (see `isNamed(by:)`).
    package static func machineName(_ name: String, unit: DurationUnit?) -> String {
        guard let unit, !unit.isNamed(by: name) else { return name }
        return name + "_" + unit.symbol
    }

    /// Whether a column name says this unit: its last key's last word does (`duration_ms`,
    /// `took.ms`, `p95_ms`), or it is an aggregate of a field whose name does
    /// (`p95(duration_ms)`, `percentile(latencyMillis, 90)`).
    func isNamed(by name: String) -> Bool {
        var candidates = [Substring(name)]
        if name.hasSuffix(")"), let open = name.firstIndex(of: "(") {
            candidates.append(name[name.index(after: open)...].prefix { $0 != "," && $0 != ")" })
        }
        return candidates.contains { text in
            let lastKey = text.split(separator: ".", omittingEmptySubsequences: false).last ?? text
            return DurationText.unitScale(forFieldName: String(lastKey)) == nanoseconds
        }
    }

}

/// What a result column holds, as far as its unit goes.
enum ColumnSource {
    /// The values at a path: a key, a `fields` or a `distinct` column.
    case values(QueryPath)
    /// `bucket(PATH, WIDTH)`: timestamps.
    case bucket
    /// An aggregate over a path or a computed value (none for `count()`).
    case aggregate(Aggregate.Function, ValueExpression?)
}

extension Compiler {
    /// The unit of a column: the one place it is decided.
    ///
    /// Values at a path are in the path's unit: a known duration path (span `duration`), else
    /// the unit its last key's name says (`duration_ms`, `latencyMillis`), else none. The
    /// aggregates that measure in their argument's unit keep it (sum, avg, min, max,
    /// percentiles); counts (`count()`, `distinct(P)`) and time buckets have none. A column of
    /// a later stage over rows is a path too: its unit is the earlier column's, passed on
    /// through `durationScales(columns:units:)`.
    func unit(of column: ColumnSource) -> DurationUnit? {
        switch column {
        case .values(let path): return durationScale(of: path).map(DurationUnit.init(nanoseconds:))
        case .bucket: return nil
        case .aggregate(.sum, let value?), .aggregate(.avg, let value?), .aggregate(.min, let value?), .aggregate(.max, let value?),
            .aggregate(.percentile, let value?):
            // A computed argument known to be a duration is written in nanoseconds.
            return valueScale(value).map(DurationUnit.init(nanoseconds:))
        case .aggregate: return nil
        }
    }

    /// The duration scales the stages after a row-producing stage see: each column with a unit,
    /// by its name, so that `stats p95(duration) as p | where p > 50ms` compares in the column's
    /// unit and `| stats max(p)` keeps it.
    static func durationScales(columns: [String], units: [DurationUnit?]) -> [FieldPath: Double] {
        var scales: [FieldPath: Double] = [:]
        for (name, unit) in zip(columns, units) {
            guard let unit else { continue }
            scales[FieldPath(dotted: name)] = unit.nanoseconds
            scales[FieldPath([.key(name, dotted: false)])] = unit.nanoseconds
        }
        return scales
    }
}
