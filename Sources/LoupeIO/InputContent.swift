/// What an input that `FormatDetector` does not take for a trace export holds, told from its
/// first bytes, so that a command that reads spans can say what it was given.
///
/// Like the detector, it reads only a prefix (`FormatDetector.sniffLength` bytes) and never
/// fails; what it cannot name more precisely is `.json`. A stream is read only until its first
/// value closes (its first line that is not blank, for text), so that a live pipe is not waited
/// on: `[]` followed by more lines is an empty array there. The rules, first match wins:
/// - nothing but blanks, line ends and a byte order mark: `.empty`;
/// - a lone empty array, `[]` or `[[]]` (Zipkin's shapes with no span in them): `.emptyArray`;
/// - an object whose top-level `data` array is empty (`{"data":[]}`, Jaeger's answer when no
///   trace matched): `.emptyJaeger`;
/// - an object with a top-level `resourceLogs` or `resourceMetrics` (also snake_case): OTLP of
///   another signal, `.otlpLogs` or `.otlpMetrics`;
/// - no line in the prefix that may be a JSON record (see `PlainTextProbe`): `.plainText`;
/// - anything else: `.json` (JSON lines of log records, other documents).
package enum InputContent: Equatable, Sendable {
    case empty
    /// The array as written without blanks: `[]` or `[[]]`.
    case emptyArray(String)
    case emptyJaeger
    case otlpLogs
    case otlpMetrics
    /// The first line that is not blank, cut to `PlainTextProbe.shownCharacters` characters;
    /// not made safe for a terminal.
    case plainText(firstLine: String)
    case json

    /// True for the shapes of a trace export that hold no spans (an empty file, `[]`,
    /// `{"data":[]}`): a reader finds nothing to read in them, but nothing it could not read.
    package var holdsNoSpans: Bool {
        switch self {
        case .empty, .emptyArray, .emptyJaeger: return true
        case .otlpLogs, .otlpMetrics, .plainText, .json: return false
        }
    }

    /// The content of an input that starts with `prefix` (the whole input if shorter than
    /// `FormatDetector.sniffLength`).
    package init(prefix: UnsafeBufferPointer<UInt8>) {
        var sniffer = Sniffer(prefix)
        sniffer.i = ByteOrderMark.length(prefix)
        sniffer.skipWhitespace()
        guard sniffer.i < prefix.count else {
            self = .empty
            return
        }
        switch prefix[sniffer.i] {
        case UInt8(ascii: "["):
            self = Self.array(&sniffer) ?? .json
        case UInt8(ascii: "{"):
            self = Self.object(&sniffer) ?? .json
        default:
            if let finding = PlainTextProbe.probe(prefix) {
                self = .plainText(firstLine: finding.firstLine)
            } else {
                self = .json
            }
        }
    }

    package init(prefix: [UInt8]) {
        self = prefix.withUnsafeBufferPointer { InputContent(prefix: $0) }
    }

    /// The content of an opened input, from its first (decompressed) bytes; a stream's bytes
    /// read for this are put back in front of it.
    package init(_ opened: inout OpenedInput) throws(InputError) {
        switch opened.body {
        case .mapped(let file):
            guard let base = file.base else {
                self = .empty
                return
            }
            self = InputContent(prefix: UnsafeBufferPointer(start: base, count: min(file.count, FormatDetector.sniffLength)))
        case .stream(let stream):
            // Up to where the first JSON value closes, or the end of the first line that is not
            // blank when the input is no JSON (a live pipe is not waited on for more); at most
            // `sniffLength` bytes. Only those bytes decide, whatever the reads brought after them.
            var prefix: [UInt8] = []
            var decided: Int?
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 << 10, alignment: 1)
            defer { scratch.deallocate() }
            while prefix.count < FormatDetector.sniffLength {
                let n = try stream.read(
                    into: UnsafeMutableRawBufferPointer(
                        rebasing: scratch[0..<min(scratch.count, FormatDetector.sniffLength - prefix.count)]))
                if n == 0 { break }
                prefix.append(contentsOf: scratch[0..<n])
                decided = Self.firstValueEnd(prefix)
                if decided != nil { break }
            }
            opened.body = .stream(PrefixedStream(prefix: prefix, source: stream))
            self = InputContent(prefix: Array(prefix[..<(decided ?? prefix.count)]))
        }
    }

    /// Where the first value ends when it is an object or array, else where the first line that
    /// is not blank ends; nil while the bytes end before that.
    private static func firstValueEnd(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var sniffer = Sniffer(buffer)
            sniffer.i = ByteOrderMark.length(buffer)
            sniffer.skipWhitespace()
            guard sniffer.i < buffer.count else { return nil }
            if buffer[sniffer.i] == UInt8(ascii: "{") || buffer[sniffer.i] == UInt8(ascii: "[") {
                var keys: [String: Int] = [:]
                return sniffer.topLevelKeys(into: &keys)
            }
            return buffer[sniffer.i...].firstIndex(of: 0x0A).map { $0 + 1 }
        }
    }

    /// `[]` or `[[]]` with nothing after it; nil for any other array.
    private static func array(_ sniffer: inout Sniffer) -> InputContent? {
        var depth = 0
        let bytes = sniffer.bytes
        while sniffer.i < bytes.count, bytes[sniffer.i] == UInt8(ascii: "["), depth < 2 {
            depth += 1
            sniffer.i += 1
            sniffer.skipWhitespace()
        }
        for _ in 0..<depth {
            guard sniffer.i < bytes.count, bytes[sniffer.i] == UInt8(ascii: "]") else { return nil }
            sniffer.i += 1
            sniffer.skipWhitespace()
        }
        guard sniffer.i == bytes.count else { return nil }
        return .emptyArray(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
    }

    /// An empty Jaeger document or an OTLP export of logs or metrics; nil for other objects.
    private static func object(_ sniffer: inout Sniffer) -> InputContent? {
        var keys: [String: Int] = [:]
        _ = sniffer.topLevelKeys(into: &keys)
        if keys["resourceLogs"] != nil || keys["resource_logs"] != nil { return .otlpLogs }
        if keys["resourceMetrics"] != nil || keys["resource_metrics"] != nil { return .otlpMetrics }
        if let data = keys["data"], sniffer.bytes[data] == UInt8(ascii: "[") {
            var inner = sniffer
            inner.i = data + 1
            inner.skipWhitespace()
            if inner.i < inner.bytes.count, inner.bytes[inner.i] == UInt8(ascii: "]") { return .emptyJaeger }
        }
        return nil
    }
}
