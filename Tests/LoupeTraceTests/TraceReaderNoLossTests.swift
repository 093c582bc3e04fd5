import Foundation
import LoupeIO
import LoupeTestSupport
import Testing

@testable import LoupeTrace

/// No-loss properties of every trace reader: random valid spans, written in each format with
/// random whitespace and random damage, must come back each exactly once with their fields,
/// and the skip counts must equal the damage. The expectation is made here from the generated
/// spans, independently of the decoders.
@Suite struct TraceReaderNoLossTests {
    /// A span as generated: what a reader must give back.
    struct Expected: Equatable, CustomStringConvertible {
        var trace: String
        var id: String
        var parent: String?
        var name: String
        var service: String
        var start: Int64
        var end: Int64
        var error: Bool

        var description: String { "\(trace)/\(id)" }

        init(trace: String, id: String, parent: String?, name: String, service: String, start: Int64, end: Int64, error: Bool) {
            (self.trace, self.id, self.parent, self.name, self.service) = (trace, id, parent, name, service)
            (self.start, self.end, self.error) = (start, end, error)
        }

        init(_ span: Span, trace: String) {
            self.init(
                trace: trace, id: span.spanID.description, parent: span.parentID?.description, name: span.name, service: span.service,
                start: span.start, end: span.end, error: span.status == .error)
        }
    }

    /// One generated record: a span, or (`missing`) one that lacks a field the rules require.
    struct Record {
        var span: Expected
        var missing: SkipReason?
    }

    enum Format: String, CaseIterable {
        case otlp, otlpLines, jaeger, zipkin, zipkinNested

        var inputFormat: InputFormat {
            switch self {
            case .otlp: return .otlp
            case .otlpLines: return .otlpLines
            case .jaeger: return .jaeger
            case .zipkin, .zipkinNested: return .zipkin
            }
        }
    }

    /// What one generated input holds, and what reading it must give.
    struct Case {
        var text: [UInt8] = []
        var expected: [Expected] = []
        var skipped: [SkipReason: Int] = [:]
        /// For a document: whether each span object, in document order, lacks a required field.
        var missing: [Bool] = []
    }

    /// Where each span object of a document ends (just after its `}`), in document order, found
    /// by a bracket walk of its own: an object that is an element of a `spans` array (OTLP,
    /// Jaeger) or of an array with no key (Zipkin's lists, at any depth).
    static func spanObjectEnds(_ text: [UInt8]) -> [Int] {
        var ends: [Int] = []
        // Each open container: is it an array, and the key it is the value of (nil for none).
        var stack: [(isArray: Bool, key: String?)] = []
        var lastString: [UInt8] = []
        var pendingKey: String?
        var i = 0
        while i < text.count {
            let c = text[i]
            switch c {
            case 0x22:
                var j = i + 1
                var bytes: [UInt8] = []
                while j < text.count && text[j] != 0x22 {
                    if text[j] == 0x5C { j += 1 }
                    if j < text.count { bytes.append(text[j]) }
                    j += 1
                }
                lastString = bytes
                i = j
            case 0x3A:
                pendingKey = String(decoding: lastString, as: UTF8.self)
            case 0x7B, 0x5B:
                stack.append((c == 0x5B, pendingKey))
                pendingKey = nil
            case 0x7D, 0x5D:
                stack.removeLast()
                if c == 0x7D, let parent = stack.last, parent.isArray, parent.key == "spans" || parent.key == nil { ends.append(i + 1) }
            case 0x2C:
                pendingKey = nil
            default:
                break
            }
            i += 1
        }
        return ends
    }

