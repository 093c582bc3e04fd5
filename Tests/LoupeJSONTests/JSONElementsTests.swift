import Testing

@testable import LoupeJSON

/// The elements of an array and the members of an object in validated JSON text, and the
/// compact form of a value: what `[*]` and records printed with `-o` read.
@Suite("JSON elements and members")
struct JSONElementsTests {
    /// The elements of the array at `v` in `{"v":ARRAY}`, as (kind, decoded-or-raw text).
    static func elements(_ array: String) -> [String] {
        let record = Array(#"{"v":\#(array)}"#.utf8)
        var scanner = JSONScanner(paths: PathSet([FieldPath(dotted: "v")]))
        return record.withUnsafeBufferPointer { buffer in
            guard scanner.scan(buffer.baseAddress!, count: buffer.count) == nil else { return ["invalid"] }
            var found: [String] = []
            _ = JSONElements.contains(scanner.slots[0], in: buffer.baseAddress!) { slot in
                let text = String(
                    decoding: UnsafeBufferPointer(start: buffer.baseAddress! + slot.start, count: slot.end - slot.start), as: UTF8.self)
                found.append("\(slot.kind.name)\(slot.escaped ? "(escaped)" : ""):\(text)")
                return false
            }
            return found
        }
    }

    @Test(arguments: [
        ("[]", []),
        ("[ ]", []),
        (#"[1,"a",true,false,null]"#, ["number:1", "string:a", "boolean:true", "boolean:false", "null:null"]),
        (
            #"[ -1.5e3 , "x\"y" , {"k":"]"} , ["[",[]] ]"#,
            ["number:-1.5e3", #"string(escaped):x\"y"#, #"object:{"k":"]"}"#, #"array:["[",[]]"#]
        ),
        (#"[{"a":{"b":[1,{"c":"}"}]}},2]"#, [#"object:{"a":{"b":[1,{"c":"}"}]}}"#, "number:2"]),
        ("[\n\t\"\\\\\" ,\r\n 0]", [#"string(escaped):\\"#, "number:0"]),
    ])
    func elementsOfAnArray(_ array: String, _ expected: [String]) {
        #expect(Self.elements(array) == expected)
    }

    @Test func aValueThatIsNotAnArrayHasNoElements() {
        #expect(Self.elements(#"{"a":1}"#) == [])
        #expect(Self.elements(#""[1]""#) == [])
        #expect(Self.elements("7") == [])
    }

    @Test func theFirstPassingElementEndsTheWalk() {
        let record = Array(#"{"v":[1,2,3]}"#.utf8)
        var scanner = JSONScanner(paths: PathSet([FieldPath(dotted: "v")]))
        record.withUnsafeBufferPointer { buffer in
            #expect(scanner.scan(buffer.baseAddress!, count: buffer.count) == nil)
            var seen = 0
            #expect(
                JSONElements.contains(scanner.slots[0], in: buffer.baseAddress!) { _ in
                    seen += 1; return seen == 2
                })
            #expect(seen == 2)
        }
    }

    static func members(_ object: String) -> [String]? {
        let bytes = Array(object.utf8)
        var found: [String] = []
        let isObject = bytes.withUnsafeBufferPointer { buffer in
            JSONMembers.forEach(buffer.baseAddress!, count: buffer.count) { key, slot in
                let text = String(
                    decoding: UnsafeBufferPointer(start: buffer.baseAddress! + slot.start, count: slot.end - slot.start), as: UTF8.self)
                found.append(String(decoding: key, as: UTF8.self) + "=" + text)
            }
        }
        return isObject ? found : nil
    }

    @Test func membersOfAnObject() {
        #expect(Self.members(#"{}"#) == [])
        #expect(Self.members(#" { "a" : 1 , "b\u0063" : "x:y" , "c" : {"d":[1,":"]} } "#) == ["a=1", "bc=x:y", #"c={"d":[1,":"]}"#])
        #expect(Self.members(#"{"a":1,"a":2}"#) == ["a=1", "a=2"])
        #expect(Self.members("[1]") == nil)
        #expect(Self.members(#""s""#) == nil)
    }

    @Test(arguments: [
        (#"{ "a" : [ 1 , 2 ] , "b" : "x y\t\" z" }"#, #"{"a":[1,2],"b":"x y\t\" z"}"#),
        ("{\n  \"a\": \"\\\\\",\r\n  \"b\": 1\n}\n", #"{"a":"\\","b":1}"#),
        (#"[ ]"#, "[]"),
        (#" "a b" "#, #""a b""#),
    ])
    func compactForm(_ text: String, _ expected: String) {
        var out: [UInt8] = []
        Array(text.utf8).withUnsafeBytes { JSONMembers.appendCompact($0, to: &out) }
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }
}
