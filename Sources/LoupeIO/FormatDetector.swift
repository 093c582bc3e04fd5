/// Tells the input formats apart from the first bytes of an input (at most `sniffLength`).
///
/// It never fails: what is no trace export and no other record shape is JSON lines. It reads
/// only a prefix and tolerates one cut anywhere, so detection costs the same for a 1 KB and a
/// 1 GB file. A trace format is taken only for the shape of its spans, never for a field name
/// that log records may have too. The rules, first match wins:
/// - the first byte (after blanks and a byte order mark) is RS (0x1E): a JSON text sequence;
/// - an object with a top-level key `resourceSpans` (or `resource_spans`): OTLP; OTLP lines
///   when that object ends on its first line and another object starts on a following line,
///   or when the next line opens an object with that key (the first line was cut short);
/// - the same with `resourceLogs` (or `resource_logs`): OTLP logs, or OTLP logs lines;
/// - an object with `start_time` and a `context` object holding `trace_id` and `span_id`: the
///   OpenTelemetry SDK's console exporter;
/// - an object with a top-level `batches` array, and `scopeSpans` or
///   `instrumentationLibrarySpans` in the prefix: OTLP (Tempo), OTLP lines by the same rule;
/// - an object with a top-level `data` array and `"traceID"` in the prefix, or with top-level
///   `spans` and `traceID` or `processes`: Jaeger;
/// - an object with the shape of a tool's wrapper around records (`RecordWrapper`: kubectl's
///   `List`, an Elasticsearch response, `aws logs` events, CloudTrail `Records`): wrapped;
/// - the only value of the input is a Zipkin span (`ZipkinShape`): Zipkin;
/// - an array (or an array of arrays) whose first element, past leading `null`s and strings,
///   is a Zipkin span: Zipkin;
/// - an array whose first element is an object: JSON values (its elements are the records);
///   other arrays are JSON lines (`[]` and `[1,2]` are one record each);
/// - an object that spans lines (pretty-printed), or that another object follows on its line:
///   JSON values; any other object: JSON lines;
/// - text before an object (`LinePrefix`) on the first of the first 16 lines that holds an
///   object (`PrefixedLinesProbe`): prefixed JSON lines;
/// - anything else: JSON lines (a plain-text input is told apart later, see `InputContent`).
package enum FormatDetector {
    /// How many leading bytes decide the format.
    package static let sniffLength = 64 << 10
    /// How far the window grows when the input's first value is an object bigger than it and
    /// nothing has decided yet: what tells a tool's wrapper (`aws logs`' `ingestionTime`) may
    /// come after a first record bigger than `sniffLength`.
    package static let longestSniff = 16 << 20

    /// True when `prefix`, a window that the input goes on past, said only "a record" about a
    /// first object that it cuts: more bytes may tell a wrapper.
    static func needsMore(_ prefix: UnsafeBufferPointer<UInt8>, format: InputFormat) -> Bool {
        guard format == .json || format == .jsonLines else { return false }
        var sniffer = Sniffer(prefix)
        sniffer.i = ByteOrderMark.length(prefix)
        sniffer.skipWhitespace()
        return sniffer.i < prefix.count && prefix[sniffer.i] == UInt8(ascii: "{") && sniffer.firstValueIsOpen
    }

    /// The format of an input that starts with `prefix` (the whole input if shorter than
    /// `sniffLength`).
    package static func detect(_ prefix: UnsafeBufferPointer<UInt8>) -> InputFormat {
        var sniffer = Sniffer(prefix)
        return sniffer.run()
    }

    package static func detect(_ prefix: [UInt8]) -> InputFormat {
        prefix.withUnsafeBufferPointer { detect($0) }
    }

    /// The format of an opened input, from its first bytes (after decompression). A stream's
    /// bytes read for this are put back in front of it, so its reader sees them all. A stream
    /// is read only until the format is clear (the first line of JSON lines is enough), so a
    /// live pipe is not held up.
    package static func detect(_ opened: inout OpenedInput) throws(InputError) -> InputFormat {
        try sniff(&opened).format
    }

    /// The format of an opened input and what its first bytes say besides (see `detect`).
    package static func sniff(_ opened: inout OpenedInput) throws(InputError) -> InputShape {
        switch opened.body {
        case .mapped(let file):
            guard let base = file.base else { return InputShape(format: .jsonLines, prefix: UnsafeBufferPointer(start: nil, count: 0)) }
            var prefix = UnsafeBufferPointer(start: base, count: min(file.count, sniffLength))
            var format = detect(prefix)
            while prefix.count < min(file.count, longestSniff), needsMore(prefix, format: format) {
                prefix = UnsafeBufferPointer(start: base, count: min(file.count, longestSniff, prefix.count * 16))
                format = detect(prefix)
            }
            return InputShape(format: format, prefix: prefix)
        case .stream(let stream):
            var prefix: [UInt8] = []
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 << 10, alignment: 1)
            defer { scratch.deallocate() }
            // Whether the last look found the first value still open. Until it closes, only a
            // closing bracket can decide; without this, a stream that arrives a few bytes per
            // read had its whole prefix walked once per read (quadratic).
            var firstValueOpen = false
            var limit = sniffLength
            while prefix.count < limit {
                let n = try stream.read(
                    into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<min(scratch.count, limit - prefix.count)]))
                if n == 0 { break }
                let new = UnsafeRawBufferPointer(rebasing: scratch[0..<n])
                prefix.append(contentsOf: new)
                if prefix.count == limit, limit < longestSniff, prefix.withUnsafeBufferPointer({ needsMore($0, format: detect($0)) }) {
                    limit = min(longestSniff, limit * 16)
                }
                if firstValueOpen && !new.contains(where: { $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "]") }) { continue }
                let sniffer = prefix.withUnsafeBufferPointer { (Sniffer($0).isDecided, Sniffer($0).firstValueIsOpen) }
                if sniffer.0 { break }
                firstValueOpen = sniffer.1
            }
            opened.body = .stream(PrefixedStream(prefix: prefix, source: stream))
            return prefix.withUnsafeBufferPointer { prefix in
                var format = detect(prefix)
                // A stream whose first request is one line may bring more lines later: read it
                // as lines, so a broken line costs that line only.
                if format == .otlp || format == .otlpLogs, Sniffer(prefix).firstValueIsOneLine {
                    format = format == .otlp ? .otlpLines : .otlpLogsLines
                }
                return InputShape(format: format, prefix: prefix)
            }
        }
    }
}

