import LoupeIO

/// What reading trace inputs found besides spans: the `input` object of TRACE-SEMANTICS 3.4 and
/// the stderr report of every repair.
///
/// Counts add up over all inputs; per-input details keep the first occurrence of each skip
/// reason (where and why), for messages like `skipped 2 spans without a start time in a.json
/// (first at byte 1234)`.
package struct ReadReport: Sendable {
    /// Spans decoded and kept (duplicates included; assembly drops those).
    package var spansRead = 0
    /// OTLP log records read (inputs of OTLP logs, read as query records).
    package var logRecordsRead = 0
    /// Span records fixed up rather than skipped (TRACE-SEMANTICS 1): end before start set to
    /// start; a missing end or duration read as 0; a parent id equal to the span's own id cleared.
    package var negativeDurationsClamped = 0
    package var missingDurations = 0
    package var selfParentsCleared = 0
    /// Untimed parts of a span (Zipkin sends spans in parts) merged into it: not spans of their
    /// own, so not in `spansRead`.
    package var spanPartsMerged = 0
    /// Skipped records by reason, over all inputs, in order of first occurrence.
    package private(set) var skipped: [(reason: SkipReason, count: Int)] = []
    /// Per input: its name, format, span count and the first occurrence of each skip reason.
    package var inputs: [InputSummary] = []
    /// Inputs that could not be read at all (missing, unreadable, not a trace export).
    package var failures: [String] = []
    /// Where each span read without a start time (`Span.untimed`) was, by trace and span id:
    /// assembly decides whether it is skipped, and the message then says where it was.
    private var untimedAt: [UntimedKey: (input: Int, offset: Int, line: Int?)] = [:]

    private struct UntimedKey: Hashable {
        var traceID: String
        var spanID: SpanID
    }

    package init() {}

    package var skippedTotal: Int { skipped.reduce(0) { $0 + $1.count } }

    /// Repairs that `--strict` refuses: skipped records and fixed-up fields.
    package var repairCount: Int { skippedTotal + negativeDurationsClamped + missingDurations + selfParentsCleared }

    /// Counts one skipped record of `input` (an index into `inputs`) at byte `offset`, on
    /// `line` where the reader can number lines.
    package mutating func skip(
        _ reason: SkipReason, input: Int, offset: Int, line: @autoclosure () -> Int?, message: @autoclosure () -> String
    ) {
        count(reason)
        inputs[input].skip(reason, offset: offset, line: line(), message: message())
    }

    private mutating func count(_ reason: SkipReason) {
        if let i = skipped.firstIndex(where: { $0.reason == reason }) {
            skipped[i].count += 1
        } else {
            skipped.append((reason, 1))
        }
    }

    /// Remembers where an untimed span was read.
    mutating func noteUntimed(traceID: String, spanID: SpanID, input: Int, offset: Int, line: Int?) {
        let key = UntimedKey(traceID: traceID, spanID: spanID)
        if untimedAt[key] == nil { untimedAt[key] = (input, offset, line) }
    }

    /// An untimed record merged into the span it is a part of: it was counted as a span read.
    mutating func mergedPart(traceID: String, spanID: SpanID) {
        spanPartsMerged += 1
        spansRead -= 1
        if let at = untimedAt[UntimedKey(traceID: traceID, spanID: spanID)] { inputs[at.input].spans -= 1 }
    }

    /// Skips an untimed span with nothing to take a time from: it no longer counts as read, and
    /// it is counted where it was read, like a skip while decoding.
    mutating func skipUntimed(traceID: String, spanID: SpanID) {
        spansRead -= 1
        let message = "span \(spanID) has no start time, and no span with its id to take one from"
        guard let at = untimedAt[UntimedKey(traceID: traceID, spanID: spanID)] else {
            // Spans handed over without a reading behind them (tests that feed a `SpanCollectionBuilder`).
            count(.missingStartTime)
            return
        }
        inputs[at.input].spans -= 1
        skip(.missingStartTime, input: at.input, offset: at.offset, line: at.line, message: message)
    }

    /// Adds the counts of another report (of later inputs).
    package mutating func merge(_ other: ReadReport) {
        for (key, at) in other.untimedAt { untimedAt[key] = untimedAt[key] ?? (at.input + inputs.count, at.offset, at.line) }
        spansRead += other.spansRead
        logRecordsRead += other.logRecordsRead
        spanPartsMerged += other.spanPartsMerged
        negativeDurationsClamped += other.negativeDurationsClamped
        missingDurations += other.missingDurations
        selfParentsCleared += other.selfParentsCleared
        for (reason, count) in other.skipped {
            if let i = skipped.firstIndex(where: { $0.reason == reason }) {
                skipped[i].count += count
            } else {
                skipped.append((reason, count))
            }
        }
        inputs += other.inputs
        failures += other.failures
    }

    /// Adds a report of a later part of the same input: counts add up, and its input summary
    /// joins the last one here (the earlier first occurrences stay).
    package mutating func absorb(_ part: ReadReport) {
        var counts = part
        counts.inputs = []
        counts.untimedAt = [:]
        merge(counts)
        for (key, at) in part.untimedAt where untimedAt[key] == nil { untimedAt[key] = (max(inputs.count - 1, 0), at.offset, at.line) }
        guard let partInput = part.inputs.first, !inputs.isEmpty else { return }
        inputs[inputs.count - 1].absorb(partInput)
    }
}

