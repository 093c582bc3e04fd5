import Testing

@testable import LoupeJSON

/// A record, a path, and what the scanner must find there: `kind raw-bytes` (strings without
/// their quotes, `string\` when the body holds an escape), or `missing`.
struct ExtractCase: CustomTestStringConvertible, Sendable {
    let record: String
    let path: String
    let found: String
    var testDescription: String { "\(path) in \(record)" }
    init(_ record: String, _ path: String, _ found: String) {
        self.record = record
        self.path = path
        self.found = found
    }
}

private func describe(_ slot: ValueSlot, in record: [UInt8]) -> String {
    if slot.kind == .missing { return "missing" }
    let raw = String(decoding: record[slot.start..<slot.end], as: UTF8.self)
    switch slot.kind {
    case .string: return (slot.escaped ? "string\\ " : "string ") + raw
    case .true, .false: return "bool " + raw
    default: return "\(slot.kind) " + raw
    }
}

@Suite("Path extraction")
struct PathExtractionTests {
    static let cases: [ExtractCase] = [
        // Top-level keys of every value type.
        ExtractCase(#"{"a":1}"#, "a", "number 1"),
        ExtractCase(#"{"a":-2.5e3}"#, "a", "number -2.5e3"),
        ExtractCase(#"{"a":"x"}"#, "a", "string x"),
        ExtractCase(#"{"a":""}"#, "a", "string "),
        ExtractCase(#"{"a":true}"#, "a", "bool true"),
        ExtractCase(#"{"a":false}"#, "a", "bool false"),
        ExtractCase(#"{"a":null}"#, "a", "null null"),
        ExtractCase(#"{"a":{"b":1}}"#, "a", #"object {"b":1}"#),
        ExtractCase(#"{"a":[1, 2]}"#, "a", "array [1, 2]"),
        ExtractCase(#"{"a":{}}"#, "a", "object {}"),
        ExtractCase(#"{"a":[]}"#, "a", "array []"),
        ExtractCase(#"{ "a" : "x" , "b" : 2 }"#, "b", "number 2"),
        ExtractCase(#"{"b":1}"#, "a", "missing"),
        ExtractCase(#"{}"#, "a", "missing"),
        // Escapes: the range is raw, the flag says it needs decoding.
        ExtractCase(#"{"a":"x\ny"}"#, "a", #"string\ x\ny"#),
        ExtractCase(#"{"a":"err\u006fr"}"#, "a", #"string\ err\u006fr"#),
        ExtractCase(#"{"a":"é😀"}"#, "a", "string é😀"),
        // Keys are compared decoded.
        ExtractCase(#"{"\u0061":1}"#, "a", "number 1"),
        ExtractCase(#"{"a\"b":1}"#, #"["a"b"]"#, "number 1"),
        ExtractCase(#"{"\u00e9":1}"#, "é", "number 1"),
        ExtractCase(#"{"A":1}"#, "a", "missing"),
        // Nested objects.
        ExtractCase(#"{"http":{"status":500}}"#, "http.status", "number 500"),
        ExtractCase(#"{"a":{"b":{"c":"deep"}}}"#, "a.b.c", "string deep"),
        ExtractCase(#"{"a":{"b":1}}"#, "a.c", "missing"),
        ExtractCase(#"{"a":"str"}"#, "a.b", "missing"),
        ExtractCase(#"{"a":[{"b":1}]}"#, "a.b", "missing"),
        ExtractCase(#"{"x":{"a":1},"a":2}"#, "a", "number 2"),
        ExtractCase(#"{"a":{"a":{"a":3}}}"#, "a.a", #"object {"a":3}"#),
        // Keys that contain dots: every split is a reading; more nesting wins, in either order.
        ExtractCase(#"{"http.status":500}"#, "http.status", "number 500"),
        ExtractCase(#"{"a":{"b.c":1}}"#, "a.b.c", "number 1"),
        ExtractCase(#"{"a.b":{"c":1}}"#, "a.b.c", "number 1"),
        ExtractCase(#"{"a.b.c":1}"#, "a.b.c", "number 1"),
        ExtractCase(#"{"a":{"b":1},"a.b":2}"#, "a.b", "number 1"),
        ExtractCase(#"{"a.b":2,"a":{"b":1}}"#, "a.b", "number 1"),
        ExtractCase(#"{"a.b.c":3,"a":{"b":{"c":1}}}"#, "a.b.c", "number 1"),
        ExtractCase(#"{"a":{"b":{}},"a.b":{"c":2}}"#, "a.b.c", "number 2"),
        ExtractCase(#"{"a":{"b":null},"a.b":2}"#, "a.b", "null null"),
        ExtractCase(#"{"service.name":"api","service":{}}"#, "service.name", "string api"),
        // A quoted key is one key: its dots never split.
        ExtractCase(#"{"a.b":1}"#, #"["a.b"]"#, "number 1"),
        ExtractCase(#"{"a":{"b":1}}"#, #"["a.b"]"#, "missing"),
        ExtractCase(#"{"a":{"b.c":1}}"#, #"a["b.c"]"#, "number 1"),
        ExtractCase(#"{"user-agent":"curl"}"#, #"["user-agent"]"#, "string curl"),
        ExtractCase(#"{"h":{"user-agent":"curl"}}"#, #"h["user-agent"]"#, "string curl"),
        ExtractCase(#"{"":1}"#, #"[""]"#, "number 1"),
        // Array indexes.
        ExtractCase(#"{"tags":["x","y"]}"#, "tags[0]", "string x"),
        ExtractCase(#"{"tags":["x","y"]}"#, "tags[1]", "string y"),
        ExtractCase(#"{"tags":["x","y"]}"#, "tags[2]", "missing"),
        ExtractCase(#"{"tags":[]}"#, "tags[0]", "missing"),
        ExtractCase(#"{"tags":{"0":"x"}}"#, "tags[0]", "missing"),
        ExtractCase(#"{"tags":"xy"}"#, "tags[0]", "missing"),
        ExtractCase(#"{"a":[[1,2],[3]]}"#, "a[1][0]", "number 3"),
        ExtractCase(#"{"a":[{"b":1},{"b":2}]}"#, "a[1].b", "number 2"),
        ExtractCase(#"{"a":[ 10 , [20] , {"c":30} , 40 ]}"#, "a[3]", "number 40"),
        ExtractCase(#"{"a":[0,1,2,3,4,5,6,7,8,9,10,11]}"#, "a[11]", "number 11"),
        // A record that is not an object has no fields.
        ExtractCase(#""a""#, "a", "missing"),
        ExtractCase(#"[{"a":1}]"#, "a", "missing"),
        ExtractCase("null", "a", "missing"),
    ]

    @Test(arguments: cases)
    func extracts(_ c: ExtractCase) {
        let record = Array(c.record.utf8)
        let result = scan(record, paths: [path(c.path)])
        #expect(result.error == nil)
        #expect(describe(result.slots[0], in: record) == c.found)
    }

    @Test func manyPathsAtOnce() {
        let record = Array(#"{"level":"error","http":{"status":503,"method":"GET"},"http.route":"/x","tags":["a","b"],"n":null}"#.utf8)
        let paths = ["level", "http.status", "http.method", "http.route", "tags[1]", "n", "missing", "http"].map(path)
        let result = scan(record, paths: paths)
        #expect(result.error == nil)
        #expect(
            result.slots.map { describe($0, in: record) } == [
                "string error", "number 503", "string GET", "string /x", "string b", "null null", "missing",
                #"object {"status":503,"method":"GET"}"#,
            ])
    }

    @Test func slotsResetBetweenRecords() {
        var scanner = JSONScanner(paths: PathSet([path("a")]))
        let first = Array(#"{"a":1}"#.utf8)
        let second = Array(#"{"b":1}"#.utf8)
        first.withUnsafeBufferPointer { _ = scanner.scan($0.baseAddress!, count: $0.count) }
        #expect(scanner.slots[0].kind == .number)
        second.withUnsafeBufferPointer { _ = scanner.scan($0.baseAddress!, count: $0.count) }
        #expect(scanner.slots[0].kind == .missing)
    }

    @Test func readingsTryNestingFirst() {
        let readings = PathSet.readings(of: path("a.b.c").components)
        #expect(
            readings == [
                [.key(Array("a".utf8)), .key(Array("b".utf8)), .key(Array("c".utf8))],
                [.key(Array("a".utf8)), .key(Array("b.c".utf8))],
                [.key(Array("a.b".utf8)), .key(Array("c".utf8))],
                [.key(Array("a.b.c".utf8))],
            ])
    }

    /// A path with very many dots does not explode into every split: it keeps the nested one.
    @Test func longDottedPathsStayBounded() {
        let long = (0..<40).map { "k\($0)" }.joined(separator: ".")
        let readings = PathSet.readings(of: path(long).components)
        #expect(readings.count == 1)
        let nested = (0..<40).map { #"{"k\#($0)":"# }.joined() + "7" + String(repeating: "}", count: 40)
        let record = Array(nested.utf8)
        #expect(describe(scan(record, paths: [path(long)]).slots[0], in: record) == "number 7")
    }

    @Test func fieldPathDescription() {
        #expect(path("http.status").description == "http.status")
        #expect(path(#"h["user-agent"][0].x"#).description == #"h["user-agent"][0].x"#)
        #expect(FieldPath(dotted: "a.b").components == [.key("a", dotted: true), .key("b", dotted: true)])
    }
}
