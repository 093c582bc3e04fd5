import LoupeJSON

/// Runs the scanner on `bytes` with the given paths; returns the error (nil when valid) and a
/// copy of the slots.
func scan(_ bytes: [UInt8], paths: [FieldPath] = []) -> (error: JSONError?, slots: [ValueSlot]) {
    var scanner = JSONScanner(paths: PathSet(paths))
    let error = bytes.withUnsafeBufferPointer { buffer in
        // A real pointer even for empty input, as chunks always have one.
        buffer.count == 0
            ? withUnsafePointer(to: UInt8(0)) { scanner.scan($0, count: 0) }
            : scanner.scan(buffer.baseAddress!, count: buffer.count)
    }
    return (error, Array(scanner.slots))
}

func scan(_ text: String, paths: [FieldPath] = []) -> (error: JSONError?, slots: [ValueSlot]) {
    scan(Array(text.utf8), paths: paths)
}

/// Bytes written as a mix of text and single byte values: `bytes("\"", 0xC0, 0x80, "\"")`.
func bytes(_ parts: Any...) -> [UInt8] {
    var out: [UInt8] = []
    for part in parts {
        switch part {
        case let s as String: out += Array(s.utf8)
        case let b as Int: out.append(UInt8(b))
        case let a as [UInt8]: out += a
        default: fatalError("bytes(): unsupported part \(part)")
        }
    }
    return out
}

/// A path written the way a query writes it: dotted names, `[0]`, `["quoted"]`.
func path(_ text: String) -> FieldPath {
    var components: [FieldPath.Component] = []
    var rest = Substring(text)
    while !rest.isEmpty {
        if rest.hasPrefix("[\"") {
            let end = rest.range(of: "\"]")!
            components.append(.key(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]), dotted: false))
            rest = rest[end.upperBound...]
        } else if rest.hasPrefix("[") {
            let end = rest.firstIndex(of: "]")!
            components.append(.index(Int(rest[rest.index(after: rest.startIndex)..<end])!))
            rest = rest[rest.index(after: end)...]
        } else {
            if rest.hasPrefix(".") { rest = rest.dropFirst() }
            let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
            components.append(.key(String(rest[..<end]), dotted: true))
            rest = rest[end...]
        }
    }
    return FieldPath(components)
}
