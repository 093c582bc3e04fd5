import LoupeOutput
import LoupeTrace

/// A span for hand-made report tests: times in milliseconds (as nanoseconds), ids as given.
func span(
    _ id: String, parent: String? = nil, _ start: Int64, _ end: Int64, kind: SpanKind = .internal, status: SpanStatus = .unset,
    message: String? = nil, service: String = "svc", name: String? = nil, ref: ParentReference = .childOf, db: Bool = false
) -> Span {
    Span(
        spanID: SpanID(id), parentID: parent.map { SpanID($0) }, parentRef: ref, service: service, name: name ?? id, kind: kind,
        start: start * 1_000_000, end: end * 1_000_000, status: status, statusMessage: message,
        attributes: db ? ["db.system": .string("postgresql")] : [:])
}

/// The analysis of spans (in input order) assembled into one trace, default parameters.
func analyze(_ spans: [Span]) -> TraceAnalysis {
    TraceAnalysis(TraceAssembler.assemble(TraceSpans(traceID: "t", spans: spans)))
}

/// The lines of `text` wider than `width` columns, with their widths.
func linesWider(than width: Int, in text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { DisplayWidth.of($0) > width }
        .map { "\(DisplayWidth.of($0)): \($0)" }
}

/// A deterministic random number generator (SplitMix64), so property tests repeat.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