/// A forgiving structural walk over a prefix: it finds top-level keys without validating.
struct Sniffer {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func run() -> InputFormat {
        i = ByteOrderMark.length(bytes)
        skipWhitespace()
        guard i < bytes.count else { return .jsonLines }
        switch bytes[i] {
        case 0x1E: return .jsonSeq
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        default:
            let rest = UnsafeBufferPointer(rebasing: bytes[i...])
            let cut = bytes.count >= FormatDetector.sniffLength
            return PrefixedLinesProbe.probe(rest, atEnd: true, lastLineCut: cut).prefixed ? .prefixedLines : .jsonLines
        }
    }

    /// True when more bytes cannot change the answer: the input does not open with `{` or
    /// `[`, or its first line holds a whole value (JSON lines are decided by their first line).
    var isDecided: Bool {
        var copy = self
        // The start of a byte order mark that a read cut: the value after it is still to come.
        if ByteOrderMark.mayStart(copy.bytes) { return false }
        copy.i = ByteOrderMark.length(copy.bytes)
        copy.skipWhitespace()
        guard copy.i < copy.bytes.count else { return false }
        if copy.bytes[copy.i] == 0x1E { return true }
        // Text: its first lines decide whether it holds prefixed JSON lines.
        guard copy.bytes[copy.i] == UInt8(ascii: "{") || copy.bytes[copy.i] == UInt8(ascii: "[") else {
            return PrefixedLinesProbe.probe(UnsafeBufferPointer(rebasing: copy.bytes[copy.i...]), atEnd: false).decided
        }
        let start = copy.i
        var keys: [String: Int] = [:]
        guard let end = copy.topLevelKeys(into: &keys) else { return false }
        // A pretty-printed first value: its keys are known. A one-line first value: decided
        // once its line has ended (JSON lines and OTLP lines are read line by line either way),
        // so a live pipe's first line is handled before the next one arrives.
        guard !bytes[start..<end].contains(0x0A) else { return true }
        if copy.nextValueStart(after: end) != nil { return true }
        // Its line has ended and nothing follows yet (a live pipe may say nothing more for a
        // while): only a lone Zipkin span (or a log line with such keys?) depends on what comes
        // next. An OTLP request on one line is read as lines either way (see `detect(_:)`).
        let needsNextLine = keys["traceId"] != nil && keys["id"] != nil
        return bytes[end...].contains(0x0A) && !needsNextLine
    }

