import LoupeTestSupport
import Testing

@testable import LoupeQuery

/// A query with stages and what each stage parses to, written by `StageParsingTests.describe`:
/// every name, function, bucket width and the text each key's, aggregate's and sort key's range
/// covers (`@'...'`).
struct StageParseCase: CustomTestStringConvertible, Sendable {
    let query: String
    let stages: [String]
    var testDescription: String { query }

    init(_ query: String, _ stages: String...) {
        self.query = query
        self.stages = stages
    }
}

@Suite("Stage parsing")
struct StageParsingTests {
    // MARK: - Every stage

    static let stageCases: [StageParseCase] = [
        // where: an expression of its own, after row-producing stages too.
        StageParseCase("* | where a == 1", "where @'a == 1'"),
        StageParseCase("* | where a == 1 or exists(b) | count", "where @'a == 1 or exists(b)'", "count as count"),
        StageParseCase("* | count by a | where count > 1", "count as count by [path(a) as a @'a']", "where @'count > 1'"),

        // count: bare, with (), with `as`, by paths, by buckets, keys renamed.
        StageParseCase("* | count", "count as count"),
        StageParseCase("* | count()", "count as count"),
        StageParseCase("* | count() as n", "count as n"),
        StageParseCase("* | count as total by service", "count as total by [path(service) as service @'service']"),
        StageParseCase(
            "* | count by service, http.status",
            "count as count by [path(service) as service @'service', path(http.status) as http.status @'http.status']"),
        StageParseCase(
            #"* | count by ["user-agent"], tags[0], a["b.c"]"#,
            #"count as count by [path(["user-agent"]) as ["user-agent"] @'["user-agent"]', path(tags[0]) as tags[0] @'tags[0]', path(a["b.c"]) as a["b.c"] @'a["b.c"]']"#
        ),
        StageParseCase("* | count by service as svc", "count as count by [path(service) as svc @'service']"),
        StageParseCase(#"* | count by service as "the service""#, "count as count by [path(service) as the service @'service']"),
        StageParseCase("* | count by service as count", "count as count by [path(service) as count @'service']"),
        StageParseCase(
            "* | count by bucket(ts, 1m), service",
            "count as count by [bucket(ts, 60000000000ns) as ts @'bucket(ts, 1m)', path(service) as service @'service']"),
        StageParseCase("* | count by bucket(ts, 5s) as t", "count as count by [bucket(ts, 5000000000ns) as t @'bucket(ts, 5s)']"),
        StageParseCase(
            "* | count by bucket(@timestamp, 1d)",
            "count as count by [bucket(@timestamp, 86400000000000ns) as @timestamp @'bucket(@timestamp, 1d)']"),
        StageParseCase("* | count by bucket(ts, 250ms)", "count as count by [bucket(ts, 250000000ns) as ts @'bucket(ts, 250ms)']"),
        StageParseCase("* | count by bucket(ts, 10us)", "count as count by [bucket(ts, 10000ns) as ts @'bucket(ts, 10us)']"),
        StageParseCase("* | count by bucket(ts, 1ns)", "count as count by [bucket(ts, 1ns) as ts @'bucket(ts, 1ns)']"),
        StageParseCase("* | count by bucket(ts, 1.5s)", "count as count by [bucket(ts, 1500000000ns) as ts @'bucket(ts, 1.5s)']"),
        StageParseCase("* | count by bucket(ts, 2h)", "count as count by [bucket(ts, 7200000000000ns) as ts @'bucket(ts, 2h)']"),
        StageParseCase(
            "* | count by bucket(ts, 106751d)", "count as count by [bucket(ts, 9223286400000000000ns) as ts @'bucket(ts, 106751d)']"),
        // `bucket` not followed by '(' is a field name.
        StageParseCase("* | count by bucket", "count as count by [path(bucket) as bucket @'bucket']"),

        // stats: every function, canonical names, `as`, by keys.
        StageParseCase(
            "* | stats count(), sum(a), avg(a), mean(a), min(a), max(a), distinct(u)",
            "stats [count() as count @'count()', sum(a) as sum(a) @'sum(a)', avg(a) as avg(a) @'avg(a)', avg(a) as mean(a) @'mean(a)', min(a) as min(a) @'min(a)', max(a) as max(a) @'max(a)', distinct(u) as distinct(u) @'distinct(u)']"
        ),
        StageParseCase(
            "* | stats p50(d), p75(d), p90(d), p95(d), p99(d), p999(d), median(d)",
            "stats [percentile(50)(d) as p50(d) @'p50(d)', percentile(75)(d) as p75(d) @'p75(d)', percentile(90)(d) as p90(d) @'p90(d)', percentile(95)(d) as p95(d) @'p95(d)', percentile(99)(d) as p99(d) @'p99(d)', percentile(99.9)(d) as p999(d) @'p999(d)', percentile(50)(d) as median(d) @'median(d)']"
        ),
        StageParseCase(
            "* | stats percentile(d, 99.9), percentile(d, 0), percentile(d, 100), percentile(d, 12.5)",
            "stats [percentile(99.9)(d) as percentile(d, 99.9) @'percentile(d, 99.9)', percentile(0)(d) as percentile(d, 0) @'percentile(d, 0)', percentile(100)(d) as percentile(d, 100) @'percentile(d, 100)', percentile(12.5)(d) as percentile(d, 12.5) @'percentile(d, 12.5)']"
        ),
        StageParseCase("* | stats count", "stats [count() as count @'count']"),
        StageParseCase(
            "* | stats count as n, p99(http.duration_ms) as slow",
            "stats [count() as n @'count', percentile(99)(http.duration_ms) as slow @'p99(http.duration_ms)']"),
        StageParseCase(
            #"* | stats avg(["duration-ms"]) by svc"#,
            #"stats [avg(["duration-ms"]) as avg(["duration-ms"]) @'avg(["duration-ms"])'] by [path(svc) as svc @'svc']"#),
        StageParseCase(
            "* | stats count(), avg(ms) by service, bucket(ts, 1h) as hour",
            "stats [count() as count @'count()', avg(ms) as avg(ms) @'avg(ms)'] by [path(service) as service @'service', bucket(ts, 3600000000000ns) as hour @'bucket(ts, 1h)']"
        ),

        // sort: paths and aggregate spellings name columns; asc is the default.
        StageParseCase("* | sort ts", "sort [ts(path ts) asc @'ts']"),
        StageParseCase(
            "* | sort ts desc, level asc, msg",
            "sort [ts(path ts) desc @'ts desc', level(path level) asc @'level asc', msg(path msg) asc @'msg']"),
        StageParseCase(
            "* | count by s | sort count desc", "count as count by [path(s) as s @'s']", "sort [count(path count) desc @'count desc']"),
        StageParseCase("* | count by s | sort count() desc", "count as count by [path(s) as s @'s']", "sort [count desc @'count() desc']"),
        StageParseCase(
            "* | stats p99(d) by s | sort p99(d) desc, s",
            "stats [percentile(99)(d) as p99(d) @'p99(d)'] by [path(s) as s @'s']",
            "sort [p99(d) desc @'p99(d) desc', s(path s) asc @'s']"),
        StageParseCase(
            "* | stats percentile(d, 99.9) by s | sort percentile(d, 99.9)",
            "stats [percentile(99.9)(d) as percentile(d, 99.9) @'percentile(d, 99.9)'] by [path(s) as s @'s']",
            "sort [percentile(d, 99.9) asc @'percentile(d, 99.9)']"),
        StageParseCase(#"* | sort ["p99(d)"] desc"#, #"sort [["p99(d)"](path ["p99(d)"]) desc @'["p99(d)"] desc']"#),
        StageParseCase("* | sort http.status", "sort [http.status(path http.status) asc @'http.status']"),

        // limit: whole numbers from 0.
        StageParseCase("* | limit 0", "limit 0"),
        StageParseCase("* | limit 20", "limit 20"),
        StageParseCase("* | limit 1e3", "limit 1000"),

        // fields and distinct: paths with optional names.
        StageParseCase("* | fields ts, level, msg", "fields [ts as ts, level as level, msg as msg]"),
        StageParseCase("* | fields http.status as status, user.id", "fields [http.status as status, user.id as user.id]"),
        StageParseCase(#"* | fields headers["user-agent"] as ua"#, #"fields [headers["user-agent"] as ua]"#),
        StageParseCase("* | distinct user.id", "distinct [user.id as user.id]"),
        StageParseCase("* | distinct service, level as lvl", "distinct [service as service, level as lvl]"),

        // Chains in any order.
        StageParseCase(
            "* | distinct user.id | count",
            "distinct [user.id as user.id]", "count as count"),
        StageParseCase(
            "* | fields ts, level, msg | limit 20",
            "fields [ts as ts, level as level, msg as msg]", "limit 20"),
        StageParseCase(
            "* | sort ts desc | limit 20 | fields ts, msg",
            "sort [ts(path ts) desc @'ts desc']", "limit 20", "fields [ts as ts, msg as msg]"),
        StageParseCase(
            "level == \"error\" | count by service | sort count desc | limit 5 | where count > 2",
            "count as count by [path(service) as service @'service']", "sort [count(path count) desc @'count desc']", "limit 5",
            "where @'count > 2'"),
        StageParseCase(
            "* | count by service as svc | stats sum(count) as total, max(count) by svc",
            "count as count by [path(service) as svc @'service']",
            "stats [sum(count) as total @'sum(count)', max(count) as max(count) @'max(count)'] by [path(svc) as svc @'svc']"),
        // Whitespace and newlines between tokens do not matter.
        StageParseCase(
            "*|count   by\n service|sort count\tdesc", "count as count by [path(service) as service @'service']",
            "sort [count(path count) desc @'count\tdesc']"),
    ]

    @Test(arguments: stageCases)
    func stage(_ c: StageParseCase) throws {
        let query = try Parser.parse(c.query)
        #expect(query.stages.map { Self.describe($0, in: c.query) } == c.stages)
    }

    // MARK: - Errors

    static let errorCases: [RenderedErrorCase] = [
        RenderedErrorCase(
            "* |",
            "expected a stage after '|' (where, eval, parse, count, stats, sort, limit, fields or distinct), found end of query at column 4",
            "   ^"),
        RenderedErrorCase(
            "* | | count",
            "expected a stage after '|' (where, eval, parse, count, stats, sort, limit, fields or distinct), found '|' at column 5",
            "    ^"),
        RenderedErrorCase(
            "* | group by a",
            "expected a stage after '|' (where, eval, parse, count, stats, sort, limit, fields or distinct), found 'group' at column 5",
            "    ^^^^^"),
        RenderedErrorCase(
            "* | \"count\"",
            "expected a stage after '|' (where, eval, parse, count, stats, sort, limit, fields or distinct), found \"count\" at column 5",
            "    ^^^^^^^"),
        RenderedErrorCase("* | where", "expected a field name after 'where' at column 10", "         ^"),
        RenderedErrorCase("* | count by a | where", "expected a field name after 'where' at column 23", "                      ^"),
        // count
        RenderedErrorCase("* | count as", "expected a name after 'as' at column 13", "            ^"),
        RenderedErrorCase("* | count as 5", "expected a name after 'as' at column 14", "             ^"),
        RenderedErrorCase("* | count by", "expected a field name after 'by' at column 13", "            ^"),
        RenderedErrorCase("* | count by a,", "expected a field name after ',' at column 16", "               ^"),
        RenderedErrorCase("* | count by a b", "unexpected 'b' after 'a' at column 16", "               ^"),
        RenderedErrorCase("* | count by a as", "expected a name after 'as' at column 18", "                 ^"),
        RenderedErrorCase("* | count(x)", "unexpected '(' after 'count' at column 10", "         ^"),
        RenderedErrorCase(
            "* | count by not", "expected a field name, found the keyword 'not' (quote it as [\"not\"] to use it as a key) at column 14",
            "             ^^^"),
        // bucket
        RenderedErrorCase("* | count by bucket(ts)", "expected ',' and a duration after 'ts' at column 23", "                      ^"),
        RenderedErrorCase(
            "* | count by bucket(ts 1m)", "expected ',' and a duration after 'ts' at column 24", "                       ^^"),
        RenderedErrorCase(
            "* | count by bucket(ts, 5)", "expected a duration like 1m or 5s after ',' at column 25", "                        ^"),
        RenderedErrorCase(
            "* | count by bucket(ts, \"1m\")", "expected a duration like 1m or 5s after ',' at column 25", "                        ^^^^"),
        RenderedErrorCase(
            "* | count by bucket(ts, 0s)", "expected a duration like 1m or 5s after ',' at column 25", "                        ^^"),
        RenderedErrorCase(
            "* | count by bucket(ts, -1m)", "expected a duration like 1m or 5s after ',' at column 25", "                        ^^^"),
        RenderedErrorCase(
            "* | count by bucket(ts, 0.5ns)", "expected a duration like 1m or 5s after ',' at column 25", "                        ^^^^^"),
        RenderedErrorCase(
            "* | count by bucket(ts, 1.5ns)", "a bucket width must be a whole number of nanoseconds up to 106751d at column 25",
            "                        ^^^^^"),
        RenderedErrorCase(
            "* | count by bucket(ts, 106752d)", "a bucket width must be a whole number of nanoseconds up to 106751d at column 25",
            "                        ^^^^^^^"),
        RenderedErrorCase(
            "* | count by bucket(ts, 1e9d)", "a bucket width must be a whole number of nanoseconds up to 106751d at column 25",
            "                        ^^^^"),
        RenderedErrorCase("* | count by bucket(ts, 1m", "expected ')' after duration at column 27", "                          ^"),
        RenderedErrorCase("* | count by bucket(, 1m)", "expected a field name, found ',' at column 21", "                    ^"),
        // stats
        RenderedErrorCase(
            "* | stats",
            "expected an aggregate (count(), sum, avg, min, max, distinct, p50, p90, p95, p99, p999, percentile(path, Q)), found end of query at column 10",
            "         ^"),
        RenderedErrorCase(
            "* | stats p98(d)",
            "expected an aggregate (count(), sum, avg, min, max, distinct, p50, p90, p95, p99, p999, percentile(path, Q)), found 'p98' at column 11",
            "          ^^^"),
        RenderedErrorCase(
            "* | stats avg(d),",
            "expected an aggregate (count(), sum, avg, min, max, distinct, p50, p90, p95, p99, p999, percentile(path, Q)), found end of query at column 18",
            "                 ^"),
        RenderedErrorCase("* | stats sum", "expected '(' after 'sum' at column 14", "             ^"),
        RenderedErrorCase("* | stats sum x", "expected '(' after 'sum' at column 15", "              ^"),
        RenderedErrorCase("* | stats avg()", "expected a field name, found ')' at column 15", "              ^"),
        RenderedErrorCase("* | stats avg(d", "expected ')' after 'd' at column 16", "               ^"),
        RenderedErrorCase("* | stats avg(d, 5)", "expected ')' after 'd' at column 16", "               ^"),
        RenderedErrorCase(
            "* | stats count(x)",
            "count(EXPR) counts the records where EXPR is true, as in count(status >= 500); count(x != null) counts those with a value at column 17",
            "                ^"),
        RenderedErrorCase(
            "* | stats count(", "expected ')' or a test like status >= 500 after '(' at column 17", "                ^"),
        RenderedErrorCase(
            "* | stats percentile(d)", "expected ',' and a percent between 0 and 100 after 'd' at column 23", "                      ^"),
        RenderedErrorCase(
            "* | stats percentile(d, 100.5)", "expected a percent between 0 and 100 at column 25", "                        ^^^^^"),
        RenderedErrorCase(
            "* | stats percentile(d, -1)", "expected a percent between 0 and 100 at column 25", "                        ^^"),
        RenderedErrorCase(
            "* | stats percentile(d, 5ms)", "expected a percent between 0 and 100 at column 25", "                        ^^^"),
        RenderedErrorCase("* | stats percentile(d, 99", "expected ')' after '99' at column 27", "                          ^"),
        RenderedErrorCase("* | stats p99(d) as", "expected a name after 'as' at column 20", "                   ^"),
        RenderedErrorCase("* | stats p99(d) by", "expected a field name after 'by' at column 20", "                   ^"),
        RenderedErrorCase("* | stats p99(d) p50(d)", "unexpected 'p50' after ')' at column 18", "                 ^^^"),
        // sort
        RenderedErrorCase("* | sort", "expected a field name after 'sort' at column 9", "        ^"),
        RenderedErrorCase("* | sort a,", "expected a field name after ',' at column 12", "           ^"),
        RenderedErrorCase("* | sort a descending", "unexpected 'descending' after 'a' at column 12", "           ^^^^^^^^^^"),
        RenderedErrorCase("* | sort a desc desc", "unexpected 'desc' after 'desc' at column 17", "                ^^^^"),
        RenderedErrorCase("* | sort 5", "expected a field name, found '5' at column 10", "         ^"),
        // limit
        RenderedErrorCase("* | limit", "expected a whole number after 'limit' at column 10", "         ^"),
        RenderedErrorCase("* | limit -1", "expected a whole number after 'limit' at column 11", "          ^^"),
        RenderedErrorCase("* | limit 2.5", "expected a whole number after 'limit' at column 11", "          ^^^"),
        RenderedErrorCase("* | limit 5m", "expected a whole number after 'limit' at column 11", "          ^^"),
        RenderedErrorCase("* | limit n", "expected a whole number after 'limit' at column 11", "          ^"),
        RenderedErrorCase("* | limit 1e300", "expected a whole number after 'limit' at column 11", "          ^^^^^"),
        RenderedErrorCase("* | limit 5 5", "unexpected '5' after '5' at column 13", "            ^"),
        // fields and distinct
        RenderedErrorCase("* | fields", "expected a field name after 'fields' at column 11", "          ^"),
        RenderedErrorCase("* | fields a,", "expected a field name after ',' at column 14", "             ^"),
        RenderedErrorCase("* | fields a as", "expected a name after 'as' at column 16", "               ^"),
        RenderedErrorCase("* | fields a as b as c", "unexpected 'as' after 'b' at column 19", "                  ^^"),
        RenderedErrorCase("* | fields a.", "expected a field name after '.' at column 14", "             ^"),
        RenderedErrorCase("* | distinct", "expected a field name after 'distinct' at column 13", "            ^"),
        RenderedErrorCase("* | distinct a b", "unexpected 'b' after 'a' at column 16", "               ^"),
        // Columns count characters, not bytes.
        RenderedErrorCase("größe > 1 | limit x", "expected a whole number after 'limit' at column 19", "                  ^"),
    ]

    @Test(arguments: errorCases)
    func error(_ c: RenderedErrorCase) {
        do {
            let query = try Parser.parse(c.query)
            Issue.record("parsed as \(query.stages.map { Self.describe($0, in: c.query) })")
        } catch {
            #expect(error.rendered(query: c.query) == c.rendered)
        }
    }

    // MARK: - Describing stages

    /// The query text a range covers.
    static func text(_ range: SourceRange, in query: String) -> String {
        String(decoding: Array(query.utf8)[range.start..<range.end], as: UTF8.self)
    }

    static func describe(_ stage: Stage, in query: String) -> String {
        switch stage {
        case .where(let expression):
            return "where @'\(text(expression.range, in: query))'"
        case .count(let keys, let name):
            return "count as \(name)" + describe(keys, in: query)
        case .stats(let aggregates, let keys):
            return "stats [" + aggregates.map { describe($0, in: query) }.joined(separator: ", ") + "]" + describe(keys, in: query)
        case .sort(let keys):
            return "sort ["
                + keys.map { key in
                    "\(key.name)\(key.path.map { "(path \($0))" } ?? "") \(key.descending ? "desc" : "asc") @'\(text(key.range, in: query))'"
                }.joined(separator: ", ") + "]"
        case .limit(let n):
            return "limit \(n)"
        case .fields(let columns):
            return "fields [" + columns.map { "\($0.path) as \($0.name)" }.joined(separator: ", ") + "]"
        case .distinct(let columns):
            return "distinct [" + columns.map { "\($0.path) as \($0.name)" }.joined(separator: ", ") + "]"
        case .eval(let assignments):
            return "eval [" + assignments.map { "\($0.name) = \($0.value) @'\(text($0.range, in: query))'" }.joined(separator: ", ") + "]"
        case .parse(let path, let pattern):
            return "parse \(path) with /\(pattern.source)/\(pattern.flags)"
        }
    }

    static func describe(_ keys: [GroupKey], in query: String) -> String {
        guard !keys.isEmpty else { return "" }
        return " by ["
            + keys.map { key in
                let kind: String
                switch key.kind {
                case .path(let path): kind = "path(\(path))"
                case .bucket(let path, let width): kind = "bucket(\(path), \(Int64(width))ns)"
                }
                return "\(kind) as \(key.name) @'\(text(key.range, in: query))'"
            }.joined(separator: ", ") + "]"
    }

    static func describe(_ aggregate: Aggregate, in query: String) -> String {
        let function: String
        switch aggregate.function {
        case .count: function = "count"
        case .sum: function = "sum"
        case .avg: function = "avg"
        case .min: function = "min"
        case .max: function = "max"
        case .distinct: function = "distinct"
        case .percentile(let q): function = "percentile(\(Token.format(q)))"
        }
        return "\(function)(\(aggregate.path.map(\.description) ?? "")) as \(aggregate.name) @'\(text(aggregate.range, in: query))'"
    }
}
