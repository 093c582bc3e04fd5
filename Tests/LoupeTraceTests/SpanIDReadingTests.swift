import Testing

@testable import LoupeTrace

/// Every spelling of a span id reads as TRACE-SEMANTICS normalizes it, whether the decoder
/// takes its fast path (16 lowercase hex digits, read in place) or normalizes the text first;
/// all zeros and empty are none, for the span's own id (the span is skipped) and its parent's.
@Suite("Reading span ids")
struct SpanIDReadingTests {
    static func document(spanID: String, parentID: String) -> String {
        #"{"resourceSpans":[{"resource":{},"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","#
            + #""spanId":"\#(spanID)","parentSpanId":"\#(parentID)","name":"op","startTimeUnixNano":"1","endTimeUnixNano":"2"}]}]}]}"#
    }

    @Test(arguments: [
        // (id as written, the id read; nil: none)
        ("eee19b7ec3c1b174", "eee19b7ec3c1b174"),
        ("EEE19B7EC3C1B174", "eee19b7ec3c1b174"),
        (#"\u0065ee19b7ec3c1b174"#, "eee19b7ec3c1b174"),
        ("7uGbfsPBsXU=", "eee19b7ec3c1b175"),
        ("b5", "00000000000000b5"),
        ("0x00000000000000b5", "0x00000000000000b5"),
        ("span-1", "span-1"),
        ("0000000000000000", nil),
        ("000", nil),
        ("", nil),
    ] as [(String, String?)])
    func spellings(_ written: String, _ expected: String?) {
        let asSpan = decode(Self.document(spanID: written, parentID: "00000000000000ff"), .otlp)
        #expect(asSpan.spans.map(\.spanID.description) == (expected.map { [$0] } ?? []), "\(written)")
        #expect(asSpan.report.skippedTotal == (expected == nil ? 1 : 0))
        let asParent = decode(Self.document(spanID: "00000000000000ff", parentID: written), .otlp)
        #expect(asParent.spans.map { $0.parentID?.description } == [expected], "\(written)")
    }
}
