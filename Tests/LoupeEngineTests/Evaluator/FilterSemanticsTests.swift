import Testing

@testable import LoupeEngine

/// A record, a filter, and whether the filter selects the record.
struct SemanticsCase: CustomTestStringConvertible, Sendable {
    let record: String
    let query: String
    let matches: Bool
    var testDescription: String { "\(query)  on  \(record)" }
    init(_ record: String, _ query: String, _ matches: Bool) {
        self.record = record
        self.query = query
        self.matches = matches
    }

    /// The evaluator decides the record alone; the chunk processor with its prefilter and the
    /// `-v` path (no prefilter) must select exactly the same.
    func check() throws {
        switch try EngineHarness.evaluate(query, record) {
        case .match: #expect(matches, "evaluator matched")
        case .noMatch: #expect(!matches, "evaluator did not match")
        case .invalid(let error): Issue.record("record rejected: \(error)")
        }
        let selected = try EngineHarness.select(query, [record])
        #expect(selected.grep == (matches ? [0] : []), "prefiltered run")
        #expect(selected.viaInvert == (matches ? [0] : []), "-v run")
    }
}

private let T = true
private let F = false

/// DESIGN section 4, "Semantics to keep", for filters: each rule as rows of a table.
@Suite("Filter semantics")
struct FilterSemanticsTests {
    static let strings: [SemanticsCase] = [
        SemanticsCase(#"{"level":"error"}"#, #"level == "error""#, T),
        SemanticsCase(#"{"level":"error"}"#, #"level != "error""#, F),
        SemanticsCase(#"{"level":"error"}"#, #"level == "Error""#, F),
        SemanticsCase(#"{"level":"error"}"#, #"level == "err""#, F),
        SemanticsCase(#"{"level":"error"}"#, #"level == "errors""#, F),
        SemanticsCase(#"{"level":"error"}"#, #"level < "f""#, T),
        SemanticsCase(#"{"level":"error"}"#, #"level > "e""#, T),
        SemanticsCase(#"{"level":"error"}"#, #"level >= "error""#, T),
        SemanticsCase(#"{"level":"error"}"#, #"level <= "error""#, T),
        SemanticsCase(#"{"level":"error"}"#, #"level < "error""#, F),
        SemanticsCase(#"{"level":"error"}"#, #"level > "error""#, F),
        SemanticsCase(#"{"level":"error"}"#, #"level > "errors""#, F),
        SemanticsCase(#"{"s":""}"#, #"s == """#, T),
        SemanticsCase(#"{"s":""}"#, #"s < "a""#, T),
        SemanticsCase(#"{"s":"a"}"#, #"s > """#, T),
        // Strings order by code point, which is UTF-8 byte order (not UTF-16's).
        SemanticsCase(#"{"s":"Z"}"#, #"s < "a""#, T),
        SemanticsCase(#"{"s":"é"}"#, #"s > "z""#, T),
        SemanticsCase(#"{"s":"😀"}"#, #"s > "\uffff""#, T),
        SemanticsCase(#"{"s":"\ud83d\ude00"}"#, #"s > "\uffff""#, T),
        SemanticsCase(#"{"s":"\uffff"}"#, #"s < "😀""#, T),
        // Comparisons see decoded values, on both sides.
        SemanticsCase(#"{"level":"err\u006fr"}"#, #"level == "error""#, T),
        SemanticsCase(#"{"level":"\u0065rror"}"#, #"level == "error""#, T),
        SemanticsCase(#"{"level":"error"}"#, #"level == "err\u006fr""#, T),
        SemanticsCase(#"{"lev\u0065l":"error"}"#, #"level == "error""#, T),
        SemanticsCase(#"{"msg":"a\"b"}"#, #"msg == 'a"b'"#, T),
        SemanticsCase(#"{"msg":"a\/b"}"#, #"msg == "a/b""#, T),
        SemanticsCase(#"{"msg":"a/b"}"#, #"msg == "a\/b""#, T),
        SemanticsCase(#"{"msg":"tab\there"}"#, #"msg == "tab\there""#, T),
        SemanticsCase(#"{"msg":"line\nbreak"}"#, #"msg == "line\nbreak""#, T),
        SemanticsCase(#"{"msg":"back\\slash"}"#, #"msg == "back\\slash""#, T),
        SemanticsCase(#"{"s":"\ud83d\ude00"}"#, #"s == "😀""#, T),
        SemanticsCase(#"{"s":"😀"}"#, #"s == "\ud83d\ude00""#, T),
        SemanticsCase(#"{"s":"\u00e9"}"#, #"s == "é""#, T),
        SemanticsCase(#"{"s":"\u00E9t\u00e9"}"#, #"s == "été""#, T),
        SemanticsCase(#"{"s":"\ud800"}"#, #"s == "\ufffd""#, T),
        SemanticsCase(#"{"s":"e\u0301"}"#, #"s == "é""#, F),  // no Unicode normalization
    ]

    static let numbers: [SemanticsCase] = [
        SemanticsCase(#"{"n":1000}"#, "n == 1000.0", T),
        SemanticsCase(#"{"n":1000}"#, "n == 1e3", T),
        SemanticsCase(#"{"n":1000}"#, "n == 1E3", T),
        SemanticsCase(#"{"n":1e3}"#, "n == 1000", T),
        SemanticsCase(#"{"n":1E+3}"#, "n == 1000", T),
        SemanticsCase(#"{"n":1000.0}"#, "n == 1000", T),
        SemanticsCase(#"{"n":10000e-1}"#, "n == 1000", T),
        SemanticsCase(#"{"n":1000}"#, "n != 1000.0", F),
        SemanticsCase(#"{"n":-0}"#, "n == 0", T),
        SemanticsCase(#"{"n":0}"#, "n == -0", T),
        SemanticsCase(#"{"n":-0.0}"#, "n < 0", F),
        SemanticsCase(#"{"n":1.5}"#, "n > 1", T),
        SemanticsCase(#"{"n":1.5}"#, "n < 2", T),
        SemanticsCase(#"{"n":1.5}"#, "n >= 1.5", T),
        SemanticsCase(#"{"n":1.5}"#, "n <= 1.4999", F),
        SemanticsCase(#"{"n":1.5}"#, "n != 1.5", F),
        SemanticsCase(#"{"n":-3}"#, "n < -2", T),
        SemanticsCase(#"{"n":0.1}"#, "n == 0.1", T),
        SemanticsCase(#"{"n":0.30000000000000004}"#, "n > 0.3", T),
        // Numbers compare by exact value: integers beyond 2^53 are not rounded through a double.
        SemanticsCase(#"{"n":9007199254740993}"#, "n == 9007199254740992", F),
        SemanticsCase(#"{"n":9007199254740993}"#, "n > 9007199254740992", T),
        SemanticsCase(#"{"n":9007199254740993}"#, "n < 9007199254740994", T),
        SemanticsCase(#"{"n":9007199254740993}"#, "n == 9007199254740993", T),
        SemanticsCase(#"{"id":1712790000123000002}"#, "id == 1712790000123000001", F),
        SemanticsCase(#"{"id":1712790000123000002}"#, "id != 1712790000123000001", T),
        SemanticsCase(#"{"id":1712790000123000002}"#, "id > 1712790000123000001", T),
        SemanticsCase(#"{"id":1712790000123000001}"#, "id == 1712790000123000001", T),
        SemanticsCase(#"{"id":1712790000123000001}"#, "id < 1712790000123000002", T),
        SemanticsCase(#"{"id":1712790000123000001.0}"#, "id == 1712790000123000001", T),
        SemanticsCase(#"{"id":1.712790000123000001E18}"#, "id == 1712790000123000001", T),
        SemanticsCase(#"{"id":17127900001230000010e-1}"#, "id == 1712790000123000001", T),
        SemanticsCase(#"{"id":1712790000123000001}"#, "id == 1.712790000123000001e18", T),
        SemanticsCase(#"{"id":1712790000123000001}"#, "id == 1.712790000123e18", F),
        SemanticsCase(#"{"id":1712790000123000064}"#, "id == 1.712790000123e18", F),
        SemanticsCase(#"{"id":1712790000123000002}"#, "id in [1712790000123000001, 5]", F),
        SemanticsCase(#"{"id":1712790000123000001}"#, "id in [1712790000123000001, 5]", T),
        // Strings holding a number follow the same exact rule.
        SemanticsCase(#"{"id":"1712790000123000002"}"#, "id == 1712790000123000001", F),
        SemanticsCase(#"{"id":"1712790000123000001"}"#, "id == 1712790000123000001", T),
        SemanticsCase(#"{"id":"171279000012300000\u0031"}"#, "id == 1712790000123000001", T),
        SemanticsCase(#"{"id":"171279000012300000\u0032"}"#, "id == 1712790000123000001", F),
        SemanticsCase(#"{"id":"1712790000123000001"}"#, #"id == "1712790000123000001""#, T),
        // The ends of Int64, and just past them.
        SemanticsCase(#"{"n":9223372036854775807}"#, "n == 9223372036854775807", T),
        SemanticsCase(#"{"n":9223372036854775807}"#, "n == 9223372036854775806", F),
        SemanticsCase(#"{"n":9223372036854775807}"#, "n < 9223372036854775808", T),
        SemanticsCase(#"{"n":9223372036854775808}"#, "n > 9223372036854775807", T),
        SemanticsCase(#"{"n":9223372036854775807}"#, "n == 9.223372036854775807e18", T),
        SemanticsCase(#"{"n":-9223372036854775808}"#, "n == -9223372036854775808", T),
        SemanticsCase(#"{"n":-9223372036854775808}"#, "n > -9223372036854775807", F),
        SemanticsCase(#"{"n":-9223372036854775807}"#, "n > -9223372036854775808", T),
        SemanticsCase(#"{"n":1e400}"#, "n > 9223372036854775807", T),
        SemanticsCase(#"{"n":-1e400}"#, "n < -9223372036854775808", T),
        SemanticsCase(#"{"n":9223372036854775807}"#, "n < 1e400", T),
        // Fractions against integers, exactly.
        SemanticsCase(#"{"n":9007199254740993}"#, "n < 9007199254740993.5", T),
        SemanticsCase(#"{"n":0.5}"#, "n > 0", T),
        SemanticsCase(#"{"n":-0.5}"#, "n < 0", T),
        SemanticsCase(#"{"n":-0.5}"#, "n > -1", T),
        SemanticsCase(#"{"n":2}"#, "n > 1.9999999", T),
        SemanticsCase(#"{"n":1.00000000000000000001}"#, "n == 1", T),  // its nearest double is 1
        SemanticsCase(#"{"n":1e400}"#, "n > 1e308", T),
        SemanticsCase(#"{"n":1e400}"#, "n == 1e400", T),
        SemanticsCase(#"{"n":-1e400}"#, "n < -1e308", T),
        SemanticsCase(#"{"n":1e-400}"#, "n == 0", T),
        SemanticsCase(#"{"n":503}"#, "n >= 500", T),
        SemanticsCase(#"{"n":499}"#, "n >= 500", F),
    ]

    static let mixedTypes: [SemanticsCase] = [
        // A number literal compares numerically with a string holding a JSON number.
        SemanticsCase(#"{"status":"503"}"#, "status >= 500", T),
        SemanticsCase(#"{"status":"503"}"#, "status == 503", T),
        SemanticsCase(#"{"status":"503"}"#, "status != 503", F),
        SemanticsCase(#"{"status":"503"}"#, "status < 600", T),
        SemanticsCase(#"{"status":"5.03e2"}"#, "status == 503", T),
        SemanticsCase(#"{"status":"-1.5"}"#, "status < 0", T),
        SemanticsCase(#"{"status":"1e400"}"#, "status > 1e308", T),
        SemanticsCase(#"{"status":"5\u00303"}"#, "status == 503", T),
        // ... but only a whole JSON number: no spaces, leading zeros, units or signs JSON lacks.
        SemanticsCase(#"{"status":" 503"}"#, "status == 503", F),
        SemanticsCase(#"{"status":" 503"}"#, "status != 503", T),
        SemanticsCase(#"{"status":"503 "}"#, "status >= 500", F),
        SemanticsCase(#"{"status":"0503"}"#, "status == 503", F),
        SemanticsCase(#"{"status":"+503"}"#, "status == 503", F),
        SemanticsCase(#"{"status":"503ms"}"#, "status == 503", F),
        SemanticsCase(#"{"status":"0x1F7"}"#, "status == 503", F),
        SemanticsCase(#"{"status":""}"#, "status == 0", F),
        SemanticsCase(#"{"status":"NaN"}"#, "status != 0", T),
        // A string literal never equals a number, and strings and numbers are never ordered.
        SemanticsCase(#"{"status":503}"#, #"status == "503""#, F),
        SemanticsCase(#"{"status":503}"#, #"status != "503""#, T),
        SemanticsCase(#"{"status":503}"#, #"status < "6""#, F),
        SemanticsCase(#"{"status":503}"#, #"status > "5""#, F),
        SemanticsCase(#"{"status":503}"#, #"status >= "503""#, F),
        // A string literal against a string holding a number compares as strings.
        SemanticsCase(#"{"status":"503"}"#, #"status == "503""#, T),
        SemanticsCase(#"{"status":"503"}"#, #"status == "503.0""#, F),
        SemanticsCase(#"{"status":"1000"}"#, #"status < "2""#, T),
        // Booleans equal booleans only and are never ordered.
        SemanticsCase(#"{"ok":true}"#, "ok == true", T),
        SemanticsCase(#"{"ok":true}"#, "ok != true", F),
        SemanticsCase(#"{"ok":true}"#, "ok == false", F),
        SemanticsCase(#"{"ok":true}"#, "ok != false", T),
        SemanticsCase(#"{"ok":false}"#, "ok == false", T),
        SemanticsCase(#"{"ok":true}"#, "ok == 1", F),
        SemanticsCase(#"{"ok":true}"#, #"ok == "true""#, F),
        SemanticsCase(#"{"ok":true}"#, #"ok != "true""#, T),
        SemanticsCase(#"{"ok":"true"}"#, "ok == true", F),
        SemanticsCase(#"{"ok":1}"#, "ok == true", F),
        SemanticsCase(#"{"ok":true}"#, "ok > false", F),
        SemanticsCase(#"{"ok":true}"#, "ok >= true", F),
        SemanticsCase(#"{"ok":true}"#, "ok <= true", F),
        SemanticsCase(#"{"ok":false}"#, "ok < true", F),
        // null equals null only and is never ordered.
        SemanticsCase(#"{"x":null}"#, "x == null", T),
        SemanticsCase(#"{"x":null}"#, "x != null", F),
        SemanticsCase(#"{"x":null}"#, "x == 0", F),
        SemanticsCase(#"{"x":null}"#, "x != 0", T),
        SemanticsCase(#"{"x":null}"#, #"x == """#, F),
        SemanticsCase(#"{"x":null}"#, #"x == "null""#, F),
        SemanticsCase(#"{"x":null}"#, "x == false", F),
        SemanticsCase(#"{"x":null}"#, "x < 1", F),
        SemanticsCase(#"{"x":null}"#, "x >= null", F),
        SemanticsCase(#"{"x":null}"#, "x <= null", F),
        SemanticsCase(#"{"x":0}"#, "x == null", F),
        SemanticsCase(#"{"x":0}"#, "x != null", T),
        SemanticsCase(#"{"x":"null"}"#, "x == null", F),
        SemanticsCase(#"{"x":0}"#, "x >= null", F),
        // Objects and arrays equal no literal and are never ordered.
        SemanticsCase(#"{"a":{"b":1}}"#, "a == null", F),
        SemanticsCase(#"{"a":{"b":1}}"#, "a != null", T),
        SemanticsCase(#"{"a":{"b":1}}"#, "a == 1", F),
        SemanticsCase(#"{"a":{"b":1}}"#, "a != 1", T),
        SemanticsCase(#"{"a":{"b":1}}"#, "a < 1", F),
        SemanticsCase(#"{"a":{"b":1}}"#, #"a == "{\"b\":1}""#, F),
        SemanticsCase(#"{"a":[1,2]}"#, "a == 1", F),
        SemanticsCase(#"{"a":[1,2]}"#, "a >= 1", F),
        SemanticsCase(#"{"a":[]}"#, "a == null", F),
    ]

    static let missingFields: [SemanticsCase] = [
        // A missing field behaves as null.
        SemanticsCase("{}", "x == null", T),
        SemanticsCase("{}", "x != null", F),
        SemanticsCase("{}", "x == 1", F),
        SemanticsCase("{}", "x != 1", T),
        SemanticsCase("{}", #"x == "a""#, F),
        SemanticsCase("{}", #"x != "a""#, T),
        SemanticsCase("{}", "x == true", F),
        SemanticsCase("{}", "x != true", T),
        SemanticsCase("{}", "x == false", F),
        SemanticsCase("{}", "x < 1", F),
        SemanticsCase("{}", "x > 1", F),
        SemanticsCase("{}", "x <= 1", F),
        SemanticsCase("{}", "x >= 1", F),
        SemanticsCase("{}", #"x < "a""#, F),
        SemanticsCase("{}", #"x >= """#, F),
        SemanticsCase("{}", "x <= null", F),
        SemanticsCase("{}", "x >= null", F),
        SemanticsCase("{}", "x < null", F),
        SemanticsCase("{}", "x ~ /a/", F),
        SemanticsCase("{}", "x ~ //", F),
        SemanticsCase("{}", "x !~ /a/", T),
        SemanticsCase("{}", "exists(x)", F),
        SemanticsCase("{}", #"contains(x, "a")"#, F),
        SemanticsCase("{}", #"contains(x, "")"#, F),
        SemanticsCase("{}", #"startswith(x, "a")"#, F),
        SemanticsCase("{}", #"endswith(x, "a")"#, F),
        SemanticsCase("{}", #"x in [1, "a", true]"#, F),
        SemanticsCase("{}", "x in [null]", T),
        SemanticsCase("{}", "x in [1, null]", T),
        SemanticsCase("{}", "not x == 1", T),
        SemanticsCase("{}", "not x != 1", F),
        SemanticsCase(#"{"a":{"b":1}}"#, "a.c == null", T),
        SemanticsCase(#"{"a":"str"}"#, "a.b == null", T),
        SemanticsCase(#"{"a":"str"}"#, "exists(a.b)", F),
        // exists() is true for a present key, even one whose value is null.
        SemanticsCase(#"{"x":null}"#, "exists(x)", T),
        SemanticsCase(#"{"x":{}}"#, "exists(x)", T),
        SemanticsCase(#"{"x":false}"#, "exists(x)", T),
        SemanticsCase(#"{"x":""}"#, "exists(x)", T),
        SemanticsCase(#"{"a":{"x":1}}"#, "exists(a.x)", T),
        SemanticsCase(#"{"a.x":null}"#, "exists(a.x)", T),
        SemanticsCase(#"{"a":{"x":1}}"#, "exists(a.y)", F),
        SemanticsCase(#"{"tags":["a"]}"#, "exists(tags[0])", T),
        SemanticsCase(#"{"tags":["a"]}"#, "exists(tags[1])", F),
    ]

    static let regexes: [SemanticsCase] = [
        SemanticsCase(#"{"msg":"connection timeout"}"#, "msg ~ /timeout|refused/", T),
        SemanticsCase(#"{"msg":"connection refused"}"#, "msg ~ /timeout|refused/", T),
        SemanticsCase(#"{"msg":"connection reset"}"#, "msg ~ /timeout|refused/", F),
        SemanticsCase(#"{"msg":"connection timeout"}"#, "msg ~ /TIMEOUT/", F),
        SemanticsCase(#"{"msg":"connection timeout"}"#, "msg ~ /TIMEOUT/i", T),
        SemanticsCase(#"{"msg":"connection timeout"}"#, "msg !~ /timeout/", F),
        SemanticsCase(#"{"msg":"connection timeout"}"#, "msg !~ /refused/", T),
        SemanticsCase(#"{"msg":"connection timeout"}"#, "msg ~ /^connection/", T),
        SemanticsCase(#"{"msg":"connection timeout"}"#, "msg ~ /^timeout/", F),
        SemanticsCase(#"{"msg":"connection timeout"}"#, #"msg ~ "time.ut""#, T),
        SemanticsCase(#"{"msg":"connection timeout"}"#, "msg ~ //", T),
        SemanticsCase(#"{"msg":""}"#, "msg ~ /^$/", T),
        SemanticsCase(#"{"msg":"id 42"}"#, #"msg ~ /\d+$/"#, T),
        SemanticsCase(#"{"msg":"a/b"}"#, #"msg ~ /a\/b/"#, T),
        // Flags: m (anchors at line breaks), s (dot matches a newline), x (spaces ignored).
        SemanticsCase(#"{"msg":"a\nb"}"#, "msg ~ /^b$/", F),
        SemanticsCase(#"{"msg":"a\nb"}"#, "msg ~ /^b$/m", T),
        SemanticsCase(#"{"msg":"a\nb"}"#, "msg ~ /a.b/", F),
        SemanticsCase(#"{"msg":"a\nb"}"#, "msg ~ /a.b/s", T),
        SemanticsCase(#"{"msg":"ab"}"#, "msg ~ /a b/", F),
        SemanticsCase(#"{"msg":"ab"}"#, "msg ~ /a b/x", T),
        SemanticsCase(#"{"msg":"A\nB"}"#, "msg ~ /^a.b$/is", T),
        // Regexes see the decoded string, match by character, and apply to strings only.
        SemanticsCase(#"{"msg":"err\u006fr"}"#, "msg ~ /^error$/", T),
        SemanticsCase(#"{"msg":"café"}"#, "msg ~ /^caf.$/", T),
        SemanticsCase(#"{"msg":"caf\u00e9"}"#, "msg ~ /é$/", T),
        SemanticsCase(#"{"msg":"café"}"#, "msg ~ /CAFÉ/i", T),
        SemanticsCase(#"{"n":123}"#, "n ~ /1/", F),
        SemanticsCase(#"{"n":123}"#, "n !~ /1/", T),
        SemanticsCase(#"{"b":true}"#, "b ~ /true/", F),
        SemanticsCase(#"{"z":null}"#, "z ~ /null/", F),
        SemanticsCase(#"{"o":{"k":"v"}}"#, "o ~ /v/", F),
        SemanticsCase(#"{"o":{"k":"v"}}"#, "o !~ /v/", T),
    ]

    static let functions: [SemanticsCase] = [
        SemanticsCase(#"{"msg":"connection timeout"}"#, #"contains(msg, "time")"#, T),
        SemanticsCase(#"{"msg":"connection timeout"}"#, #"contains(msg, "TIME")"#, F),
        SemanticsCase(#"{"msg":"connection timeout"}"#, #"contains(msg, "xyz")"#, F),
        SemanticsCase(#"{"msg":"connection timeout"}"#, #"contains(msg, "")"#, T),
        SemanticsCase(#"{"msg":"connection timeout"}"#, #"contains(msg, "connection timeout!")"#, F),
        SemanticsCase(#"{"msg":"connection timeout"}"#, #"startswith(msg, "conn")"#, T),
        SemanticsCase(#"{"msg":"connection timeout"}"#, #"startswith(msg, "timeout")"#, F),
        SemanticsCase(#"{"msg":"connection timeout"}"#, #"endswith(msg, "timeout")"#, T),
        SemanticsCase(#"{"msg":"connection timeout"}"#, #"endswith(msg, "conn")"#, F),
        SemanticsCase(#"{"msg":"ab"}"#, #"startswith(msg, "abc")"#, F),
        SemanticsCase(#"{"msg":"ab"}"#, #"endswith(msg, "xab")"#, F),
        SemanticsCase(#"{"msg":""}"#, #"startswith(msg, "")"#, T),
        SemanticsCase(#"{"msg":""}"#, #"endswith(msg, "")"#, T),
        SemanticsCase(#"{"msg":"a\u0062c"}"#, #"contains(msg, "bc")"#, T),
        SemanticsCase(#"{"msg":"\u0061bc"}"#, #"startswith(msg, "ab")"#, T),
        SemanticsCase(#"{"msg":"ab\u0063"}"#, #"endswith(msg, "bc")"#, T),
        SemanticsCase(#"{"msg":"x\"y"}"#, #"contains(msg, 'x"y')"#, T),
        SemanticsCase(#"{"msg":"é😀"}"#, #"contains(msg, "😀")"#, T),
        SemanticsCase(#"{"n":123}"#, #"contains(n, "2")"#, F),
        SemanticsCase(#"{"n":123}"#, #"startswith(n, "1")"#, F),
        SemanticsCase(#"{"b":true}"#, #"endswith(b, "e")"#, F),
        SemanticsCase(#"{"o":{"k":"v"}}"#, #"contains(o, "v")"#, F),
        SemanticsCase(#"{"msg":"aaab"}"#, #"contains(msg, "aab")"#, T),
    ]

    static let membership: [SemanticsCase] = [
        SemanticsCase(#"{"level":"warn"}"#, #"level in ["warn", "error"]"#, T),
        SemanticsCase(#"{"level":"error"}"#, #"level in ["warn", "error"]"#, T),
        SemanticsCase(#"{"level":"info"}"#, #"level in ["warn", "error"]"#, F),
        SemanticsCase(#"{"level":"warn"}"#, "level in []", F),
        SemanticsCase(#"{"n":2}"#, #"n in [1, 2.0, "x"]"#, T),
        SemanticsCase(#"{"n":"2"}"#, "n in [2]", T),
        SemanticsCase(#"{"n":"2"}"#, #"n in ["2"]"#, T),
        SemanticsCase(#"{"n":2}"#, #"n in ["2"]"#, F),
        SemanticsCase(#"{"b":false}"#, "b in [0, null, false]", T),
        SemanticsCase(#"{"b":null}"#, "b in [0, false]", F),
        SemanticsCase(#"{"level":"w\u0061rn"}"#, #"level in ["warn"]"#, T),
        SemanticsCase(#"{"level":"warn"}"#, #"not level in ["warn"]"#, F),
    ]

    static let logic: [SemanticsCase] = [
        SemanticsCase(#"{"a":1,"b":2}"#, "a == 1 and b == 2", T),
        SemanticsCase(#"{"a":1,"b":2}"#, "a == 1 and b == 3", F),
        SemanticsCase(#"{"a":1,"b":2}"#, "a == 2 and b == 2", F),
        SemanticsCase(#"{"a":1,"b":2}"#, "a == 2 or b == 2", T),
        SemanticsCase(#"{"a":1,"b":2}"#, "a == 2 or b == 3", F),
        SemanticsCase(#"{"a":1,"b":2}"#, "not a == 1", F),
        SemanticsCase(#"{"a":1,"b":2}"#, "not a == 2", T),
        SemanticsCase(#"{"a":1,"b":2}"#, "not (a == 2 or b == 3)", T),
        SemanticsCase(#"{"a":1,"b":2}"#, "a == 1 or b == 3 and a == 2", T),
        SemanticsCase(#"{"a":1,"b":2}"#, "(a == 1 or b == 3) and a == 2", F),
        SemanticsCase(#"{"a":1,"b":2}"#, "a == 2 and b == 2 or a == 1", T),
        SemanticsCase(#"{"a":1,"b":2}"#, "a == 2 and (b == 2 or a == 1)", F),
        SemanticsCase(#"{"a":1,"b":2}"#, "not not a == 1", T),
        SemanticsCase(#"{"a":1,"b":2}"#, "a == 1 && !(b == 3) || a == 5", T),
        SemanticsCase(#"{"a":1,"b":2}"#, #"level == "error" | where a == 1"#, F),
        SemanticsCase(#"{"level":"error","a":1}"#, #"level == "error" | where a == 1"#, T),
        SemanticsCase(#"{"level":"error","a":1}"#, #"* | where a == 2"#, F),
        // `*` selects every valid record, whatever it is.
        SemanticsCase("{}", "*", T),
        SemanticsCase("[]", "*", T),
        SemanticsCase("1", "*", T),
        SemanticsCase(#""s""#, "*", T),
        SemanticsCase("null", "*", T),
        SemanticsCase(#"[{"a":1}]"#, "a == 1", F),
    ]

    static let paths: [SemanticsCase] = [
        SemanticsCase(#"{"http":{"status":500}}"#, "http.status >= 500", T),
        SemanticsCase(#"{"http.status":500}"#, "http.status >= 500", T),
        SemanticsCase(#"{"http":{"status":200},"http.status":500}"#, "http.status >= 500", F),
        SemanticsCase(#"{"http.status":500,"http":{"status":200}}"#, "http.status >= 500", F),
        SemanticsCase(#"{"http":{"code":200},"http.status":500}"#, "http.status >= 500", T),
        SemanticsCase(#"{"a":{"b.c":"x"}}"#, #"a.b.c == "x""#, T),
        SemanticsCase(#"{"tags":["a","b"]}"#, #"tags[0] == "a""#, T),
        SemanticsCase(#"{"tags":["a","b"]}"#, #"tags[1] == "a""#, F),
        SemanticsCase(#"{"tags":["a","b"]}"#, "tags[2] == null", T),
        SemanticsCase(#"{"items":[{"id":1},{"id":2}]}"#, "items[1].id == 2", T),
        SemanticsCase(#"{"user-agent":"curl/8"}"#, #"["user-agent"] ~ /^curl/"#, T),
        SemanticsCase(#"{"headers":{"user-agent":"x"}}"#, #"headers["user-agent"] == "x""#, T),
        SemanticsCase(#"{"a.b":1}"#, #"["a.b"] == 1"#, T),
        SemanticsCase(#"{"a":{"b":1}}"#, #"["a.b"] == 1"#, F),
        SemanticsCase(#"{"not":1}"#, #"["not"] == 1"#, T),
        SemanticsCase(#"{"@timestamp":"x"}"#, #"@timestamp == "x""#, T),
        SemanticsCase(#"{"é":1}"#, "é == 1", T),
    ]

    static let durationsAndTimes: [SemanticsCase] = [
        // A duration compares with numeric fields whose name gives the unit...
        SemanticsCase(#"{"duration_ms":300}"#, "duration_ms > 250ms", T),
        SemanticsCase(#"{"duration_ms":200}"#, "duration_ms > 250ms", F),
        SemanticsCase(#"{"duration_ms":1500}"#, "duration_ms == 1.5s", T),
        SemanticsCase(#"{"latency_us":1500}"#, "latency_us < 2ms", T),
        SemanticsCase(#"{"elapsedNs":1000}"#, "elapsedNs == 1us", T),
        SemanticsCase(#"{"latencyMillis":300}"#, "latencyMillis > 250ms", T),
        SemanticsCase(#"{"wait_msec":300}"#, "wait_msec > 250ms", T),
        SemanticsCase(#"{"took_usec":1500}"#, "took_usec < 2ms", T),
        SemanticsCase(#"{"elapsed_nsec":1000}"#, "elapsed_nsec == 1us", T),
        SemanticsCase(#"{"elapsedNanos":1000}"#, "elapsedNanos == 1us", T),
        SemanticsCase(#"{"ttl_secs":2}"#, "ttl_secs == 2s", T),
        SemanticsCase(#"{"totalSeconds":1.5}"#, "totalSeconds == 1500ms", T),
        SemanticsCase(#"{"idleSec":3}"#, "idleSec >= 3s", T),
        SemanticsCase(#"{"DURATION_MS":300}"#, "DURATION_MS > 250ms", T),
        SemanticsCase(#"{"durationMS":300}"#, "durationMS > 250ms", T),
        SemanticsCase(#"{"took":{"ms":300}}"#, "took.ms > 250ms", T),
        SemanticsCase(#"{"spans":[{"duration_us":300}]}"#, "spans[0].duration_us < 1ms", T),
        // A bare number whose unit the name does not say never compares (loupe says so once).
        SemanticsCase(#"{"latency":300}"#, "latency > 250ms", F),
        SemanticsCase(#"{"latency":300}"#, "latency <= 250ms", F),
        SemanticsCase(#"{"latency":300}"#, "latency != 250ms", T),
        // ... and with strings holding a duration.
        SemanticsCase(#"{"latency":"563ms"}"#, "latency > 500ms", T),
        SemanticsCase(#"{"latency":"1.5s"}"#, "latency == 1500ms", T),
        SemanticsCase(#"{"latency":"2m"}"#, "latency >= 120s", T),
        SemanticsCase(#"{"latency":"abc"}"#, "latency > 1ms", F),
        SemanticsCase(#"{"latency":"563"}"#, "latency > 1ms", F),
        SemanticsCase(#"{}"#, "latency > 1ms", F),
        // Timestamps compare with RFC 3339 strings and epoch numbers.
        SemanticsCase(#"{"ts":"2024-03-11T08:00:01Z"}"#, "ts > 2024-03-11T08:00:00Z", T),
        SemanticsCase(#"{"ts":"2024-03-11T09:00:00+02:00"}"#, "ts < 2024-03-11T08:00:00Z", T),
        SemanticsCase(#"{"ts":1710144001}"#, "ts > 2024-03-11T08:00:00Z", T),
        SemanticsCase(#"{"ts":1710144000000}"#, "ts == 2024-03-11T08:00:00Z", T),
        SemanticsCase(#"{"ts":"yesterday"}"#, "ts > 2024-03-11", F),
    ]

    static var all: [SemanticsCase] {
        strings + numbers + mixedTypes + missingFields + regexes + functions + membership + logic + paths + durationsAndTimes
    }

    /// The evaluator decides the record alone; the chunk processor with its prefilter and the
    /// `-v` path (no prefilter) must select exactly the same.
    @Test(arguments: all)
    func decides(_ c: SemanticsCase) throws {
        try c.check()
    }
}
