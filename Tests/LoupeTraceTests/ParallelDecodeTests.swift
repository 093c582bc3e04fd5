import Foundation
import LoupeIO
import LoupeTestSupport
import Testing

@testable import LoupeTrace

/// Decoding a big mapped export on several threads (`ParallelDecode`) gives exactly what reading
/// it front to back gives: the same spans in the same order and the same report. The inputs
/// are split into pieces of 16 KiB, far smaller than the default, so that many pieces run at
/// once; run under ThreadSanitizer by `.ci/run`.
@Suite struct ParallelDecodeTests {
    static let sizes = ParallelDecode.Sizes(minimum: 0, piece: 16 << 10)

    static func read(_ path: String, threads: Int) -> SpanCollection {
        TraceReader.read([.file(path)], attributes: .all, threads: threads, sizes: sizes)
    }

    @Test(arguments: [InputFormat.otlp, .otlpLines, .jaeger, .zipkin])
    func severalThreadsReadWhatOneReads(_ format: InputFormat) throws {
        for damaged in format == .otlpLines ? [false, true] : [false] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-parallel-\(UUID().uuidString).json").path
            try TraceExports.generate(format.rawValue, minimumBytes: 600_000, damaged: damaged).write(
                toFile: path, atomically: false, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let one = Self.read(path, threads: 1)
            let spanCount = one.traces.reduce(0) { $0 + $1.spans.count }
            #expect(spanCount > 1_000, "the input must be big enough to be split")
            #expect(one.report.skippedTotal == (damaged ? 1 : 0))
            for threads in [2, 4] {
                let several = Self.read(path, threads: threads)
                #expect(several.traces.map(\.traceID) == one.traces.map(\.traceID), "\(format), \(threads) threads")
                #expect(several.traces.map(\.spans) == one.traces.map(\.spans), "\(format), \(threads) threads")
                #expect(several.report.skippedTotal == one.report.skippedTotal)
                #expect(several.report.repairCount == one.report.repairCount)
                #expect(several.report.failures == one.report.failures)
            }
            // And the input really was split, rather than read front to back after all.
            guard case .mapped(let file) = try InputSource.file(path).open().body else {
                Issue.record("a regular file should be mapped")
                continue
            }
            var report = ReadReport()
            var count = 0
            let split = ParallelDecode.decode(
                file, name: path, format: format, attributes: .all, threads: 4, sizes: Self.sizes, report: &report,
                sink: { _, _ in count += 1 })
            #expect(split && count == spanCount, "\(format): split \(split), \(count) spans")
        }
    }

    /// A split document announces its spans before adding them (`SpanCollectionBuilder.expect`):
    /// traces come out in the order of their first span and hold their spans in input order,
    /// as without the announcement, also when a trace's spans are not consecutive.
    @Test func announcedRunsChangeNothing() {
        let ids = ["a", "a", "b", "a", "c", "b", "b", "a"]
        let spans = ids.indices.map { i in
            Span(spanID: SpanID(hex: UInt64(i + 1)), parentID: nil, service: "s", name: "n", start: Int64(i), end: Int64(i))
        }
        var plain = SpanCollectionBuilder()
        for (span, t) in zip(spans, ids) { plain.add(span, traceID: t) }
        var announced = SpanCollectionBuilder()
        announced.add(spans[0], traceID: ids[0])
        announced.expect(
            [
                TraceRun(traceID: "a", spans: 1), TraceRun(traceID: "b", spans: 1), TraceRun(traceID: "a", spans: 1),
                TraceRun(traceID: "c", spans: 1), TraceRun(traceID: "b", spans: 2), TraceRun(traceID: "a", spans: 1),
            ])
        for (span, t) in zip(spans, ids).dropFirst() { announced.add(span, traceID: t) }
        let (x, y) = (plain.finish(ReadReport()), announced.finish(ReadReport()))
        #expect(y.traces.map(\.traceID) == ["a", "b", "c"])
        #expect(y.traces.map(\.traceID) == x.traces.map(\.traceID))
        #expect(y.traces.map(\.spans) == x.traces.map(\.spans))
        #expect(y.report.spansRead == 8)
    }
}
