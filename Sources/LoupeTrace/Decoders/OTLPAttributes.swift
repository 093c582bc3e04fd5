import LoupeJSON

/// Reads OTLP `KeyValue` lists and `AnyValue`s: scalars become typed values; arrays and
/// key-value lists become plain JSON text (`["a",1]`, `{"k":"v"}`), converted iteratively
/// however deep they nest.
enum OTLPAttributes {
    /// The members of a `resource` object (its opening brace already read): its attributes go
    /// into `attributes`; returns its `service.name`.
    static func resource(
        _ reader: inout JSONReader, _ context: inout DecodeContext, into attributes: inout [String: AttributeValue]
    ) throws(JSONError) -> String? {
        var service: String?
        while try reader.next() == .key {
            if reader.keyIs("attributes") {
                service = try read(&reader, &context, into: &attributes, serviceName: true)
            } else {
                try reader.skipValue()
            }
        }
        return service
    }

    /// Reads an `attributes` array into `into`, keeping what the policy keeps; returns the
    /// value of `service.name` when asked for it.
    static func read(
        _ reader: inout JSONReader, _ context: inout DecodeContext, into attributes: inout [String: AttributeValue],
        serviceName: Bool = false
    ) throws(JSONError) -> String? {
        var service: String?
        // Most spans' lists hold nothing the analysis keeps: validated and passed over whole.
        // (Reading every attribute never asks: finding the list's end would be wasted.)
        if !serviceName, context.policy == .analysis,
            reader.skipContainer(validatingWith: &context.skipScanner, if: { !context.policy.mayKeep($0) })
        {
            return nil
        }
        let first = try reader.next()
        guard first == .beginArray else {
            try reader.skip(first)
            return nil
        }
        while true {
            let token = try reader.next()
            if token == .endArray { break }
            guard token == .beginObject else {
                try reader.skip(token)
                continue
            }
            var key: String?
            var value: AttributeValue?
            var wanted = true
            while try reader.next() == .key {
                if reader.keyIs("key") {
                    key = try wantedKey(&reader, &context, serviceName: serviceName)
                    if key == nil { wanted = false }
                } else if reader.keyIs("value"), wanted {
                    value = try readAnyValue(&reader)
                } else {
                    try reader.skipValue()
                }
            }
            guard let key, let value else { continue }
            if serviceName, key == "service.name", case .string(let s) = value { service = s }
            if context.policy.keeps(key) { attributes[key] = value }
        }
        return service
    }

    /// Reads an attribute's key; nil when the policy drops it (no string is built for those).
    private static func wantedKey(_ reader: inout JSONReader, _ context: inout DecodeContext, serviceName: Bool) throws(JSONError)
        -> String?
    {
        let token = try reader.next()
        guard token == .string else {
            try reader.skip(token)
            return nil
        }
        if context.policy == .analysis {
            guard reader.keyIs("db.system") || reader.keyIs("db.system.name") || (serviceName && reader.keyIs("service.name")) else {
                return nil
            }
        }
        return context.internText(reader)
    }

    /// Reads one `AnyValue` object; nil for an empty one. Arrays and key-value lists are kept
    /// as JSON text whatever the policy: for `.analysis` only `db.system` and `db.system.name`
    /// get here, and their presence is what section 4.1 reads.
    static func readAnyValue(_ reader: inout JSONReader) throws(JSONError) -> AttributeValue? {
        let first = try reader.next()
        guard first == .beginObject else {
            try reader.skip(first)
            return nil
        }
        var value: AttributeValue?
        while try reader.next() == .key {
            if reader.keyIs("stringValue") || reader.keyIs("string_value") {
                value = try reader.readString().map(AttributeValue.string)
            } else if reader.keyIs("intValue") || reader.keyIs("int_value") {
                value = try reader.readInteger().map(AttributeValue.int)
            } else if reader.keyIs("doubleValue") || reader.keyIs("double_value") {
                value = try readDouble(&reader)
            } else if reader.keyIs("boolValue") || reader.keyIs("bool_value") {
                value = .bool(try reader.readTruth())
            } else if reader.keyIs("bytesValue") || reader.keyIs("bytes_value") {
                value = try reader.readString().map(AttributeValue.string)
            } else if reader.keyIs("arrayValue") || reader.keyIs("array_value") {
                value = .json(try convertComposite(&reader, isArray: true))
            } else if reader.keyIs("kvlistValue") || reader.keyIs("kvlist_value") {
                value = .json(try convertComposite(&reader, isArray: false))
            } else {
                try reader.skipValue()
            }
        }
        return value
    }

    /// A double, or the strings proto JSON uses for the non-finite ones (kept as text, since
    /// JSON has no NaN).
    private static func readDouble(_ reader: inout JSONReader) throws(JSONError) -> AttributeValue? {
        let token = try reader.next()
        switch token {
        case .number:
            let text = reader.text
            return .double(JSONNumber.parse(text.baseAddress!, text.baseAddress! + text.count))
        case .string:
            let text = reader.textString()
            if let x = Double(text), x.isFinite { return .double(x) }
            return .string(text)
        default:
            try reader.skip(token)
            return nil
        }
    }

    // MARK: - Arrays and key-value lists