    /// True when the input opens with `{` or `[` and the prefix ends before that value closes.
    var firstValueIsOpen: Bool {
        var copy = self
        copy.i = ByteOrderMark.length(copy.bytes)
        copy.skipWhitespace()
        guard copy.i < copy.bytes.count, copy.bytes[copy.i] == UInt8(ascii: "{") || copy.bytes[copy.i] == UInt8(ascii: "[") else {
            return false
        }
        var keys: [String: Int] = [:]
        return copy.topLevelKeys(into: &keys) == nil
    }

    /// True when the input's first value is an object or array that closes on its first line.
    var firstValueIsOneLine: Bool {
        var copy = self
        copy.i = ByteOrderMark.length(copy.bytes)
        copy.skipWhitespace()
        let start = copy.i
        var keys: [String: Int] = [:]
        guard let end = copy.topLevelKeys(into: &keys) else { return false }
        return !bytes[start..<end].contains(0x0A)
    }

    // MARK: - Top-level object

    private mutating func object() -> InputFormat {
        let start = i
        var keys: [String: Int] = [:]  // key -> offset of its value
        let end = topLevelKeys(into: &keys)
        func has(_ key: String) -> Bool { keys[key] != nil }
        func opens(_ key: String) -> UInt8? { keys[key].map { bytes[$0] } }
        // One request per line: the first ends on its line and another follows, or the first
        // line is cut short and the next opens a request of its own (a broken first line must
        // not make the whole file one broken document).
        func isLines(_ names: [String]) -> Bool {
            end.map { followedByAnotherLine(after: $0, from: start) } == true || nextLineOpens(names, after: start)
        }
        if has("resourceSpans") || has("resource_spans") {
            return isLines(["resourceSpans", "resource_spans"]) ? .otlpLines : .otlp
        }
        if has("resourceLogs") || has("resource_logs") {
            return isLines(["resourceLogs", "resource_logs"]) ? .otlpLogsLines : .otlpLogs
        }
        if opens("context") == UInt8(ascii: "{"), has("start_time"), objectHas(at: keys["context"]!, "trace_id", "span_id") {
            return .otelConsole
        }
        if opens("batches") == UInt8(ascii: "["),
            contains("\"scopeSpans\"") || contains("\"instrumentationLibrarySpans\"") || contains("\"scope_spans\"")
        {
            return isLines(["batches"]) ? .otlpLines : .otlp
        }
        if opens("data") == UInt8(ascii: "["), contains("\"traceID\"") { return .jaeger }
        if opens("spans") == UInt8(ascii: "["), has("traceID") || has("processes") { return .jaeger }
        if RecordWrapper.detect(keys, bytes) != nil { return .wrapped }
        let isSpan = ZipkinShape.isSpan(keys, bytes)
        if isSpan, end.map({ nextValueStart(after: $0) == nil }) ?? true {
            // One span object is the whole input; a log line with such keys has company.
            return .zipkin
        }
        return recordsObject(from: start, end: end)
    }

    /// A log record object: JSON values when it spans lines (pretty-printed) or another value
    /// follows it on its line (concatenated without line ends); else JSON lines.
    private func recordsObject(from start: Int, end: Int?) -> InputFormat {
        guard let end else {
            // Bigger than the prefix: pretty-printed when a line ends inside what was seen.
            return bytes[start...].contains(0x0A) ? .json : .jsonLines
        }
        if bytes[start..<end].contains(0x0A) { return .json }
        // Another object right after it on its line (`}{`): values written without line ends.
        // Anything else there (`}#`, `} "x"`) is trailing garbage on a JSON line.
        guard let next = nextValueStart(after: end), bytes[next] == UInt8(ascii: "{") else { return .jsonLines }
        return bytes[end..<next].contains(0x0A) ? .jsonLines : .json
    }

