import Foundation
import LoupeIO
import LoupeTrace
import Testing

@testable import LoupeOutput

/// The trace reports of the hand-made checkout trace (Tests/Fixtures/traces), compared with
/// the files in Tests/Fixtures/golden/. After a deliberate change of output, re-record with
/// `LOUPE_RECORD_GOLDEN=1 swift test --filter TraceReportGoldenTests` and review the diff.
@Suite("Trace report golden files")
struct TraceReportGoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let recording = ProcessInfo.processInfo.environment["LOUPE_RECORD_GOLDEN"] == "1"

    /// The checkout trace read from `file`, analyzed with the default parameters.
    static func analysis(_ file: String = "checkout.otlp.json") -> TraceAnalysis {
        let collection = TraceReader.read([.file(fixtures.appendingPathComponent("traces/" + file).path)])
        return TraceAnalysis(TraceAssembler.assemble(collection.traces[0]))
    }

    /// Renders a whole report as `loupe trace` writes it, into a temporary file.
    static func report(_ format: TraceOutputFormat, _ sections: TraceSections, color: Bool = false, file: String = "checkout.otlp.json") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-golden-\(UUID().uuidString)").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { unlink(path) }
        let writer = OutputWriter(fd: fd)
        let renderer = TraceRenderer(format: format, sections: sections, color: color)
        let collection = TraceReader.read([.file(fixtures.appendingPathComponent("traces/" + file).path)])
        var totals = TraceInputTotals(read: collection.report)
        let trace = TraceAssembler.assemble(collection.traces[0])
        totals.add(trace)
        let analysis = TraceAnalysis(trace)
        var hotspots = Hotspots()
        hotspots.add(analysis)
        let report = TraceReportWriter(writer: writer, renderer: renderer, parameters: ParallelParameters())
        try report.begin()
        try report.consume(renderer.render(analysis))
        try report.finish(totals: totals, hotspots: hotspots)
        close(fd)
        return String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    static let cases: [(String, TraceOutputFormat, Bool)] = [
        ("trace.checkout.text", .text, false), ("trace.checkout.text-color", .text, true), ("trace.checkout.markdown", .markdown, false),
    ]

    @Test(arguments: cases)
    func golden(_ name: String, _ format: TraceOutputFormat, _ color: Bool) throws {
        try compare(name, try Self.report(format, .all, color: color))
    }

    @Test func hotspotsGolden() throws {
        var hotspots = Hotspots()
        hotspots.add(Self.analysis())
        let collection = TraceReader.read([.file(Self.fixtures.appendingPathComponent("traces/checkout.otlp.json").path)])
        for format in [TraceOutputFormat.text, .markdown] {
            let bytes = HotspotsReport(format: format, rows: 15, color: false, parameters: ParallelParameters())
                .render(hotspots, errorTraces: [], totals: TraceInputTotals(read: collection.report))
            try compare("hotspots.checkout.\(format.rawValue)", String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The JSON documents of TRACE-SEMANTICS 7 are the same whichever format the trace came in.
    @Test func jsonIsTheSameForAllFourFormats() throws {
        let files = ["checkout.otlp.json", "checkout.otlp.jsonl", "checkout.jaeger.json", "checkout.zipkin.json"]
        let outputs = try files.map { try Self.report(.json, .all, file: $0) }
        for (file, output) in zip(files, outputs) { #expect(output == outputs[0], "\(file) differs from \(files[0])") }
        try compare("trace.checkout.json", outputs[0])
    }

    private func compare(_ name: String, _ rendered: String) throws {
        let directory = Self.fixtures.appendingPathComponent("golden")
        let file = directory.appendingPathComponent(name + ".txt")
        if Self.recording { try Data(rendered.utf8).write(to: file) }
        guard let golden = FileManager.default.contents(atPath: file.path) else {
            Issue.record("no golden file \(file.path); record it with LOUPE_RECORD_GOLDEN=1")
            return
        }
        let expected = String(decoding: golden, as: UTF8.self)
        #expect(rendered == expected, "\(name) differs from its golden file:\n\(RowPrinterGoldenTests.lineDiff(expected, rendered))")
    }
}
