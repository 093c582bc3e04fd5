import Testing

@testable import LoupeJSON
import LoupeTestSupport

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

    /// The compact form copies runs of bytes; it must equal a byte-by-byte walk (outside strings
    /// blanks dropped, inside them every byte kept, escapes included) on random texts with
    /// blanks, escapes, long and non-ASCII strings, at every length a string can end at.
    @Test func compactFormMatchesAByteWalk() {
        func byteWalk(_ text: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            var inString = false
            var escaping = false
            for byte in text {
                if inString {
                    if escaping { escaping = false } else if byte == 0x5C { escaping = true } else if byte == 0x22 { inString = false }
                } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    continue
                } else if byte == 0x22 {
                    inString = true
                }
                out.append(byte)
            }
            return out
        }
        var rng = SplitMix64(seed: 7)
        let pieces: [[UInt8]] = [
            Array(" ".utf8), Array("\n".utf8), Array("\t".utf8), Array("\r\n".utf8), Array("{".utf8), Array("}".utf8),
            Array("[".utf8), Array("]".utf8), Array(",".utf8), Array(":".utf8), Array("12.5e3".utf8), Array("true".utf8),
        ]
        let stringPieces: [[UInt8]] = [
            Array("a".utf8), Array(" ".utf8), Array("\\\"".utf8), Array("\\\\".utf8), Array("\\u00e9".utf8), Array("é".utf8),
            Array("\t".utf8), Array(String(repeating: "x", count: 17).utf8), Array("\\n".utf8),
        ]
        for _ in 0..<3000 {
            var text: [UInt8] = []
            for _ in 0..<Int(rng.next() % 12) {
                if rng.next() % 3 == 0 {
                    text.append(0x22)
                    for _ in 0..<Int(rng.next() % 6) { text += stringPieces[Int(rng.next() % UInt64(stringPieces.count))] }
                    text.append(0x22)
                } else {
                    text += pieces[Int(rng.next() % UInt64(pieces.count))]
                }
            }
            var out: [UInt8] = []
            text.withUnsafeBytes { JSONMembers.appendCompact($0, to: &out) }
            #expect(out == byteWalk(text), "\(String(decoding: text, as: UTF8.self))")
        }
    }
}
