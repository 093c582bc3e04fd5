import Testing

@testable import LoupeEngine

private let T = true
private let F = false

/// `path[*]`: a test on any element of an array (Grammar.md). Existential; `!=` and `!~` are the
/// negations of `==` and `~`; a value that is not an array, missing included, has no elements.
@Suite("Any element of an array")
struct AnyElementSemanticsTests {
    static let elementTypes: [SemanticsCase] = [
        // Strings, numbers, booleans, null, objects and arrays as elements, mixed in one array.
        SemanticsCase(#"{"tags":["a","x"]}"#, #"tags[*] == "x""#, T),
        SemanticsCase(#"{"tags":["a","b"]}"#, #"tags[*] == "x""#, F),
        SemanticsCase(#"{"v":[1,"2",true,null,{"a":1},[3]]}"#, "v[*] == 1", T),
        SemanticsCase(#"{"v":[1,"2",true,null,{"a":1},[3]]}"#, "v[*] == 2", T),
        SemanticsCase(#"{"v":[1,"2",true,null,{"a":1},[3]]}"#, #"v[*] == "2""#, T),
        SemanticsCase(#"{"v":[1,"2",true,null,{"a":1},[3]]}"#, "v[*] == 3", F),
        SemanticsCase(#"{"v":[1,"2",true,null,{"a":1},[3]]}"#, "v[*] == true", T),
        SemanticsCase(#"{"v":[1,"2",true,null,{"a":1},[3]]}"#, "v[*] == false", F),
        SemanticsCase(#"{"v":[1,"2",true,null,{"a":1},[3]]}"#, "v[*] == null", T),
        SemanticsCase(#"{"v":[1,"2"]}"#, "v[*] == null", F),
        SemanticsCase(#"{"v":[1,"2",true,null,{"a":1},[3]]}"#, "v[*].a == 1", T),
        SemanticsCase(#"{"v":[1,"2",true,null,{"a":1},[3]]}"#, "v[*][0] == 3", T),
        SemanticsCase(#"{"v":[1.5e3, -2, 0.25]}"#, "v[*] >= 1500", T),
        SemanticsCase(#"{"v":[1.5e3, -2, 0.25]}"#, "v[*] < -1", T),
        SemanticsCase(#"{"v":[1.5e3, -2, 0.25]}"#, "v[*] > 2000", F),
        SemanticsCase(#"{"v":[1712790000123000001]}"#, "v[*] == 1712790000123000001", T),
        SemanticsCase(#"{"v":[1712790000123000001]}"#, "v[*] == 1712790000123000002", F),
        SemanticsCase(#"{"d":["563ms","2s"]}"#, "d[*] > 1s", T),
        SemanticsCase(#"{"d":["563ms","900ms"]}"#, "d[*] > 1s", F),
        // Whitespace anywhere in the array; brackets and commas inside strings are text.
        SemanticsCase(#"{"v": [ "a" , { "k" : "]" } ,"b,c" ] }"#, #"v[*] == "b,c""#, T),
        SemanticsCase(#"{"v": [ "a" , { "k" : "]" } ,"b,c" ] }"#, #"v[*].k == "]""#, T),
        SemanticsCase(#"{"v":["[",{"x":"}"},"\"]"]}"#, #"v[*] == "\"]""#, T),
    ]

    static let negations: [SemanticsCase] = [
        // `!=` is "no element equals"; `!~` is "no element matches".
        SemanticsCase(#"{"tags":["a","x"]}"#, #"tags[*] != "x""#, F),
        SemanticsCase(#"{"tags":["a","b"]}"#, #"tags[*] != "x""#, T),
        SemanticsCase(#"{"tags":["x","x"]}"#, #"tags[*] != "x""#, F),
        SemanticsCase(#"{"tags":[]}"#, #"tags[*] != "x""#, T),
        SemanticsCase(#"{}"#, #"tags[*] != "x""#, T),
        SemanticsCase(#"{"msg":["ok","timeout"]}"#, "msg[*] !~ /time/", F),
        SemanticsCase(#"{"msg":["ok","fine"]}"#, "msg[*] !~ /time/", T),
        SemanticsCase(#"{"msg":[1, null]}"#, "msg[*] !~ /time/", T),
        SemanticsCase(#"{"msg":["ok","timeout"]}"#, "msg[*] ~ /time/", T),
        SemanticsCase(#"{"tags":["a","x"]}"#, #"not tags[*] == "x""#, F),
        SemanticsCase(#"{"tags":["a","b"]}"#, #"not tags[*] != "x""#, F),
    ]

    static let emptyAndNotArrays: [SemanticsCase] = [
        SemanticsCase(#"{"tags":[]}"#, #"tags[*] == "x""#, F),
        SemanticsCase(#"{"tags":[]}"#, "exists(tags[*])", F),
        SemanticsCase(#"{"tags":["x"]}"#, "exists(tags[*])", T),
        SemanticsCase(#"{"tags":[null]}"#, "exists(tags[*])", T),
        SemanticsCase(#"{"tags":"x"}"#, #"tags[*] == "x""#, F),
        SemanticsCase(#"{"tags":{"a":"x"}}"#, #"tags[*] == "x""#, F),
        SemanticsCase(#"{"tags":null}"#, "tags[*] == null", F),
        SemanticsCase(#"{}"#, "tags[*] == null", F),
        SemanticsCase(#"{}"#, "exists(tags[*])", F),
        SemanticsCase(#"{"tags":7}"#, "exists(tags[*])", F),
    ]

    static let pathsInElements: [SemanticsCase] = [
        SemanticsCase(#"{"exceptions":[{"type":"IO"},{"type":"Timeout"}]}"#, #"exceptions[*].type == "Timeout""#, T),
        SemanticsCase(#"{"exceptions":[{"type":"IO"},{"kind":"Timeout"}]}"#, #"exceptions[*].type == "Timeout""#, F),
        // An element without the key has it missing: `== null` is true for it, as for any path.
        SemanticsCase(#"{"items":[{"id":1},{"name":"x"}]}"#, "items[*].id == null", T),
        SemanticsCase(#"{"items":[{"id":1},{"id":2}]}"#, "items[*].id == null", F),
        SemanticsCase(#"{"items":[{"id":null}]}"#, "exists(items[*].id)", T),
        SemanticsCase(#"{"items":[{"name":"x"},"id",3]}"#, "exists(items[*].id)", F),
        SemanticsCase(#"{"items":[{"name":"x"},{"id":0}]}"#, "exists(items[*].id)", T),
        // Dotted keys inside elements: nested first, then a key with a dot.
        SemanticsCase(#"{"a":[{"b":{"c":1}}]}"#, "a[*].b.c == 1", T),
        SemanticsCase(#"{"a":[{"b.c":1}]}"#, "a[*].b.c == 1", T),
        SemanticsCase(#"{"a":[{"b.c":1}]}"#, #"a[*]["b.c"] == 1"#, T),
        SemanticsCase(#"{"a":[{"b":{"c":1}}]}"#, #"a[*]["b.c"] == 1"#, F),
        // The prefix before [*] may be dotted, indexed, or a key with a dot.
        SemanticsCase(#"{"x":{"y":[1,2]}}"#, "x.y[*] == 2", T),
        SemanticsCase(#"{"x.y":[1,2]}"#, "x.y[*] == 2", T),
        SemanticsCase(#"{"m":[[1],[2,3]]}"#, "m[1][*] == 3", T),
        SemanticsCase(#"{"m":[[1],[2,3]]}"#, "m[0][*] == 3", F),
        SemanticsCase(#"{"m":[[1],[2,3]]}"#, "m[*][1] == 3", T),
        SemanticsCase(#"{"m":[[1],[2,3]]}"#, "m[*][0] == 3", F),
    ]

    static let nested: [SemanticsCase] = [
        SemanticsCase(#"{"a":[{"b":[{"c":1},{"c":2}]},{"b":[{"c":3}]}]}"#, "a[*].b[*].c == 3", T),
        SemanticsCase(#"{"a":[{"b":[{"c":1},{"c":2}]},{"b":[{"c":3}]}]}"#, "a[*].b[*].c == 4", F),
        SemanticsCase(#"{"a":[{"b":[{"c":1},{"c":2}]},{"b":[{"c":3}]}]}"#, "a[*].b[*].c != 2", F),
        SemanticsCase(#"{"a":[{"b":[{"c":1},{"c":2}]},{"b":"x"}]}"#, "a[*].b[*].c != 9", T),
        SemanticsCase(#"{"a":[{"b":[]},{"b":7},{}]}"#, "exists(a[*].b[*])", F),
        SemanticsCase(#"{"m":[[1,2],[],[[3]]]}"#, "m[*][*] == 2", T),
        SemanticsCase(#"{"m":[[1,2],[],[[3]]]}"#, "m[*][*][*] == 3", T),
        SemanticsCase(#"{"m":[[1,2],[],[[3]]]}"#, "m[*][*] == 3", F),
        SemanticsCase(#"[1,2,3]"#, "[*] == 2", T),
    ]

    static let strings: [SemanticsCase] = [
        // Elements are compared decoded, like any value.
        SemanticsCase(#"{"tags":["e\u0078"]}"#, #"tags[*] == "ex""#, T),
        SemanticsCase(#"{"tags":["a\"b"]}"#, #"tags[*] == 'a"b'"#, T),
        SemanticsCase(#"{"tags":["caf\u00e9"]}"#, "tags[*] ~ /é$/", T),
        SemanticsCase(#"{"t\u0061gs":["x"]}"#, #"tags[*] == "x""#, T),
        SemanticsCase(#"{"a":[{"t\u0079pe":"x"}]}"#, #"a[*].type == "x""#, T),
        SemanticsCase(#"{"tags":["prod-eu","dev"]}"#, #"startswith(tags[*], "prod")"#, T),
        SemanticsCase(#"{"tags":["prod-eu","dev"]}"#, #"endswith(tags[*], "ev")"#, T),
        SemanticsCase(#"{"tags":["prod-eu","dev"]}"#, #"contains(tags[*], "d-e")"#, T),
        SemanticsCase(#"{"tags":["prod-eu","dev"]}"#, #"contains(tags[*], "test")"#, F),
        SemanticsCase(#"{"tags":["prod-eu","dev"]}"#, #"tags[*] in ["qa", "dev"]"#, T),
        SemanticsCase(#"{"tags":["prod-eu","dev"]}"#, #"tags[*] in ["qa"]"#, F),
        SemanticsCase(#"{"n":["503"]}"#, "n[*] >= 500", T),
    ]

    static let combined: [SemanticsCase] = [
        SemanticsCase(#"{"level":"error","tags":["db"]}"#, #"level == "error" and tags[*] == "db""#, T),
        SemanticsCase(#"{"level":"info","tags":["db"]}"#, #"level == "error" or tags[*] == "db""#, T),
        SemanticsCase(#"{"level":"info","tags":["db"]}"#, #"level == "error" and tags[*] == "db""#, F),
        // The same path with and without [*] in one filter.
        SemanticsCase(#"{"tags":["a","b"]}"#, #"tags[0] == "a" and tags[*] == "b""#, T),
        SemanticsCase(#"{"tags":["a","b"]}"#, #"exists(tags) and not exists(tags[*].x)"#, T),
    ]

    static var all: [SemanticsCase] { elementTypes + negations + emptyAndNotArrays + pathsInElements + nested + strings + combined }

    @Test(arguments: all)
    func decides(_ c: SemanticsCase) throws {
        try c.check()
    }
}
