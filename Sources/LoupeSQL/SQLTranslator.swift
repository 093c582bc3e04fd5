import LoupeEngine
import LoupeJSON
import LoupeQuery

/// Translates a parsed loupe query into one SQL statement for a dialect, keeping loupe's
/// semantics (DESIGN section 4): missing fields as null, dotted keys, numeric strings, exact
/// integers, type-7 percentiles, UTC buckets and the well-known fields' candidate lists.
///
/// The translation is one function per kind of AST node, so new node kinds slot in beside the
/// others: values (`SQLTranslator+Values.swift`: a path to its JSON text, typed views of it),
/// predicates (`+Predicates`), stages (`+Stages`) and aggregates (`+Aggregates`). Every value
/// in the SQL is the JSON text of a loupe value (SQL NULL for a missing field), so types and
/// every digit survive the engine; the caller reads the result columns back (`SQLColumn`).
///
/// What has no faithful translation is refused with a `TranslationError` that points into the
/// query, never translated approximately.
public struct SQLTranslator {
    let dialect: SQLDialect
    /// Nanoseconds per unit of the fields whose unit is known beyond their names (a span's
    /// `duration` is in nanoseconds), by dotted path.
    let durationScales: [String: Double]
    /// The common table expressions written so far, in order.
    var steps: [(name: String, body: String)] = []
    /// Fresh names for lambda parameters.
    let names = NameSource()
    /// The steps up to the records that reach the first stage making rows: loupe's "matched".
    var matchedSteps: Int?
    /// The fields `eval` made over records so far, by name: the column holding each one's JSON
    /// text and its unit, read before the record's own field of that name.
    var evalColumns: [String: (column: String, scale: Double?)] = [:]

    init(dialect: SQLDialect, durationScales: [String: Double]) {
        self.dialect = dialect
        self.durationScales = durationScales
    }

    /// Translates `query` (its text) to read from `source`. `spans`: the records are span
    /// records (DESIGN section 4), whose `duration` is in nanoseconds.
    ///
    /// `generatedNames`: the result columns are named `c0`, `c1`, ... (for a program that reads
    /// them back by position) instead of the query's names.
    public static func translate(
        _ query: String, dialect: SQLDialect, source: SQLSource, spans: Bool = false, generatedNames: Bool = false
    ) throws -> SQLTranslation {
        let parsed: Query
        do {
            parsed = try Parser.parse(query)
        } catch {
            throw TranslationError(error.message, at: error.range)
        }
        return try translate(parsed, dialect: dialect, source: source, spans: spans, generatedNames: generatedNames)
    }

    /// Translates a parsed query (see `translate(_:dialect:source:spans:)`).
    package static func translate(
        _ query: Query, dialect: SQLDialect, source: SQLSource, spans: Bool = false, generatedNames: Bool = false
    ) throws -> SQLTranslation {
        if let problem = source.problem(for: dialect) { throw TranslationError(problem, at: nil) }
        // What loupe itself refuses (a bad regex, `[*]` in a key, a name that is no level) is
        // refused in the same words before any SQL is written.
        var options = Compiler.Options()
        if spans { options.durationScales = [FieldPath(dotted: "duration"): 1] }
        do {
            _ = try Compiler.compile(query, options: options)
        } catch {
            throw TranslationError(error.message, at: error.range)
        }
        var translator = SQLTranslator(dialect: dialect, durationScales: spans ? ["duration": 1] : [:])
        return try translator.translate(query, source: source, generatedNames: generatedNames)
    }

    private mutating func translate(_ query: Query, source: SQLSource, generatedNames: Bool) throws -> SQLTranslation {
        try refuseComputed(query)
        var relation = add(source.records(dialect), shape: .records)
        if case .all = query.filter {
        } else {
            relation = try filter(relation, query.filter)
        }
        for stage in query.stages {
            if matchedSteps == nil, case .records = relation.shape, stage.makesRows { matchedSteps = steps.count }
            relation = try self.stage(stage, after: relation)
        }
        return finish(relation, generatedNames: generatedNames)
    }

    /// Appends a step and returns the relation it defines.
    mutating func add(_ body: String, shape: Relation.Shape, ordered: Bool = false, extras: [String] = []) -> Relation {
        let name = "s\(steps.count)"
        steps.append((name, body))
        return Relation(name: name, shape: shape, ordered: ordered, extras: extras)
    }

