import LoupeKit

/// The examples and the language reference shown by `--help` and `--help-query`.
enum HelpText {
    /// The query examples of DESIGN section 1. Every line of help text is at most 79 columns,
    /// indentation included (ArgumentParser wraps a line of 80 at an 80-column terminal); a
    /// longer command goes on with a trailing ` \\` (HelpTextTests checks every command).
    static let examples = """
        Examples:
          loupe 'level == "error"' app.log             matching lines, byte for byte
          loupe 'http.status >= 500 and service != "auth"' app.log
          loupe 'msg ~ /timeout|refused/i' app.log
          loupe -c 'level == "error"' app.log          count, like grep -c
          loupe '* | count by service | sort count desc | limit 5' app.log
          loupe '* | stats p50(duration_ms), p99(duration_ms) by service' app.log
          loupe 'level == "error" | count by bucket(ts, 1m), service' app.log
          loupe 'duration > 250ms | count by service.name, name' traces.json
        """

    /// DESIGN section 1's examples of the other commands, for the tool's own help.
    static let commandExamples = """
          loupe fields app.log                         which fields exist
          loupe sql --dialect clickhouse --from 's3://logs/*.json.gz' \\
              '* | count by service'                    the query as SQL
          loupe trace --trace 4bf92f3577b34da6a3ce929d0e0e4736 traces.json
          loupe hotspots traces/*.json                 error origins, savings
          loupe gate --baseline main-traces.json pr-traces.json \\
              --percentile 95 --min-effect 0.1
        """

    /// The query grammar in short; `--help-query` has the whole reference.
    static let grammar = """
        Query language (the whole reference: loupe --help-query):
          QUERY   FILTER ['|' STAGE]...
          FILTER  * | VALUE OP VALUE | PATH ~ /regex/flags | PATH in [CONST, ...]
                  | exists(PATH) | contains(PATH, "text") | not F | F and F | F or F
          OP      == != < <= > >=      PATH  http.status, tags[0], tags[*], a["x-id"]
          CONST   "text" 42 true null 250ms 2024-03-11T08:00:00Z
          VALUE   PATH | CONST | V + V | V - V | V * V | V / V | V % V | -V | (V)
                  | coalesce(V, ...) len(V) round(V[, N]) floor(V) ceil(V) abs(V)
          STAGE   where F | eval NAME = V, ... | parse PATH with /(?<name>re)/
                  | count [by KEY, ...] | stats AGG, ... [by KEY, ...]
                  | sort V [desc] | limit N | fields PATH,... | distinct PATH,...
          KEY     PATH | bucket(PATH, 1m)   AGG  count() count(F) sum(V) avg min max
                                                 p50..p999
        """

    /// `loupe sql --help`: the forms of --from and what translates.
    static let sqlExamples = """
        Examples:
          loupe sql --dialect duckdb --from 'logs/*.jsonl' \\
              'level == "error" | count by service'
          loupe sql --dialect clickhouse --from 's3://bucket/logs/*.json.gz' \\
              --cluster prod '* | stats p99(duration_ms) by service'
          loupe sql --dialect clickhouse --from table:logs.raw 'status >= 500'
          loupe --engine duckdb '* | count by service' app.log    run it there

        The SQL reads each record as its JSON text (ClickHouse: LineAsString
        through file(), s3(), s3Cluster(), url() or a table with a String
        column line; DuckDB: read_ndjson_objects) and extracts values per
        record, so loupe's rules hold: missing fields as null, dotted keys,
        numeric strings, exact integers, type-7 percentiles (quantile_cont,
        quantileExactInclusive), UTC buckets, level()/time()/message() as the
        same candidate lists. Every result column holds its value's JSON text.
        Strings, regexes, names and --from are quoted for the dialect.
        Arithmetic is exact on integers (128-bit, then doubles), and eval,
        parse (RE2 named groups), count(EXPR), computed aggregate arguments and
        sort keys translate. What has no translation is refused with the reason
        (exit 2): PCRE2 lookaround, backreferences, atomic groups, possessive
        quantifiers, recursion, conditionals, \\K \\G \\Z \\R \\X \\h \\v \\N,
        the x flag; durations and timestamps in computed values, len() on
        ClickHouse, parse groups that may take no part in a match.
        """

    /// What every reading command does besides the query.
    static let everyday = """
        Input: files or standard input, plain or gzip or zstd, UTF-8 or UTF-16;
        JSON lines, arrays and pretty values, the items of kubectl -o json, aws
        logs and Elasticsearch answers, RS sequences, lines with a prefix
        (docker compose, kubectl --timestamps): told by the bytes, or by
        --input-format. -f follows a growing file; --since/--until read every
        record, or seek in files whose timestamps never decrease when you add
        --sorted; --stats reports on standard error; colors: --color, NO_COLOR.
        Exit status: 0 when something matched, 1 when nothing did, 2 on an error.
        """

    static let overview = examples + "\n" + commandExamples + "\n\n" + grammar + "\n\n" + everyday

    static let queryExamples = examples + "\n\n" + grammar + "\n\n" + everyday

