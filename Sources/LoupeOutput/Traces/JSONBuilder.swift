import LoupeJSON

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

    package mutating func key(_ name: String) {
        separate()
        JSONString.appendQuoted(name.utf8, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    package mutating func string(_ value: String) {
        separate()
        JSONString.appendQuoted(value.utf8, to: &bytes)
    }

    package mutating func int<T: BinaryInteger>(_ value: T) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
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

    /// Inserts JSON text written elsewhere as one value.
    package mutating func raw(_ json: [UInt8]) {
        separate()
        bytes.append(contentsOf: json)
    }

    /// `"name": value` shorthands.
    package mutating func field(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    package mutating func field<T: BinaryInteger>(_ name: String, _ value: T) {
        key(name)
        int(value)
    }

    package mutating func field(_ name: String, _ value: Bool) {
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
