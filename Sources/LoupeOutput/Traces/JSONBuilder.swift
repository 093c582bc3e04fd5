import LoupeJSON
import LoupeTrace

/// Writes compact JSON into bytes, placing commas and colons itself.
///
/// Keys come out in the order they are written; strings are escaped as RFC 8259 requires;
/// integers are exact; doubles use Swift's shortest round-tripping form.
package struct JSONBuilder {
    package var bytes: [UInt8] = []
    /// Per open container: whether something was written in it yet.
    private var written: [Bool] = []
    /// A key was just written: its value takes no comma.
    private var afterKey = false

    package init() {}

    package mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        written.append(false)
    }

    package mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        written.removeLast()
    }

    package mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        written.append(false)
    }

    package mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        written.removeLast()
    }

    /// A key known at compile time (plain ASCII, nothing to escape).
    package mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        afterKey = true
    }

    /// A key computed at run time.
    package mutating func key(dynamic name: String) {
        separate()
        Self.appendQuoted(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    package mutating func string(_ value: String) {
        separate()
        Self.appendQuoted(value, to: &bytes)
    }

    /// A span id, written from its value: no text is built for a hex id.
    package mutating func string(_ id: SpanID) {
        separate()
        id.appendJSON(to: &bytes)
    }

    package mutating func int<T: BinaryInteger>(_ value: T) {
        separate()
        JSONNumber.appendInteger(Int64(value), to: &bytes)
    }

    /// Appends a quoted string; text without bytes to escape is copied in one go.
    @inline(__always)
    static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        let plain = value.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) else { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if plain != true { JSONString.appendQuoted(value.utf8, to: &bytes) }
    }

    package mutating func double(_ value: Double) {
        separate()
        bytes.append(contentsOf: (value.isFinite ? String(value) : "null").utf8)
    }

    package mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    package mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Inserts members written elsewhere (`"a":1,"b":2`) into the open object.
    package mutating func members(_ json: UnsafeBufferPointer<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
    }

    /// Inserts JSON text written elsewhere as one value.
    package mutating func raw(_ json: [UInt8]) {
        separate()
        bytes.append(contentsOf: json)
    }

    /// `"name": value` shorthands.
    package mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    package mutating func field(_ name: StaticString, _ value: SpanID) {
        key(name)
        string(value)
    }

    package mutating func field<T: BinaryInteger>(_ name: StaticString, _ value: T) {
        key(name)
        int(value)
    }

    package mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = written.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) } else { written[written.count - 1] = true }
    }
}