    static func hex(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Random spans of a few traces; times in whole microseconds (Jaeger's and Zipkin's unit).
    static func records(_ rng: inout SplitMix64, count: Int) -> [Record] {
        var records: [Record] = []
        let traces = (0..<Int.random(in: 1...4, using: &rng)).map { _ in hex(rng.next() | 1, width: 32) }
        for i in 0..<count {
            let trace = traces.randomElement(using: &rng)!
            let earlier = records.filter { $0.span.trace == trace && $0.missing == nil }
            let start = Int64.random(in: 1_700_000_000_000_000...1_700_000_100_000_000, using: &rng) * 1000
            var span = Expected(
                trace: trace, id: hex(UInt64(i + 1) << 8 | UInt64.random(in: 0...255, using: &rng), width: 16),
                parent: Bool.random(using: &rng) ? earlier.randomElement(using: &rng)?.span.id : nil,
                name: ["GET /", "SELECT", "charge \"card\"", "caf\u{e9}", "op\\x"].randomElement(using: &rng)!,
                service: ["api", "db", "pay"].randomElement(using: &rng)!, start: start,
                end: start + Int64.random(in: 0...5_000_000, using: &rng) * 1000, error: Int.random(in: 0..<5, using: &rng) == 0)
            var missing: SkipReason?
            if Int.random(in: 0..<12, using: &rng) == 0 {
                missing = [.missingTraceID, .missingSpanID, .missingStartTime].randomElement(using: &rng)!
                span.parent = nil
            } else if Int.random(in: 0..<15, using: &rng) == 0, let first = earlier.randomElement(using: &rng) {
                // A duplicate: the same trace and span id again (the reader reads both; the
                // assembler keeps the first).
                span.id = first.span.id
                span.parent = first.span.parent
            }
            records.append(Record(span: span, missing: missing))
        }
        return records
    }

    /// Whitespace between tokens: none, spaces, tabs, and in documents newlines (LF and CRLF).
    static func space(_ rng: inout SplitMix64, newlines: Bool) -> String {
        let choices = newlines ? ["", "", " ", "\n", "\r\n  ", "\t", "\n\n"] : ["", "", " ", "\t", "  "]
        return choices.randomElement(using: &rng)!
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Joins members into an object with random whitespace around every token.
    static func object(_ members: [(String, String)], _ rng: inout SplitMix64, newlines: Bool) -> String {
        let s = { (rng: inout SplitMix64) in space(&rng, newlines: newlines) }
        return "{" + s(&rng)
            + members.map { quoted($0.0) + s(&rng) + ":" + s(&rng) + $0.1 }.joined(separator: s(&rng) + "," + s(&rng)) + s(&rng) + "}"
    }

    static func array(_ elements: [String], _ rng: inout SplitMix64, newlines: Bool) -> String {
        let s = { (rng: inout SplitMix64) in space(&rng, newlines: newlines) }
        return "[" + s(&rng) + elements.joined(separator: s(&rng) + "," + s(&rng)) + s(&rng) + "]"
    }

    // MARK: - Writers, one per format

    static func otlpSpan(_ record: Record, _ rng: inout SplitMix64, newlines: Bool) -> String {
        let span = record.span
        var members: [(String, String)] = []
        if record.missing != .missingTraceID { members.append(("traceId", quoted(span.trace))) }
        if record.missing != .missingSpanID { members.append(("spanId", quoted(span.id))) }
        if let parent = span.parent { members.append(("parentSpanId", quoted(parent))) }
        members.append(("name", quoted(span.name)))
        if record.missing != .missingStartTime { members.append(("startTimeUnixNano", quoted(String(span.start)))) }
        members.append(("endTimeUnixNano", String(span.end)))
        members.append(("status", object([("code", span.error ? "2" : "0")], &rng, newlines: newlines)))
        members.shuffle(using: &rng)
        return object(members, &rng, newlines: newlines)
    }

    /// One `ResourceSpans` per run of spans of one service.
    static func otlpDocument(_ records: [Record], _ rng: inout SplitMix64, newlines: Bool) -> String {
        var groups: [String] = []
        var i = 0
        while i < records.count {
            var j = i
            while j < records.count, records[j].span.service == records[i].span.service { j += 1 }
            let service = object(
                [
                    ("key", quoted("service.name")),
                    ("value", object([("stringValue", quoted(records[i].span.service))], &rng, newlines: newlines)),
                ],
                &rng, newlines: newlines)
            let resource = object([("attributes", array([service], &rng, newlines: newlines))], &rng, newlines: newlines)
            let spans = records[i..<j].map { otlpSpan($0, &rng, newlines: newlines) }
            let scope = object([("spans", array(spans, &rng, newlines: newlines))], &rng, newlines: newlines)
            // The resource before or after its spans: a reader must not lose spans waiting for it.
            var members = [("resource", resource), ("scopeSpans", array([scope], &rng, newlines: newlines))]
            if Bool.random(using: &rng) { members.reverse() }
            groups.append(object(members, &rng, newlines: newlines))
            i = j
        }
        return object([("resourceSpans", array(groups, &rng, newlines: newlines))], &rng, newlines: newlines)
    }

    static func jaegerDocument(_ records: [Record], _ rng: inout SplitMix64) -> String {
        // One trace object per trace id, in order of first appearance; a span without a trace
        // id goes with the trace of the object it sits in, so it never lacks one: Jaeger
        // spans keep their own traceID field, which is what is left out.
        var order: [String] = []
        for record in records where !order.contains(record.span.trace) { order.append(record.span.trace) }
        let traces = order.map { trace -> String in
            let mine = records.filter { $0.span.trace == trace }
            let spans = mine.map { record -> String in
                let span = record.span
                var members: [(String, String)] = [("operationName", quoted(span.name)), ("processID", quoted("p-" + span.service))]
                if record.missing != .missingTraceID { members.append(("traceID", quoted(span.trace))) }
                if record.missing != .missingSpanID { members.append(("spanID", quoted(span.id))) }
                if let parent = span.parent {
                    let reference = object(
                        [("refType", quoted("CHILD_OF")), ("traceID", quoted(span.trace)), ("spanID", quoted(parent))], &rng, newlines: true
                    )
                    members.append(("references", array([reference], &rng, newlines: true)))
                }
                if record.missing != .missingStartTime { members.append(("startTime", String(span.start / 1000))) }
                members.append(("duration", String((span.end - span.start) / 1000)))
                let tags =
                    span.error
                    ? [object([("key", quoted("error")), ("type", quoted("bool")), ("value", "true")], &rng, newlines: true)] : []
                members.append(("tags", array(tags, &rng, newlines: true)))
                members.shuffle(using: &rng)
                return object(members, &rng, newlines: true)
            }
            let services = Set(mine.map(\.span.service)).sorted()
            let processes = object(
                services.map { ("p-" + $0, object([("serviceName", quoted($0))], &rng, newlines: true)) }, &rng, newlines: true)
            return object(
                [("traceID", quoted(trace)), ("spans", array(spans, &rng, newlines: true)), ("processes", processes)], &rng, newlines: true)
        }
        return object([("data", array(traces, &rng, newlines: true))], &rng, newlines: true)
    }

    static func zipkinSpan(_ record: Record, _ rng: inout SplitMix64) -> String {
        let span = record.span
        var members: [(String, String)] = [("name", quoted(span.name))]
        if record.missing != .missingTraceID { members.append(("traceId", quoted(span.trace))) }
        if record.missing != .missingSpanID { members.append(("id", quoted(span.id))) }
        if let parent = span.parent { members.append(("parentId", quoted(parent))) }
        if record.missing != .missingStartTime { members.append(("timestamp", String(span.start / 1000))) }
        members.append(("duration", String((span.end - span.start) / 1000)))
        members.append(("localEndpoint", object([("serviceName", quoted(span.service))], &rng, newlines: true)))
        if span.error { members.append(("tags", object([("error", quoted("boom"))], &rng, newlines: true))) }
        members.shuffle(using: &rng)
        return object(members, &rng, newlines: true)
    }

    /// The records in the order they are written (Jaeger groups them by trace object).
    static func ordered(_ records: [Record], format: Format) -> [Record] {
        guard format == .jaeger else { return records }
        var order: [String] = []
        for record in records where !order.contains(record.span.trace) { order.append(record.span.trace) }
        return order.flatMap { trace in records.filter { $0.span.trace == trace } }
    }

    /// The expected spans, in the order a reader gives them, and the span-level skips.
    static func expectation(_ records: [Record], format: Format) -> (spans: [Expected], skipped: [SkipReason: Int]) {
        var skipped: [SkipReason: Int] = [:]
        var spans: [Expected] = []
        for record in ordered(records, format: format) {
            if let missing = record.missing { skipped[missing, default: 0] += 1 } else { spans.append(record.span) }
        }
        return (spans, skipped)
    }

    /// A whole input in one format, damaged where the format allows it to be.
    static func makeCase(_ format: Format, seed: UInt64) -> Case {
        var rng = SplitMix64(seed: seed)
        var records = Self.records(&rng, count: Int.random(in: 1...40, using: &rng))
        if format != .otlpLines {
            // A span of a document whose name holds a control byte, written raw: that span is
            // skipped, and the document read on past it.
            for i in records.indices where records[i].missing == nil && Int.random(in: 0..<15, using: &rng) == 0 {
                records[i].missing = .badString
                records[i].span.name += "\u{1}"
            }
        }
        var result = Case()
        switch format {
        case .otlpLines:
            // One document per line; damage: cut lines, garbage, binary and blank lines.
            var i = 0
            var lines: [[UInt8]] = []
            var expectedRecords: [Record] = []
            while i < records.count {
                let n = Int.random(in: 1...3, using: &rng)
                let part = Array(records[i..<min(i + n, records.count)])
                i += n
                let line = Array(otlpDocument(part, &rng, newlines: false).utf8)
                switch Int.random(in: 0..<8, using: &rng) {
                case 0:
                    // A line cut inside a character is invalid UTF-8 before it is cut JSON.
                    let cut = Array(line[..<Int.random(in: 1..<line.count, using: &rng)])
                    lines.append(cut)
                    result.skipped[String(validating: cut, as: UTF8.self) == nil ? .invalidUTF8 : .malformedJSON, default: 0] += 1
                case 1:
                    lines.append(Array("not json: \(rng.next())".utf8))
                    result.skipped[.malformedJSON, default: 0] += 1
                    lines.append(line)
                    expectedRecords += part
                case 2:
                    lines.append([0x7B, 0x00, 0xFF, 0x22])
                    result.skipped[.binaryData, default: 0] += 1
                    lines.append(line)
                    expectedRecords += part
                case 3:
                    lines.append(Array(" \t".utf8))
                    lines.append(line)
                    expectedRecords += part
                default:
                    lines.append(line)
                    expectedRecords += part
                }
            }
            let newline: [UInt8] = Bool.random(using: &rng) ? [0x0A] : [0x0D, 0x0A]
            result.text = lines.flatMap { $0 + newline }
            if Bool.random(using: &rng), result.text.count > newline.count { result.text.removeLast(newline.count) }
            let (spans, skipped) = expectation(expectedRecords, format: format)
            result.expected = spans
            result.skipped.merge(skipped, uniquingKeysWith: +)
            return result
        case .otlp:
            result.text = Array(otlpDocument(records, &rng, newlines: true).utf8)
        case .jaeger:
            result.text = Array(jaegerDocument(records, &rng).utf8)
        case .zipkin:
            result.text = Array(array(records.map { zipkinSpan($0, &rng) }, &rng, newlines: true).utf8)
        case .zipkinNested:
            var groups: [String] = []
            var i = 0
            while i < records.count {
                let n = Int.random(in: 0...4, using: &rng)
                groups.append(array(records[i..<min(i + n, records.count)].map { zipkinSpan($0, &rng) }, &rng, newlines: true))
                i += n
            }
            result.text = Array(array(groups, &rng, newlines: true).utf8)
        }
        let (spans, skipped) = expectation(records, format: format)
        result.expected = spans
        result.skipped = skipped
        result.missing = ordered(records, format: format).map { $0.missing != nil }
        return result
    }

    static func skips(_ report: ReadReport) -> [SkipReason: Int] {
        Dictionary(report.skipped.map { ($0.reason, $0.count) }, uniquingKeysWith: +)
    }

    // MARK: - The properties

    /// Every format, streamed at awkward block sizes: each valid span exactly once, with its
    /// fields, and the skips equal to the damage.
    @Test(arguments: Format.allCases)
    func everyValidSpanOnceAndEveryDamageCounted(_ format: Format) {
        for seed in 0..<60 as Range<UInt64> {
            let input = Self.makeCase(format, seed: seed &* 7919 &+ UInt64(format.rawValue.count))
            let step = [1, 3, 15, 100, 65535, 65537][Int(seed) % 6]
            var got: [Expected] = []
            var report = ReadReport()
            TraceReader.decode(
                OpenedInput(name: "(memory)", body: .stream(SteppedStream(input.text, step: step))), format: format.inputFormat,
                attributes: .analysis, report: &report
            ) { got.append(Expected($1, trace: $0)) }
            #expect(got == input.expected, "\(format) seed \(seed) step \(step)")
            #expect(Self.skips(report) == input.skipped, "\(format) seed \(seed)")
            #expect(report.failures.isEmpty)
        }
    }

    /// A document cut anywhere: no span is made up or read twice, what is read is a prefix of
    /// the spans in document order, and exactly one skip says the document was cut. A Jaeger
    /// trace object is written with its processes after its spans, so spans read before a cut
    /// there keep everything but their service (`unknown_service`).
    @Test(arguments: [Format.otlp, .jaeger, .zipkin, .zipkinNested])
    func aCutDocumentKeepsAPrefixAndSaysSo(_ format: Format) {
        for seed in 0..<40 as Range<UInt64> {
            var input = Self.makeCase(format, seed: seed &+ 1000)
            var rng = SplitMix64(seed: seed)
            let cut = Int.random(in: 1..<input.text.count, using: &rng)
            input.text.removeSubrange(cut...)
            let (spans, traceIDs, report) = decode(String(decoding: input.text, as: UTF8.self), format.inputFormat, step: 64)
            let got = zip(spans, traceIDs).map { Expected($0, trace: $1) }
            let expected = zip(input.expected.prefix(got.count), got).map { want, read in
                var want = want
                if read.service == "unknown_service" { want.service = read.service }
                return want
            }
            #expect(expected == got, "\(format) seed \(seed) cut \(cut)")
            // Every span whose object closed before the cut is read.
            let whole = Self.spanObjectEnds(input.text).enumerated().filter { $0.element <= cut && !input.missing[$0.offset] }.count
            #expect(got.count >= whole, "\(format) seed \(seed) cut \(cut): \(got.count) spans read, \(whole) whole before the cut")
            // The writers end a document with its closing bracket, so every cut breaks it.
            let documentSkips = report.skipped.filter { $0.reason.isDocumentLevel }
            #expect(documentSkips.map(\.count) == [1], "\(format) seed \(seed) cut \(cut): \(report.skipped)")
        }
    }

    /// Several files, gzip among them, and the split decoding of `--threads` (with small
    /// pieces, so seams fall everywhere) give the same spans and skips as one streamed read.
    @Test(arguments: Format.allCases)
    func filesGzipAndThreadsAgree(_ format: Format) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-noloss-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        var expected: [Expected] = []
        var skipped: [SkipReason: Int] = [:]
        for part in 0..<4 {
            let input = Self.makeCase(format, seed: UInt64(part) &* 31 &+ 5)
            let path = directory.appendingPathComponent("part\(part).json").path
            try Data(input.text).write(to: URL(fileURLWithPath: path))
            if part == 2 { try Self.gzip(path) }
            paths.append(part == 2 ? path + ".gz" : path)
            expected += input.expected
            skipped.merge(input.skipped, uniquingKeysWith: +)
        }
        for (threads, piece) in [(1, 1 << 20), (2, 1), (2, 97), (3, 4096)] {
            let collection = TraceReader.read(
                paths.map { .file($0) }, format: format.inputFormat, threads: threads,
                sizes: ParallelDecode.Sizes(minimum: 0, piece: piece))
            let got = collection.traces.flatMap { trace in trace.spans.map { Expected($0, trace: trace.traceID) } }
            let byTrace = Dictionary(grouping: expected, by: \.trace)
            #expect(collection.traces.count == byTrace.count, "\(format) threads \(threads)")
            for trace in collection.traces {
                let spans = trace.spans.map { Expected($0, trace: trace.traceID) }
                #expect(spans == byTrace[trace.traceID], "\(format) threads \(threads) piece \(piece)")
            }
            #expect(got.count == expected.count)
            #expect(Self.skips(collection.report) == skipped, "\(format) threads \(threads) piece \(piece)")
            // Assembly keeps the first of each (trace, span id) and counts the rest.
            for trace in collection.traces {
                var firsts: [String: Expected] = [:]
                for span in byTrace[trace.traceID] ?? [] where firsts[span.id] == nil { firsts[span.id] = span }
                let assembled = TraceAssembler.assemble(trace)
                #expect(assembled.duplicatesDropped == (byTrace[trace.traceID]?.count ?? 0) - firsts.count)
                let kept = assembled.spans.map { Expected($0, trace: trace.traceID) }
                #expect(kept.sorted { $0.id < $1.id } == firsts.values.sorted { $0.id < $1.id })
            }
            #expect(collection.report.failures.isEmpty)
        }
    }

    /// Nesting far deeper than any export, in each decoder, is read without recursion.
    @Test(arguments: Format.allCases)
    func deepNestingNeitherCrashesNorLosesTheRest(_ format: Format) {
        let depth = 200_000
        let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let text: String
        switch format {
        case .otlp, .otlpLines: text = #"{"resourceSpans":[{"x":"# + deep + "}]}"
        case .jaeger: text = String(repeating: #"{"data":["#, count: depth) + String(repeating: "]}", count: depth)
        case .zipkin, .zipkinNested: text = deep
        }
        let (spans, _, report) = decode(text, format.inputFormat)
        #expect(spans.isEmpty)
        #expect(report.skippedTotal == 0, "\(format): \(report.skipped)")
    }

    static func gzip(_ path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = [path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