    static let queryReference = """
        loupe query language

        A query is a filter, optionally followed by stages separated by '|':
            FILTER | STAGE | STAGE ...

        Filters
          *                           every valid record
          level == "error"            == != < <= > >= on strings, numbers, true,
                                      false, null
          http.status >= 500          nested fields; also matches a key "http.status"
          tags[0] == "beta"           array index; headers["user-agent"] quoted key
          tags[*] == "beta"           any element (exceptions[*].type, a[*].b[*]);
                                      != and !~ mean no element does
          msg ~ /timeout|refused/i    PCRE2 regex (flags i m s x); !~ does not match
          level in ["warn", "error"]  any of
          exists(user.id)             the key is present (even if null)
          contains(msg, "disk")       also startswith(...), endswith(...); a third
                                      argument i ignores case: contains(msg, "x", i)
          level() >= "warn"           the well-known fields of any logger: level(),
                                      time(), message() (see below)
          a and b, a or b, not a, (a) 'and' binds tighter than 'or'
          duration_ms / 1000 > 2      arithmetic on either side (see Arithmetic)
          duration_ms > 250ms         durations (ns us ms s m h d) compare with
                                      "563ms" strings, and with numbers whose field
                                      name ends in a unit (see Durations)
          ts >= 2024-03-11T08:00:00Z  timestamps compare with RFC 3339 strings and
                                      epochs

        Rules
          A missing field behaves as null: == is false (unless == null), != is true,
          < <= > >= are false. A number compares numerically with a string holding
          a number ("503" >= 500); a string in the query never equals a number in
          the record (status == "503" is false for 503). Numbers compare
          by exact value: 1000 == 1E3, and whole numbers in the 64-bit range are
          never rounded through a double (1712790000123000001 !=
          1712790000123000002), in filters, groups, sort and sums. Strings compare
          by UTF-8 bytes after decoding escapes. Regexes and
          contains/startswith/endswith apply to strings only. A value that is not
          an array has no elements for [*]; keys, sorts, aggregates and columns
          take one value, so [*] is an error there.

        Durations
          A number compares with a duration when the last word of its field's
          name says the unit: words split at _ and - and where camelCase starts
          one, in any case (duration_ms, latencyMillis, DURATION_MS, took.ms).
          The unit words:
            ns nanos nsec nanoseconds       us µs micros usec microseconds
            ms millis msec milliseconds     s sec secs seconds
          Other numbers have no unit: 'duration > 250ms' on "duration":312 does
          not match, and loupe says so once per field; write 'duration > 250' in
          the field's unit. A span's duration is in nanoseconds.
          In results, a column of durations (such a field, and its sum, avg, min,
          max and percentiles) shows as durations in tables (57.00 ms); json,
          jsonl, csv and tsv keep the number and name the unit in the column
          (p95(duration)_ns, p50_ms) unless its name says it already.

        Arithmetic
          + - * / % and unary -, with * / % before + -, left to right: 1 - 2 - 3
          is -4. Write spaces around a minus between names: a-b is one field.
          Numbers: exact integers while the result fits 64 bits (past 2^53 too),
          then doubles; 7 / 2 is 3.5, 6 / 3 is 2. Durations: d + d, d - d, d % d
          and d * n, n * d, d / n are durations; d / d is a number. A number whose
          field names its unit is that duration next to one (duration_ms + 5ms).
          A string holding a number or a duration counts as one, as in
          comparisons. Missing, null, booleans, other strings, division by zero:
          null, never an error; a type error in constants alone is one
          ("a" + 1: cannot add a string and a number).
          Functions: coalesce(a, b, ...) the first non-null; len(x) characters of
          a string or elements of an array; round(x), round(x, 2), floor(x),
          ceil(x), abs(x).

        \(QueryLanguageReference.wellKnownFields)

        Stages
          where EXPR                       filter (records, or rows after count/stats)
          eval NAME = VALUE, ...           computed fields, per record (or per row
                                           after a table), read by name later
          parse PATH with /RE/             named groups (?<ms>\\d+) become fields;
                                           no match leaves them missing
          count [by KEY, ...]              one row per group with a count column
          stats AGG, ... [by KEY, ...]     aggregates per group
          sort VALUE [asc|desc], ...       stable sort (of lines, or of rows) by a
                                           column or a computed value
          limit N                          the first N lines or rows
          fields PATH, ...                 a table of these fields per record
          distinct PATH, ...               one row per distinct value tuple
          KEY := PATH | bucket(PATH, 1m)   time buckets are aligned to UTC; PATH may
                                           be level(), time(), message(), lower(P)
          AGG := count() | count(EXPR) | sum(V) | avg(V) | min(V) | max(V)
               | distinct(V) | p50(V) | p90(V) | p95(V) | p99(V) | p999(V)
               | percentile(V, 99.9)      (V: a path or a computed value;
                                           count(EXPR) counts records where true)
          Any key or aggregate can be renamed: count by service as svc,
          p99(ms) as slow

        Output
          A filter prints matching lines as they were; with -o json or jsonl
          the records as JSON (compact), with -o csv, tsv, table or markdown a
          column per top-level field. In csv, tsv, tables and markdown, null is
          null and a string that would read as JSON ("1", "", "null") is
          JSON-quoted; control characters are escaped.

        Scaling out
          loupe sql --dialect clickhouse|duckdb --from SOURCE QUERY prints the
          query as SQL over JSON lines (s3Cluster with --cluster); --engine
          clickhouse|duckdb runs it there and prints loupe's output. Regexes run
          in RE2: lookaround, backreferences and the x flag are refused.

        Examples
          loupe '* | count by service | sort count desc | limit 5' app.log
          loupe 'http.status >= 500 | stats count(), p99(duration_ms) by service' \\
              app.log
          loupe 'level == "error" | count by bucket(ts, 1m), service' app.log
          loupe '* | fields ts, level, msg | limit 20' app.log
          loupe '* | distinct user.id | count' app.log
          loupe 'level() >= "warn" | count by level(), bucket(time(), 5m)' *.log
          loupe '* | stats count() as n, count(level() >= "error") as errors \\
              by service | eval rate = errors / n | sort rate desc' app.log
          loupe '* | parse msg with /timeout after (?<after_ms>\\d+)ms/ \\
              | stats p99(after_ms) by service' app.log

        """
}