/// Why a span record was skipped; the raw value is the key in the JSON `skipped` object.
package enum SkipReason: String, Sendable, CaseIterable {
    case missingTraceID = "missing_trace_id"
    case missingSpanID = "missing_span_id"
    case missingStartTime = "missing_start_time"
    /// A time that 64-bit nanoseconds cannot hold: microseconds past 2^63 ns, a duration that
    /// runs past it, or an end so far from the start that their difference overflows.
    case timeOutOfRange = "time_out_of_range"
    /// An entry of a list of spans that is not an object (`null`, a string, a number).
    case notAnObject = "not_an_object"
    /// A span of a document holding a string that is not text (invalid UTF-8, a NUL or another
    /// control byte); the document is read on past it.
    case badString = "bad_string"
    /// A document or line that is not JSON; for a document, the rest of the input.
    case malformedJSON = "malformed_json"
    /// The input ended early: a compressed stream cut short or a read that failed.
    case truncatedInput = "truncated_input"
    case invalidUTF8 = "invalid_utf8"
    case binaryData = "binary_data"

    /// How a message names `count` skipped records: `spans without a start time`.
    package func phrase(_ count: Int) -> String {
        switch self {
        case .missingTraceID: return "without a trace id"
        case .missingSpanID: return "without a span id"
        case .missingStartTime: return "without a start time"
        case .timeOutOfRange: return "whose times are out of range"
        case .notAnObject: return count == 1 ? "that is not an object" : "that are not objects"
        case .badString: return "holding bytes that are not text"
        case .malformedJSON: return "with malformed JSON"
        case .truncatedInput: return "cut short"
        case .invalidUTF8: return "with invalid UTF-8"
        case .binaryData: return "with binary data"
        }
    }

    /// True when the skipped thing is a document or line (not one span).
    package var isDocumentLevel: Bool {
        switch self {
        case .malformedJSON, .truncatedInput, .invalidUTF8, .binaryData: return true
        default: return false
        }
    }
}

/// One input's share of a `ReadReport`.
package struct InputSummary: Sendable {
    package var name: String
    package var format: String
    package var spans = 0
    /// For OTLP logs: the log records read.
    package var logRecords = 0
    /// For an input read as no trace export because it holds none (an empty file, `[]`,
    /// `{"data":[]}`): what it holds. Such an input is no failure, only empty.
    package var content: InputContent?
    /// Per reason, in order of first occurrence: how many, and where and why the first was.
    package private(set) var skips: [Skip] = []

    /// The records skipped for one reason.
    package struct Skip: Sendable {
        package var reason: SkipReason
        package var count: Int
        /// The first one's byte offset in the input, and its line where known.
        package var offset: Int
        package var line: Int?
        package var message: String
    }

    package init(name: String, format: String, content: InputContent? = nil) {
        self.name = name
        self.format = format
        self.content = content
    }

    /// Adds the spans and skips of a later part of the same input.
    mutating func absorb(_ part: InputSummary) {
        spans += part.spans
        logRecords += part.logRecords
        for skip in part.skips {
            if let i = skips.firstIndex(where: { $0.reason == skip.reason }) {
                skips[i].count += skip.count
            } else {
                skips.append(skip)
            }
        }
    }

    mutating func skip(_ reason: SkipReason, offset: Int, line: @autoclosure () -> Int?, message: @autoclosure () -> String) {
        if let i = skips.firstIndex(where: { $0.reason == reason }) {
            skips[i].count += 1
        } else {
            skips.append(Skip(reason: reason, count: 1, offset: offset, line: line(), message: message()))
        }
    }

    /// Numbers the lines of first occurrences found where lines were unknown (a piece of a
    /// split file), with `line(offset)` over the whole input.
    mutating func numberLines(_ line: (Int) -> Int) {
        for i in skips.indices where skips[i].line == nil { skips[i].line = line(skips[i].offset) }
    }
}