    /// Walks the object at `i`, recording its keys and where each one's value starts; returns
    /// the offset just past its closing brace, or nil when the prefix ends inside it.
    mutating func topLevelKeys(into keys: inout [String: Int]) -> Int? {
        var depth = 0
        var expectKey = false
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\""):
                let keyStart = i + 1
                guard let close = stringEnd(from: i) else { return nil }
                i = close + 1
                if depth == 1 && expectKey {
                    expectKey = false
                    let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[keyStart..<close]), as: UTF8.self)
                    skipWhitespace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
                        i += 1
                        skipWhitespace()
                        if i < bytes.count { keys[key] = i }
                    }
                }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth == 1 { expectKey = true }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return i + 1 }
            case UInt8(ascii: ","):
                if depth == 1 { expectKey = true }
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// True when the object that opens at `offset` has all of `names` among its own keys.
    private func objectHas(at offset: Int, _ names: String...) -> Bool {
        var inner = self
        inner.i = offset
        var keys: [String: Int] = [:]
        _ = inner.topLevelKeys(into: &keys)
        return names.allSatisfy { keys[$0] != nil }
    }

    /// True when the first value ends its line and another object starts on a later line.
    private func followedByAnotherLine(after end: Int, from start: Int) -> Bool {
        // The first value must not span lines: a pretty-printed document is one OTLP request.
        for k in start..<end where bytes[k] == 0x0A { return false }
        guard let next = nextValueStart(after: end) else { return false }
        return bytes[next] == UInt8(ascii: "{") && bytes[end..<next].contains(0x0A)
    }

    /// True when the line after the one holding `start` opens an object whose first key is one
    /// of `names` (`{"resourceSpans":`), as the next request of a file of one per line does; a
    /// pretty-printed document's next line holds a key, not an object.
    private func nextLineOpens(_ names: [String], after start: Int) -> Bool {
        guard let newline = bytes[start...].firstIndex(of: 0x0A) else { return false }
        var k = newline + 1
        while k < bytes.count, Self.isWhitespace(bytes[k]) { k += 1 }
        guard k < bytes.count, bytes[k] == UInt8(ascii: "{") else { return false }
        k += 1
        while k < bytes.count, Self.isWhitespace(bytes[k]) { k += 1 }
        return names.contains { name in
            let quoted = Array("\"\(name)\"".utf8)
            return k + quoted.count <= bytes.count && bytes[k..<(k + quoted.count)].elementsEqual(quoted)
        }
    }

    /// Where another value starts after `end` (only whitespace in between), or nil.
    func nextValueStart(after end: Int) -> Int? {
        var k = end
        while k < bytes.count, Self.isWhitespace(bytes[k]) { k += 1 }
        return k < bytes.count ? k : nil
    }

    // MARK: - Top-level array

    /// Zipkin only when the first span can be seen: an object of a span's shape, directly or
    /// inside a first inner array. Another array whose first element is an object holds
    /// records (JSON values). Arrays of other values (`[]`, `[1,2]`) are one JSON-lines record
    /// each, so `loupe '*'` prints them as the valid records they are.
    private mutating func array() -> InputFormat {
        i += 1
        skipWhitespace()
        var nested = false
        // An array of arrays (Zipkin's list of traces): look at its first inner element.
        if i < bytes.count, bytes[i] == UInt8(ascii: "[") {
            nested = true
            i += 1
            skipWhitespace()
        }
        // Leading `null`s or strings (entries a reader counts as not spans) are passed over, so
        // that they do not hide the spans after them.
        let first = i
        while i < bytes.count, bytes[i] == UInt8(ascii: "n") || bytes[i] == UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\"") {
                guard let close = stringEnd(from: i) else { break }
                i = close + 1
            } else {
                i += 4
            }
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { break }
            i += 1
            skipWhitespace()
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "{") {
            var keys: [String: Int] = [:]
            _ = topLevelKeys(into: &keys)
            if ZipkinShape.isSpan(keys, bytes) { return .zipkin }
            if i == first { return nested ? .jsonLines : .json }
        }
        // Other arrays, and an array whose first element is no object, are one record each.
        i = first
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return .jsonLines }
        return nested ? .jsonLines : .json
    }

    // MARK: - Bytes

    private func contains(_ needle: String) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return LiteralSearcher(Array(needle.utf8)).firstMatch(in: base, end: base + bytes.count) != nil
    }

    /// The offset of the closing quote of the string that opens at `from`, or nil.
    private func stringEnd(from: Int) -> Int? {
        var k = from + 1
        while k < bytes.count {
            if bytes[k] == UInt8(ascii: "\\") {
                k += 2
                continue
            }
            if bytes[k] == UInt8(ascii: "\"") { return k }
            k += 1
        }
        return nil
    }

    mutating func skipWhitespace() {
        while i < bytes.count, Self.isWhitespace(bytes[i]) { i += 1 }
    }

    private static func isWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
    }
}
