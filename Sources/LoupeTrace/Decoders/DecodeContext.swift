import LoupeJSON

/// What every decoder shares while reading one input: the interner, the attribute policy, the
/// report being filled, and where finished spans go.
///
/// `emit` applies the bad-record rules of TRACE-SEMANTICS 1: no trace id, span id or start
/// time skips the record; end before start is clamped; a missing end or duration is 0; a
/// parent id equal to the span's own id is cleared; a missing service is `unknown_service`.
/// Each case is counted.
struct DecodeContext {
    var interner = StringInterner()
    /// Validates what the decoders pass over whole (`JSONReader.skipContainer`).
    var skipScanner = JSONScanner(paths: PathSet([]))
    let policy: AttributePolicy
    var report: ReadReport
    let input: Int
    let sink: SpanSink
    /// Scratch for id normalization.
    var idBytes: [UInt8] = []
    /// Spans sent to the sink and not yet added to `report` (see `finish`).
    private var spansEmitted = 0
    /// A SERVER or kind-less span without a start time goes out with `Span.untimed` times
    /// instead of being skipped here: assembly times a server half from its CLIENT half, or
    /// merges a part into the span it belongs to (`SharedSpans`). Only for readers whose spans
    /// are assembled.
    var keepsUntimedSpans = false
    /// A document's reader reads on past a span's string that is not text, skipping the span
    /// (`beginSpan`); a line of OTLP JSON lines is skipped whole instead, as any broken line.
    var readsPastBadStrings = false
    /// The details (attributes, status message) of the last span that had any, under the
    /// analysis policy: the few attributes kept (`db.system`) repeat from span to span, and
    /// spans with equal details share one box (about 48 bytes, and the dictionary's storage,
    /// about 140 bytes for one entry).
    private var lastDetails: SpanDetails?
    /// Asked before each span goes out; true ends decoding early (a query that has enough).
    var shouldStop: () -> Bool = { false }
    /// For inputs whose lines are records (OTLP JSON lines): the spans of the line being read,
    /// sent on only once the line proves whole, so a broken line is skipped as a whole.
    private var held: [(traceID: String, span: Span)]?
    /// The span records of that line that were skipped: counted once the line proves whole.
    private var heldSkips: [(reason: SkipReason, draft: SpanDraft, message: String)] = []

    /// Thrown through the decoders when `shouldStop` says so; never reported.
    static let cancellation = JSONError(.trailingData, at: -1)

    init(policy: AttributePolicy, report: ReadReport, input: Int, sink: @escaping SpanSink) {
        self.policy = policy
        self.report = report
        self.input = input
        self.sink = sink
    }

    static let unknownService = "unknown_service"

    /// Adds the spans sent so far to `report`; call before reading the report.
    mutating func finish() {
        report.spansRead += spansEmitted
        report.inputs[input].spans += spansEmitted
        spansEmitted = 0
    }

    mutating func emit(_ draft: consuming SpanDraft) throws(JSONError) {
        if shouldStop() { throw Self.cancellation }
        if let bad = draft.badText { return skip(.badString, draft, "a span holding \(JSONError(bad, at: draft.offset).problem)") }
        guard let traceID = draft.traceID else { return skip(.missingTraceID, draft, "a span without a trace id") }
        guard let spanID = draft.spanID else { return skip(.missingSpanID, draft, "a span without a span id") }
        let start: Int64
        let end: Int64
        if draft.timeOverflowed { return skip(.timeOutOfRange, draft, "span \(spanID) has a time that 64-bit nanoseconds cannot hold") }
        if let s = draft.start {
            start = s
            // Within ±2^62 ns of 1970 (the years 1824 to 2116), the difference of any two times
            // of a trace fits in 64 bits: durations, gaps and a trace's extent never overflow.
            guard Self.timeRange.contains(s), let e = self.end(of: draft, start: s), Self.timeRange.contains(e) else {
                return skip(.timeOutOfRange, draft, "span \(spanID) has a time more than 2^62 ns from 1970")
            }
            end = e
        } else if keepsUntimedSpans && (draft.kind == .server || draft.kind == .unspecified) {
            // Times come from the CLIENT half, or the span this is a part of, at assembly.
            start = Span.untimed
            end = Span.untimed
            report.noteUntimed(traceID: traceID, spanID: spanID, input: input, offset: draft.offset, line: draft.line)
        } else {
            return skip(.missingStartTime, draft, "span \(spanID) has no start time")
        }
        var parentID = draft.parentID
        if parentID == spanID {
            report.selfParentsCleared += 1
            parentID = nil
        }
        var span = Span(
            spanID: spanID, parentID: parentID, parentRef: draft.parentRef,
            service: draft.service ?? Self.unknownService, name: draft.name, kind: draft.kind, start: start, end: end,
            status: draft.status, statusMessage: draft.statusMessage, attributes: draft.attributes, resource: draft.resource)
        if policy == .analysis, let details = span.details {
            if let last = lastDetails, last == details { span.details = last } else { lastDetails = details }
        }
        if held != nil {
            held!.append((traceID, span))
            return
        }
        spansEmitted += 1
        sink(traceID, span)
    }

    /// The times a span may have (see `emit`).
    static let timeRange: ClosedRange<Int64> = -(1 << 62)...(1 << 62)

