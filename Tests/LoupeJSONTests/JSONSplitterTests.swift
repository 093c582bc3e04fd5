import Testing

@testable import LoupeJSON

/// `JSONSplitter` finds each element of the span array exactly, whatever the elements hold
/// (brackets and escaped quotes inside strings, nesting) and wherever they fall against the
/// 16-byte steps of the container scan; a document cut short fails instead of guessing.
@Suite struct JSONSplitterTests {
    static let elements = [
        #"{"a":"]}\"[{","b":[1,{"c":"\\"}]}"#,
        #"{"s":"back\\\\slash \" ] } quote"}"#,
        #"[[[]],{"x":"{{{"}]"#,
        #"{}"#,
        #"{"deep":[[[[[[{"k":"v\\\"]"}]]]]]],"n":-1.5e3}"#,
        #""a string element with ] and }""#,
        "123",
    ]

    /// The document and the range of each element in it, with `pad` blanks around each.
    static func document(pad: Int, member: Bool) -> ([UInt8], [Range<Int>]) {
        var text = member ? #"{"total":0,"data":["# : "["
        var ranges: [Range<Int>] = []
        for (i, element) in elements.enumerated() {
            if i > 0 { text += "," }
            text += String(repeating: " ", count: (pad + i) % 17)
            let start = text.utf8.count
            text += element
            ranges.append(start..<text.utf8.count)
            text += String(repeating: "\n", count: pad % 3)
        }
        text += member ? #"],"more":{"k":[1,2]}}"# : "]"
        return (Array(text.utf8), ranges)
    }

    @Test(arguments: 0..<20)
    func everyElementIsFoundExactly(pad: Int) {
        for member in [false, true] {
            let (bytes, ranges) = Self.document(pad: pad, member: member)
            let split = bytes.withUnsafeBufferPointer { JSONSplitter.split($0, member: member ? ["data"] : nil) }
            #expect(split?.elements == ranges, "pad \(pad), member \(member)")
            let skeleton = member ? #"{"total":0,"data":[],"more":{"k":[1,2]}}"# : "[]"
            #expect(split.map { String(decoding: $0.skeleton, as: UTF8.self) } == skeleton)
        }
    }

    @Test(arguments: 1..<40)
    func aDocumentCutShortFails(cut: Int) {
        let (bytes, ranges) = Self.document(pad: 3, member: false)
        // Cut inside the first element, past its first byte: it cannot be followed to its end.
        let end = min(ranges[0].lowerBound + cut, ranges[0].upperBound - 1)
        let split = Array(bytes[..<end]).withUnsafeBufferPointer { JSONSplitter.split($0, member: nil) }
        #expect(split == nil)
    }
}
