import Foundation
import LoupeIO
import LoupeTrace
import Testing

@testable import LoupeOutput

/// The trace reports of the hand-made checkout trace, the HotROD sample, a 30-level trace and
/// a trace with CJK names (Tests/Fixtures/traces, Samples/), compared byte for byte with the
/// files in Tests/Fixtures/golden/. After a deliberate change of output, re-record with
/// `LOUPE_RECORD_GOLDEN=1 swift test --filter TraceReportGoldenTests` and review the diff.
@Suite("Trace report golden files")
struct TraceReportGoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let recording = ProcessInfo.processInfo.environment["LOUPE_RECORD_GOLDEN"] == "1"

    /// The checkout trace read from `file`, analyzed with the default parameters.
    static func analysis(_ file: String = "checkout.otlp.json") -> TraceAnalysis {
        let collection = TraceReader.read([.file(path(file))])
        return TraceAnalysis(TraceAssembler.assemble(collection.traces[0]))
    }

    /// Renders a whole report as `loupe trace` writes it, into a temporary file.
    static func report(
        _ format: TraceOutputFormat, _ sections: TraceSections, color: Bool = false, file: String = "checkout.otlp.json", width: Int = 80
    ) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-golden-\(UUID().uuidString)").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { unlink(path) }
        let writer = OutputWriter(fd: fd)
        let renderer = TraceRenderer(format: format, sections: sections, color: color, width: width)
        let collection = TraceReader.read([.file(Self.path(file))])
        var totals = TraceInputTotals(read: collection.report)
        let trace = TraceAssembler.assemble(collection.traces[0])
        totals.add(trace)
        let analysis = TraceAnalysis(trace)
        let report = TraceReportWriter(writer: writer, renderer: renderer, parameters: ParallelParameters(), totals: totals)
        report.hotspots.add(analysis)
        try report.begin()
        #expect(try report.consume(renderer.render(analysis)) == .continue)
        try report.finish()
        close(fd)
        return String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    /// A trace file: under Tests/Fixtures/traces, or the repository's Samples/ for `Samples/...`.
    static func path(_ file: String) -> String {
        file.hasPrefix("Samples/")
            ? fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(file).path
            : fixtures.appendingPathComponent("traces/" + file).path
    }

    /// The reports a reader checks by eye: each trace at 80 and 120 columns, text and
    /// hotspots (HotROD, a 30-level trace, CJK names; see Tests/Fixtures/traces/README.md).
    static let wideCases: [(String, String, Int)] = [
        ("hotrod", "Samples/hotrod-trace.json", 80), ("hotrod", "Samples/hotrod-trace.json", 120),
        ("deep30", "deep30.otlp.json", 80), ("deep30", "deep30.otlp.json", 120), ("cjk", "cjk.otlp.json", 80),
        ("cjk", "cjk.otlp.json", 120),
    ]

    @Test(arguments: wideCases)
    func textAtWidth(_ name: String, _ file: String, _ width: Int) throws {
        let text = try Self.report(.text, .all, file: file, width: width)
        #expect(linesWider(than: width, in: text).isEmpty)
        try compare("trace.\(name).text.\(width)", text)
        let collection = TraceReader.read([.file(Self.path(file))])
        var hotspots = Hotspots()
        for spans in collection.traces { hotspots.add(TraceAnalysis(TraceAssembler.assemble(spans))) }
        let bytes = HotspotsReport(format: .text, rows: 15, color: false, parameters: ParallelParameters(), width: width)
            .render(hotspots, errorTraces: [], totals: TraceInputTotals(read: collection.report))
        let hotspotsText = String(decoding: bytes, as: UTF8.self)
        #expect(linesWider(than: width, in: hotspotsText).isEmpty)
        try compare("hotspots.\(name).text.\(width)", hotspotsText)
    }

    @Test(arguments: ["Samples/hotrod-trace.json", "deep30.otlp.json", "cjk.otlp.json"])
    func markdown(_ file: String) throws {
        let name = file == "Samples/hotrod-trace.json" ? "hotrod" : String(file.prefix { $0 != "." })
        try compare("trace.\(name).markdown", try Self.report(.markdown, .all, file: file))
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
        let collection = TraceReader.read([.file(Self.path("checkout.otlp.json"))])
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
