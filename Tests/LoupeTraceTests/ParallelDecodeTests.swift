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
                retract: { Issue.record("a valid document is not taken back") }, sink: { _, _ in count += 1 })
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

    /// A split read sends a document's spans on as its pieces are decoded, before the whole
    /// document has proved valid; one that proves broken is taken back and read front to back.
    /// A broken document after a valid one with the same traces, split into small pieces on
    /// several threads, must give what one thread gives: no span of the attempt is left behind
    /// (in a new trace or in an earlier one), none is read twice.
    @Test(arguments: [InputFormat.otlp, .jaeger, .zipkin])
    func aBrokenDocumentIsTakenBackWhole(_ format: InputFormat) throws {
        let text = TraceExports.generate(format.rawValue, minimumBytes: 300_000)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-retract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for cut in [0.35, 0.97] {
            let whole = directory.appendingPathComponent("whole.json").path
            let broken = directory.appendingPathComponent("broken-\(cut).json").path
            try text.write(toFile: whole, atomically: false, encoding: .utf8)
            try String(text.prefix(Int(Double(text.count) * cut))).write(toFile: broken, atomically: false, encoding: .utf8)
            let paths: [InputSource] = [.file(whole), .file(broken), .file(whole)]
            let one = TraceReader.read(paths, attributes: .all, threads: 1, sizes: Self.sizes)
            #expect(one.report.skippedTotal > 0, "the cut must be seen")
            for threads in [2, 3] {
                let several = TraceReader.read(paths, attributes: .all, threads: threads, sizes: Self.sizes)
                #expect(several.traces.map(\.traceID) == one.traces.map(\.traceID), "\(format) cut \(cut), \(threads) threads")
                #expect(several.traces.map(\.spans) == one.traces.map(\.spans), "\(format) cut \(cut), \(threads) threads")
                #expect(several.report.spansRead == one.report.spansRead)
                #expect(several.report.skippedTotal == one.report.skippedTotal)
                #expect(several.report.failures == one.report.failures)
            }
        }
    }

    /// `retractInput` leaves the collection as if the input had never been added, whatever was
    /// announced and added before it stopped: random inputs of random runs, some taken back
    /// part way, against a builder that only ever saw the inputs kept.
    @Test func retractingAnInputLeavesNoTrace() {
        var rng = SplitMix64(seed: 0x7E7)
        for round in 0..<200 {
            var kept = SpanCollectionBuilder()
            var all = SpanCollectionBuilder()
            var next: UInt64 = 1
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                var runs: [TraceRun] = []
                for _ in 0..<(1 + Int(rng.next() % 6)) {
                    runs.append(TraceRun(traceID: String(Int(rng.next() % 5)), spans: 1 + Int(rng.next() % 3)))
                }
                let spans = runs.flatMap { run in
                    (0..<run.spans).map { _ -> (String, Span) in
                        defer { next += 1 }
                        let untimed = rng.next() % 7 == 0
                        return (
                            run.traceID,
                            Span(
                                spanID: SpanID(hex: next), parentID: nil, service: "s", name: "n", start: untimed ? Span.untimed : 1,
                                end: untimed ? Span.untimed : 2)
                        )
                    }
                }
                let retracted = rng.next() % 3 == 0
                all.beginInput()
                kept.beginInput()
                let announced = rng.next() % 2 == 0
                if announced { all.expect(runs) }
                let stop = retracted ? Int(rng.next() % UInt64(spans.count + 1)) : spans.count
                for (traceID, span) in spans.prefix(stop) { all.add(span, traceID: traceID) }
                if retracted {
                    all.retractInput()
                } else {
                    for (traceID, span) in spans { kept.add(span, traceID: traceID) }
                }
            }
            let (x, y) = (kept.finish(ReadReport()), all.finish(ReadReport()))
            #expect(y.traces.map(\.traceID) == x.traces.map(\.traceID), "round \(round)")
            #expect(y.traces.map(\.spans) == x.traces.map(\.spans), "round \(round)")
            #expect(y.report.spansRead == x.report.spansRead, "round \(round)")
            #expect(y.report.skippedTotal == x.report.skippedTotal, "round \(round)")
        }
    }
}
