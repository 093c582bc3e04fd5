/// The SQL engines a query translates to. Each dialect supplies the few primitives the
/// translator builds everything from (reading a JSON value out of a record's text, typing it,
/// matching, aggregating), so the semantics are written once, in `SQLTranslator`.
public enum SQLDialect: String, CaseIterable, Sendable {
    /// ClickHouse (`clickhouse-local`, `clickhouse-client`, chDB): records read as
    /// `LineAsString`, values with `JSONExtractRaw`, regexes with RE2's `match`.
    case clickhouse
    /// DuckDB: records read with `read_ndjson_objects`, values with `json_extract` and JSON
    /// Pointers, regexes with RE2's `regexp_matches`.
    case duckdb

    /// The name users write after `--dialect` and `--engine`.
    public var name: String { rawValue }
}

/// A step of a path into a JSON value: a literal key or an array index (loupe's, from 0).
package enum JSONStep: Equatable, Sendable {
    case key(String)
    case index(Int)
}

extension SQLDialect {
    /// The column that holds each record's JSON text in the record relation.
    static let lineColumn = "line"

    /// The JSON text of the value at `steps` inside the JSON text `json`, as the engine
    /// re-serializes it; SQL NULL when there is no such value (a present `null` is the text
    /// `null`, so "missing" and "null" stay apart for `exists()`).
    func extract(_ json: String, _ steps: [JSONStep]) -> String {
        if steps.isEmpty { return json }
        switch self {
        case .duckdb:
            // A JSON Pointer names any key, whatever characters it holds (`~0`, `~1` escapes).
            let pointer = steps.map { step -> String in
                switch step {
                case .key(let k): return "/" + k.replacingAll("~", with: "~0").replacingAll("/", with: "~1")
                case .index(let i): return "/\(i)"
                }
            }.joined()
            return "CAST(json_extract(\(json), \(literal(pointer))) AS VARCHAR)"
        case .clickhouse:
            // JSONExtractRaw counts array positions from 1 and answers '' for no value.
            let arguments = steps.map { step -> String in
                switch step {
                case .key(let k): return literal(k)
                case .index(let i): return String(i + 1)
                }
            }
            return "nullIf(JSONExtractRaw(\(json), \(arguments.joined(separator: ", "))), '')"
        }
    }

    /// Whether the JSON text `raw` is a string (the engines write strings with a leading quote).
    func isString(_ raw: String) -> String {
        switch self {
        case .duckdb: return "starts_with(\(raw), '\"')"
        case .clickhouse: return "startsWith(\(raw), '\"')"
        }
    }

    /// Whether the JSON text `raw` is a number.
    func isNumber(_ raw: String) -> String {
        fullMatch(raw, "-?[0-9].*")
    }

    /// The decoded text of a JSON string `raw` (escapes resolved).
    func stringValue(_ raw: String) -> String {
        switch self {
        case .duckdb: return "json_extract_string(\(raw), '$')"
        case .clickhouse: return "JSONExtractString(\(raw))"
        }
    }

    /// A SQL string as JSON string text (quoted and escaped).
    func jsonString(_ text: String) -> String {
        switch self {
        case .duckdb: return "CAST(to_json(\(text)) AS VARCHAR)"
        case .clickhouse: return "toJSONString(\(text))"
        }
    }

    /// Whether the whole of `text` matches the RE2 `pattern` (given as plain text, quoted here).
    func fullMatch(_ text: String, _ pattern: String) -> String {
        switch self {
        case .duckdb: return "regexp_full_match(\(text), \(literal(pattern)))"
        case .clickhouse: return "match(\(text), \(literal("^(?:" + pattern + ")$")))"
        }
    }

    /// Whether `text` contains a match of the RE2 pattern, an SQL expression.
    func search(_ text: String, _ pattern: String) -> String {
        switch self {
        case .duckdb: return "regexp_matches(\(text), \(pattern))"
        case .clickhouse: return "match(\(text), \(pattern))"
        }
    }

    /// The first capture group of the RE2 `pattern` in `text`, '' when there is none.
    func capture(_ text: String, _ pattern: String, group: Int) -> String {
        switch self {
        case .duckdb: return "regexp_extract(\(text), \(literal(pattern)), \(group))"
        case .clickhouse: return "extractGroups(\(text), \(literal(pattern)))[\(group)]"
        }
    }

    func contains(_ text: String, _ needle: String) -> String {
        switch self {
        case .duckdb: return "contains(\(text), \(literal(needle)))"
        case .clickhouse: return "(position(\(text), \(literal(needle))) > 0)"
        }
    }

    func startsWith(_ text: String, _ prefix: String) -> String {
        switch self {
        case .duckdb: return "starts_with(\(text), \(literal(prefix)))"
        case .clickhouse: return "startsWith(\(text), \(literal(prefix)))"
        }
    }

    func endsWith(_ text: String, _ suffix: String) -> String {
        switch self {
        case .duckdb: return "ends_with(\(text), \(literal(suffix)))"
        case .clickhouse: return "endsWith(\(text), \(literal(suffix)))"
        }
    }

    func lower(_ text: String) -> String {
        self == .duckdb ? "lower(\(text))" : "lowerUTF8(\(text))"
    }

    func upper(_ text: String) -> String {
        self == .duckdb ? "upper(\(text))" : "upperUTF8(\(text))"
    }

    /// Number text as a double (NULL when it is none).
    func double(_ text: String) -> String {
        self == .duckdb ? "TRY_CAST(\(text) AS DOUBLE)" : "toFloat64OrNull(\(text))"
    }

    /// Whole-number text as a 64-bit integer, NULL when it is not one or out of range.
    func int64(_ text: String) -> String {
        // DuckDB's cast rounds `20.5` to 21: only integer text may pass.
        self == .duckdb ? "TRY_CAST(CASE WHEN regexp_full_match(\(text), '-?[0-9]+') THEN \(text) END AS BIGINT)" : "toInt64OrNull(\(text))"
    }

    /// `body` with `name` standing for the value of `value`, computed once: a one-element list
    /// mapped by a lambda (both engines inline lambdas), so a long expression is not repeated
    /// in the SQL text for each use.
    func bind(_ value: String, as name: String, in body: String) -> String {
        switch self {
        case .duckdb: return "list_transform([\(value)], lambda \(name): \(body))[1]"
        case .clickhouse: return "arrayMap(\(name) -> \(body), [\(value)])[1]"
        }
    }

    /// The text with a leading name followed by digits reduced to the name (`debug5` is
    /// `debug`; `d1` stays, a name needs two letters).
    func withoutVerbosity(_ text: String) -> String {
        switch self {
        case .duckdb: return "regexp_replace(\(text), '^([a-z][a-z]+)[0-9]+$', '\\1')"
        case .clickhouse: return "replaceRegexpOne(\(text), '^([a-z][a-z]+)[0-9]+$', '\\\\1')"
        }
    }

    /// Whether some element of the JSON array text `array` passes `test` (a predicate over the
    /// element's JSON text, written with `element` standing for it). A value that is no array
    /// has no elements.
    func anyElement(_ array: String, element: String, _ test: String) -> String {
        switch self {
        case .duckdb:
            return
                "coalesce(len(list_filter(CAST(json_extract(CASE WHEN json_type(\(array)) = 'ARRAY' THEN \(array) END, '$[*]') AS VARCHAR[]), lambda \(element): coalesce(\(test), false))) > 0, false)"
        case .clickhouse:
            return "arrayExists(\(element) -> coalesce(\(test), false), JSONExtractArrayRaw(coalesce(\(array), '')))"
        }
    }
}
