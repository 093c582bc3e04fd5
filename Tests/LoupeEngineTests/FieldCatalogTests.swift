import LoupeJSON
import Testing

@testable import LoupeEngine

/// `loupe fields`: every path, its count, its types with counts, an example.
@Suite("Field catalog")
struct FieldCatalogTests {
    /// The catalog of `lines` as rows of text: field, count, types, example; the rows of the
    /// well-known fields (`WellKnownPicks`) apart.
    static func catalog(_ chunks: [[String]]) -> (rows: [[String]], records: Int, wellKnown: [[String]]) {
        var merged: FieldCatalog?
        for chunk in chunks {
            let result = StageHarness.process(.schema, chunk)
            guard let partial = result.catalog else { continue }
            if let merged { merged.merge(partial) } else { merged = partial }
        }
        let catalog = merged ?? FieldCatalog()
        let rows = catalog.rowSet().rows.map { $0.map(\.plainText) }
        let isWellKnown = { (row: [String]) in ["level()", "time()", "message()"].contains(row[0]) }
        return (rows.filter { !isWellKnown($0) }, catalog.records, rows.filter(isWellKnown))
    }

    /// Paths are listed `listedDepth` deep; a deeper record is counted, and what is deeper is
    /// validated but not listed (a line nested a million deep took 24 GB: outside probe).
    @Test func deepValuesAreReadButNotListed() {
        let depth = FieldCatalog.listedDepth + 50
        let deep = #"{"x":"# + String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth) + "}"
        var merged: FieldCatalog?
        for chunk in [[deep, #"{"x":2}"#], ["{\"x\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"]] {
            let partial = StageHarness.process(.schema, chunk).catalog!
            if let merged { merged.merge(partial) } else { merged = partial }
        }
        let catalog = merged!
        #expect(catalog.records == 3)
        #expect(catalog.deepRecords == 2)
        let fields = catalog.rowSet().rows.map { $0[0].plainText }.filter { !$0.hasSuffix("()") }
        #expect(fields.count == FieldCatalog.listedDepth * 2 - 1, "\(fields.count)")
        #expect(fields[0] == "x")
        #expect(fields.contains("x" + String(repeating: ".a", count: FieldCatalog.listedDepth - 1)))
        #expect(!fields.contains("x" + String(repeating: ".a", count: FieldCatalog.listedDepth)))
        // A cut deep line is still invalid, however deep the cut.
        #expect(StageHarness.process(.schema, [String(deep.dropLast(3))]).skipped.total == 1)
    }

    /// Where level(), time() and message() found their values, by field (most records first),
    /// and in how many records none: the same for every cut of the input.
    @Test func wellKnownRowsMergeAtEveryCut() {
        let lines = [
            #"{"level":"info","msg":"a","ts":"2025-11-07T16:00:00Z"}"#, #"{"lvl":"WRN","message":"b","time":1762531200}"#,
            "not json", #"{"level":"debug","msg":"c","ts":"soon","time":"2025-11-07T16:00:02Z"}"#, #"{"other":1}"#,
        ]
        let expected = [
            ["level()", "3", "from level 2, lvl 1; none in 1", #""info""#],
            ["time()", "3", "from time 2, ts 1; none in 1", #""2025-11-07T16:00:00.000000000Z""#],
            ["message()", "3", "from msg 2, message 1; none in 1", #""a""#],
        ]
        for cut in 0...lines.count {
            #expect(Self.catalog([Array(lines[..<cut]), Array(lines[cut...])]).wellKnown == expected, "cut at \(cut)")
        }
    }

    static let cases: [(String, [String], [[String]])] = [
        (
            "types with counts, most frequent first (ties: string, number, boolean, null, object, array); one type alone has no count",
            [#"{"a":1,"b":"x"}"#, #"{"a":"two","b":"y"}"#, #"{"a":3}"#, #"{"a":null,"b":true}"#, #"{"a":false}"#],
            [["a", "5", "number 2, string 1, boolean 1, null 1", "1"], ["b", "3", "string 2, boolean 1", #""x""#]]
        ),
        (
            "nested objects: the container before its members, in order of first appearance",
            [#"{"http":{"status":200,"path":"/a"},"ts":"t"}"#, #"{"ts":"u","http":{"method":"GET","status":500}}"#],
            [
                ["http", "2", "object", "{…}"], ["http.status", "2", "number", "200"], ["http.path", "1", "string", #""/a""#],
                ["http.method", "1", "string", #""GET""#], ["ts", "2", "string", #""t""#],
            ]
        ),
        (
            "array elements share one path and count one by one",
            [#"{"tags":["a","b",3],"n":[]}"#, #"{"tags":[]}"#, #"{"spans":[{"id":1},{"id":2,"err":true}]}"#],
            [
                ["tags", "2", "array", "[…]"], ["tags[*]", "3", "string 2, number 1", #""a""#], ["n", "1", "array", "[…]"],
                ["spans", "1", "array", "[…]"], ["spans[*]", "2", "object", "{…}"], ["spans[*].id", "2", "number", "1"],
                ["spans[*].err", "1", "boolean", "true"],
            ]
        ),
        (
            "keys that are not bare names are quoted as a query writes them",
            [#"{"user-agent":"x","a b":1,"1st":2,"not":3,"é":4,"q\"uote":5,"":6,"http.status":7}"#],
            [
                ["user-agent", "1", "string", #""x""#], [#"["a b"]"#, "1", "number", "1"], [#"["1st"]"#, "1", "number", "2"],
                [#"["not"]"#, "1", "number", "3"], ["é", "1", "number", "4"], [#"["q\"uote"]"#, "1", "number", "5"],
                [#"[""]"#, "1", "number", "6"], ["http.status", "1", "number", "7"],
            ]
        ),
        (
            "examples are the first value seen as written, cut to 40 characters",
            [#"{"msg":"0123456789012345678901234567890123456789"}"#, #"{"msg":"short"}"#],
            [["msg", "2", "string", #""01234567890123456789012345678901234567…"#]]
        ),
        (
            "invalid and blank lines add nothing",
            [#"{"a":1}"#, #"{"a":"#, "", "not json", #"{"b":2}"#],
            [["a", "1", "number", "1"], ["b", "1", "number", "2"]]
        ),
        (
            "a dotted key beside a nested path that reads the same is quoted, so each row names one (both were 'n.x': probe finding)",
            [#"{"n.x":3}"#, #"{"n":{"x":4}}"#, #"{"n":{"x":5},"n.x":6}"#],
            [[#"["n.x"]"#, "2", "number", "3"], ["n", "2", "object", "{…}"], ["n.x", "2", "number", "4"]]
        ),
        ("no records", [], []),
        // A scalar record has no paths; an array record's elements are `[*]`.
        ("records that are not objects", ["[1,2]", "3", #""s""#], [["[*]", "2", "number", "1"]]),
    ]

    @Test(arguments: cases)
    func rows(_ name: String, _ lines: [String], _ expected: [[String]]) {
        #expect(Self.catalog([lines]).rows == expected, "\(name)")
    }

    /// Catalogs of consecutive parts merge into the catalog of the whole, for every cut.
    @Test(arguments: cases)
    func mergesAtEveryCut(_ name: String, _ lines: [String], _ expected: [[String]]) {
        for cut in 0...lines.count {
            #expect(Self.catalog([Array(lines[..<cut]), Array(lines[cut...])]).rows == expected, "\(name), cut at \(cut)")
        }
    }

    @Test func countsRecords() {
        #expect(Self.catalog([[#"{"a":1}"#, "{}", "oops", "[]"]]).records == 3)
    }

    @Test func invalidRecordReturnsItsErrorAndKeepsNothing() {
        let catalog = FieldCatalog()
        var walker = JSONWalker()
        let bytes = Array(#"{"a":1,"b":}"#.utf8)
        let error = bytes.withUnsafeBufferPointer { catalog.add($0.baseAddress!, count: $0.count, walker: &walker) }
        #expect(error != nil)
        #expect(catalog.entries.isEmpty && catalog.records == 0)
    }

    @Test func columns() {
        #expect(FieldCatalog().rowSet().columns == ["field", "count", "types", "example"])
    }
}