    /// The end time by the rules of TRACE-SEMANTICS 1: the end, else start + duration, else
    /// the start; never before the start. Each repair is counted. Nil when start + duration
    /// does not fit in 64 bits (the span is skipped: a wrapped time would be a made-up one).
    private mutating func end(of draft: borrowing SpanDraft, start: Int64) -> Int64? {
        var end: Int64
        if let e = draft.end {
            end = e
        } else if let d = draft.duration {
            let (sum, overflow) = start.addingReportingOverflow(d)
            if overflow { return nil }
            end = sum
        } else {
            report.missingDurations += 1
            end = start
        }
        if end < start {
            report.negativeDurationsClamped += 1
            end = start
        }
        return end
    }

    /// Starts reading a span object: in a document (`readsPastBadStrings`), a string in it that
    /// is not text makes the span skipped, not the rest of the document unread. The decoder
    /// turns `reader.readsPastBadStrings` off again when the span ends, however it ends, and
    /// calls `endSpan` when it ends well.
    func beginSpan(_ reader: inout JSONReader) {
        reader.readsPastBadStrings = readsPastBadStrings
        reader.badText = nil
    }

    /// Ends a span object: the draft keeps the first bad string read in it.
    func endSpan(_ reader: inout JSONReader, _ draft: inout SpanDraft) {
        draft.badText = reader.badText
        reader.badText = nil
    }

    /// An entry of a list of spans that is not an object (`null`, a string): counted, since
    /// nothing is skipped without a word (TRACE-SEMANTICS 1).
    mutating func skipNotAnObject(offset: Int, line: Int?) {
        skip(.notAnObject, SpanDraft(offset: offset, line: line), "an entry of a list of spans is not an object")
    }

    private mutating func skip(_ reason: SkipReason, _ draft: SpanDraft, _ message: @autoclosure () -> String) {
        if held != nil { return heldSkips.append((reason, draft, message())) }
        report.skip(reason, input: input, offset: draft.offset, line: draft.line, message: message())
    }

    /// Holds the spans of each line until `endLine` or `dropLine`.
    mutating func holdLines() {
        held = []
    }

    /// The line read so far is whole: its spans go out.
    mutating func endLine() {
        for skipped in heldSkips {
            report.skip(skipped.reason, input: input, offset: skipped.draft.offset, line: skipped.draft.line, message: skipped.message)
        }
        heldSkips = []
        guard let spans = held, !spans.isEmpty else { return }
        held = []
        spansEmitted += spans.count
        for (traceID, span) in spans { sink(traceID, span) }
    }

    /// The line is broken: its spans are dropped with it (the line is counted as skipped).
    mutating func dropLine() {
        if held != nil { held = [] }
        heldSkips = []
    }

    // MARK: - Reading common values

    /// Reads a trace id, interned (all the spans of a trace share one string); nil when it is
    /// missing, empty, all zeros or not a string. With `hexPrefix`, a leading `0x` (how the
    /// OpenTelemetry SDK prints ids) is dropped first.
    mutating func readTraceID(_ reader: inout JSONReader, base64: Bool, hexPrefix: Bool = false) throws(JSONError) -> String? {
        guard try Self.readString(&reader), normalizeID(reader, width: IDText.traceWidth, base64: base64, hexPrefix: hexPrefix) else {
            return nil
        }
        return interner.intern(idBytes)
    }

    /// Reads a span id, by the rules of `readTraceID`.
    mutating func readSpanID(_ reader: inout JSONReader, base64: Bool, hexPrefix: Bool = false) throws(JSONError) -> SpanID? {
        guard try Self.readString(&reader) else { return nil }
        // Nearly every id is already 16 lowercase hex digits: read as its value, in place.
        if !reader.textEscaped, let value = SpanID.value(ofHex: reader.text) { return value == 0 ? nil : SpanID(hex: value) }
        guard normalizeID(reader, width: IDText.spanWidth, base64: base64, hexPrefix: hexPrefix) else { return nil }
        return idBytes.withUnsafeBufferPointer { SpanID(normalized: $0) }
    }

    /// Reads the next value; true when it is a string (`reader.text`), false after skipping
    /// anything else.
    private static func readString(_ reader: inout JSONReader) throws(JSONError) -> Bool {
        let token = try reader.next()
        guard token == .string else {
            try reader.skip(token)
            return false
        }
        return true
    }

    /// Normalizes the id text just read into `idBytes`; false when it is none.
    private mutating func normalizeID(_ reader: JSONReader, width: Int, base64: Bool, hexPrefix: Bool) -> Bool {
        if reader.textEscaped {
            var raw: [UInt8] = []
            reader.appendText(to: &raw)
            return raw.withUnsafeBufferPointer {
                IDText.normalize(Self.droppingHexPrefix($0, hexPrefix), width: width, base64: base64, into: &idBytes)
            }
        }
        return IDText.normalize(Self.droppingHexPrefix(reader.text, hexPrefix), width: width, base64: base64, into: &idBytes)
    }

    /// `bytes` without a leading `0x` or `0X` when `drop` is set.
    private static func droppingHexPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ drop: Bool) -> UnsafeBufferPointer<UInt8> {
        guard drop, bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "x") else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[2...])
    }

    /// Reads a string value through the interner (names and services repeat across spans).
    mutating func readInterned(_ reader: inout JSONReader) throws(JSONError) -> String? {
        let token = try reader.next()
        guard token == .string else {
            try reader.skip(token)
            return nil
        }
        return internText(reader)
    }

    /// The last string or key token of `reader`, interned.
    mutating func internText(_ reader: JSONReader) -> String {
        if reader.textEscaped { return interner.intern(Array(reader.textString().utf8)) }
        return interner.intern(reader.text)
    }
}
