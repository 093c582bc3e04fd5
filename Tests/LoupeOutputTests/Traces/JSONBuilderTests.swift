import Testing

@testable import LoupeOutput

/// The JSON writer behind the trace documents: commas, escapes and exact integers.
@Suite("JSONBuilder") struct JSONBuilderTests {
    @Test(arguments: [Int64(0), 7, 10, 99, 100, 101, -5, -100, 1_710_144_000_123_456_789, .max, .min])
    func integers(_ value: Int64) {
        var json = JSONBuilder()
        json.int(value)
        #expect(String(decoding: json.bytes, as: UTF8.self) == String(value))
    }

    @Test func structureAndEscapes() {
        var json = JSONBuilder()
        json.beginObject()
        json.field("a", "x\"y\\z\n\u{1}é")
        json.key("b")
        json.beginArray()
        json.int(1)
        json.null()
        json.bool(true)
        json.beginObject()
        json.endObject()
        json.endArray()
        json.key(dynamic: "c d")
        json.double(0.5)
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"a":"x\"y\\z\n\u0001é","b":[1,null,true,{}],"c d":0.5}"#)
    }
}