    /// One open level of the conversion.
    private enum Frame {
        /// Inside an `AnyValue` object; `wrote` once it produced its value.
        case anyValue(wrote: Bool)
        /// Inside `{"values": [...]}` of an `arrayValue` (or a `kvlistValue`).
        case wrapper(isArray: Bool)
        /// Inside the `values` array; `count` elements written so far.
        case elements(isArray: Bool, count: Int)
        /// Inside one `{"key", "value"}` of a key-value list: whether the key is written, and
        /// where the value starts when it came first.
        case keyValue(keyWritten: Bool, valueStart: Int?)
    }

    /// Converts the `{"values":[...]}` object that follows an `arrayValue`/`kvlistValue` key.
    static func convertComposite(_ reader: inout JSONReader, isArray: Bool) throws(JSONError) -> String {
        var output: [UInt8] = []
        let first = try reader.next()
        guard first == .beginObject else {
            try reader.skip(first)
            return isArray ? "[]" : "{}"
        }
        output.append(isArray ? UInt8(ascii: "[") : UInt8(ascii: "{"))
        var stack: [Frame] = [.wrapper(isArray: isArray)]
        while let top = stack.last {
            let token = try reader.next()
            switch top {
            case .wrapper(let array):
                if token == .endObject {
                    output.append(array ? UInt8(ascii: "]") : UInt8(ascii: "}"))
                    stack.removeLast()
                } else if token == .key, reader.keyIs("values") {
                    let open = try reader.next()
                    if open == .beginArray { stack.append(.elements(isArray: array, count: 0)) } else { try reader.skip(open) }
                } else {
                    try skipMember(token, &reader)
                }
            case .elements(let array, let count):
                if token == .endArray {
                    stack.removeLast()
                } else if token == .beginObject {
                    if count > 0 { output.append(UInt8(ascii: ",")) }
                    stack[stack.count - 1] = .elements(isArray: array, count: count + 1)
                    stack.append(array ? .anyValue(wrote: false) : .keyValue(keyWritten: false, valueStart: nil))
                } else {
                    try reader.skip(token)
                }
            case .keyValue(let keyWritten, let valueStart):
                if token == .endObject {
                    if !keyWritten {
                        // A key that never came: insert an empty one before the value.
                        insertKey([], at: valueStart ?? output.count, into: &output)
                    }
                    if valueStart == nil { output.append(contentsOf: Array("null".utf8)) }
                    stack.removeLast()
                } else if token == .key, reader.keyIs("key") {
                    let keyToken = try reader.next()
                    var key: [UInt8] = []
                    if keyToken == .string { reader.appendText(to: &key) } else { try reader.skip(keyToken) }
                    if !keyWritten { insertKey(key, at: valueStart ?? output.count, into: &output) }
                    stack[stack.count - 1] = .keyValue(keyWritten: true, valueStart: valueStart)
                } else if token == .key, reader.keyIs("value"), valueStart == nil {
                    let open = try reader.next()
                    stack[stack.count - 1] = .keyValue(keyWritten: keyWritten, valueStart: output.count)
                    if open == .beginObject {
                        stack.append(.anyValue(wrote: false))
                    } else {
                        try reader.skip(open)
                        output.append(contentsOf: Array("null".utf8))
                    }
                } else {
                    try skipMember(token, &reader)
                }
            case .anyValue(let wrote):
                if token == .endObject {
                    if !wrote { output.append(contentsOf: Array("null".utf8)) }
                    stack.removeLast()
                    continue
                }
                guard token == .key, !wrote else {
                    try skipMember(token, &reader)
                    continue
                }
                stack[stack.count - 1] = .anyValue(wrote: true)
                if reader.keyIs("arrayValue") || reader.keyIs("array_value") || reader.keyIs("kvlistValue")
                    || reader.keyIs("kvlist_value")
                {
                    let array = reader.keyIs("arrayValue") || reader.keyIs("array_value")
                    let open = try reader.next()
                    output.append(array ? UInt8(ascii: "[") : UInt8(ascii: "{"))
                    if open == .beginObject {
                        stack.append(.wrapper(isArray: array))
                    } else {
                        try reader.skip(open)
                        output.append(array ? UInt8(ascii: "]") : UInt8(ascii: "}"))
                    }
                } else if reader.keyIs("intValue") || reader.keyIs("int_value") {
                    if let n = try reader.readInteger() {
                        output.append(contentsOf: Array(String(n).utf8))
                    } else {
                        output.append(contentsOf: Array("null".utf8))
                    }
                } else {
                    // stringValue, bytesValue, doubleValue, boolValue: the JSON value as it is.
                    try reader.copy(try reader.next(), into: &output)
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Skips a member (its key was just read) or a stray token.
    private static func skipMember(_ token: JSONToken, _ reader: inout JSONReader) throws(JSONError) {
        if token == .key { try reader.skipValue() } else { try reader.skip(token) }
    }

    private static func insertKey(_ key: [UInt8], at index: Int, into output: inout [UInt8]) {
        var text: [UInt8] = []
        JSONString.appendQuoted(key, to: &text)
        text.append(UInt8(ascii: ":"))
        output.insert(contentsOf: text, at: index)
    }
}