    /// The statement: the steps as a WITH list and the final select of the relation's columns
    /// under the query's names, in the order a sort or the input gave.
    private func finish(_ relation: Relation, generatedNames: Bool) -> SQLTranslation {
        let columns: [SQLColumn]
        let select: String
        switch relation.shape {
        case .records:
            columns = [SQLColumn(name: SQLDialect.lineColumn, kind: .record)]
            select = SQLDialect.lineColumn + (generatedNames ? " AS \(Relation.column(0))" : "")
        case .rows(let rowColumns):
            columns = rowColumns
            select = rowColumns.enumerated().map {
                generatedNames ? Relation.column($0.offset) : "\(Relation.column($0.offset)) AS \(dialect.identifier($0.element.name))"
            }.joined(separator: ", ")
        }
        let with = steps.map { "  \($0.name) AS (\n    \($0.body)\n  )" }.joined(separator: ",\n")
        let order = relation.ordered ? "\nORDER BY \(Relation.order)" : ""
        let sql = "WITH\n\(with)\nSELECT \(select)\nFROM \(relation.name)\(order)"
        var probe: String?
        if let matchedSteps {
            let kept = steps.prefix(matchedSteps).map { "  \($0.name) AS (\n    \($0.body)\n  )" }.joined(separator: ",\n")
            probe =
                "WITH\n\(kept)\nSELECT \(dialect.integerText("count(*)")) AS c0 FROM (SELECT 1 AS one FROM \(steps[matchedSteps - 1].name) LIMIT 1) AS probe"
        }
        return SQLTranslation(sql: sql, columns: columns, matchProbe: probe)
    }
}

/// A translated query: the SQL and how to read its result columns back.
public struct SQLTranslation: Sendable {
    /// One statement, without a trailing semicolon.
    public var sql: String
    /// The result columns in order.
    public var columns: [SQLColumn]
    /// For a query that makes rows: SQL whose one cell is 1 when some record reached the first
    /// stage that makes rows (loupe exits 0 then, even when a later `where` leaves no row),
    /// else 0.
    public var matchProbe: String?

    /// Whether the result is the matching records (one `line` column of JSON text).
    public var printsRecords: Bool { columns.count == 1 && columns[0].kind == .record }
}

/// A result column: its name (the query's) and how its text reads back as a loupe value.
public struct SQLColumn: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A record's JSON text, printed as it is.
        case record
        /// The JSON text of a value from the records (a key, a field, min, max); NULL is null.
        case value
        /// A computed number: text with a fraction or exponent is a double (`3.0`), other
        /// text an exact integer; NULL is null.
        case number
        /// A computed value's JSON text: a number as `number` reads it, anything else as
        /// `value` does.
        case computed
    }

    public var name: String
    public var kind: Kind
    /// Nanoseconds per unit of the column's numbers when they are durations (a span's
    /// `duration`, `p95(duration_ms)`), so a later `where p > 50ms` compares like with like.
    var scale: Double?

    init(name: String, kind: Kind, scale: Double? = nil) {
        self.name = name
        self.kind = kind
        self.scale = scale
    }
}

/// One relation of the statement: records (a `line` column of JSON text) or rows (columns
/// `c0`, `c1`, ... of JSON text, named by the query), and whether a sort ordered it (column
/// `_ord` holds each row's place).
struct Relation {
    enum Shape {
        case records
        case rows([SQLColumn])
    }

    var name: String
    var shape: Shape
    var ordered: Bool
    /// Over records, the columns of the fields `eval` made (`SQLTranslator.evalColumns`).
    var extras: [String] = []

    static let order = "_ord"

    /// The SQL name of the i-th row column (generated, so user names never need to be SQL).
    static func column(_ i: Int) -> String { "c\(i)" }

    /// The columns to carry into a step that keeps this relation's shape.
    var carried: String {
        var names: [String]
        switch shape {
        case .records: names = [SQLDialect.lineColumn] + extras
        case .rows(let columns): names = columns.indices.map(Relation.column)
        }
        if ordered { names.append(Relation.order) }
        return names.joined(separator: ", ")
    }
}

/// Fresh names (`t1`, `g2`, ...) for the parameters of the lambdas that bind a value once.
final class NameSource {
    private var count = 0

    func next(_ prefix: String) -> String {
        count += 1
        return "\(prefix)\(count)"
    }
}

extension Stage {
    /// Whether the stage turns records into rows.
    var makesRows: Bool {
        switch self {
        case .count, .stats, .fields, .distinct: return true
        case .where, .sort, .limit, .eval, .parse: return false
        }
    }
}
