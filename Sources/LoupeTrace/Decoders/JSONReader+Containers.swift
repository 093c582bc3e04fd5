import LoupeJSON

/// The container walks every decoder shares. The trace formats ignore a member of the wrong
/// type (TRACE-SEMANTICS 1), so each walk skips what is not the container it expects.
extension JSONReader {
    /// Reads the next value: true when it opens an object, whose members the caller then reads;
    /// anything else is skipped.
    mutating func enterObject() throws(JSONError) -> Bool {
        let open = try next()
        if open == .beginObject { return true }
        try skip(open)
        return false
    }

    /// Reads an array of objects, calling `element` inside each (after its opening brace and
    /// up to, and including, its closing brace); other elements, or a value that is not an
    /// array, are skipped, and `notAnObject` hears where each skipped element was (its byte
    /// and line), so a list of records can count the ones it cannot read.
    mutating func forEachObjectOfArray(
        _ element: (inout JSONReader) throws(JSONError) -> Void, notAnObject: (_ offset: Int, _ line: Int?) -> Void = { _, _ in }
    ) throws(JSONError) {
        let open = try next()
        guard open == .beginArray else { return try skip(open) }
        while true {
            let token = try next()
            if token == .endArray { return }
            if token == .beginObject {
                try element(&self)
            } else {
                notAnObject(tokenOffset, line)
                try skip(token)
            }
        }
    }

    /// Reads the whole input, calling `object` inside every object that stands at the top level
    /// or inside arrays at any depth, so a flat list, a list of lists and a lone object read
    /// alike, without recursion (depth is the reader's); `notAnObject` hears where each other
    /// value stood (a `null` or a string in a list of spans).
    mutating func forEachTopLevelObject(
        _ object: (inout JSONReader) throws(JSONError) -> Void, notAnObject: (_ offset: Int, _ line: Int?) -> Void = { _, _ in }
    ) throws(JSONError) {
        while true {
            let token = try next()
            switch token {
            case .endOfInput: return
            case .beginObject: try object(&self)
            case .beginArray, .endArray: continue
            default:
                notAnObject(tokenOffset, line)
                try skip(token)
            }
        }
    }
}
