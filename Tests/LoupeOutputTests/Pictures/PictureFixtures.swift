import Foundation
import LoupeIO
import LoupeTrace

@testable import LoupeOutput

/// Traces for the pictures' tests: the fixtures under Tests/Fixtures/traces and Samples/, and
/// generated ones of any size.
enum PictureFixtures {
    static let recording = ProcessInfo.processInfo.environment["LOUPE_RECORD_GOLDEN"] == "1"

    /// The first trace of `file` (see `TraceReportGoldenTests.path`), analyzed.
    static func analysis(_ file: String) -> TraceAnalysis {
        let collection = TraceReader.read([.file(TraceReportGoldenTests.path(file))], attributes: .all)
        return TraceAnalysis(TraceAssembler.assemble(collection.traces[0]))
    }

    /// Every trace of `file`, analyzed.
    static func analyses(_ file: String) -> [TraceAnalysis] {
        TraceReader.read([.file(TraceReportGoldenTests.path(file))], attributes: .all).traces.map {
            TraceAnalysis(TraceAssembler.assemble($0))
        }
    }

    /// A request of `count` spans: a root, then `count - 1` calls spread over a few services and
    /// operations, each group of ten sequential, every fifth a child of the call before it.
    static func generated(_ count: Int) -> TraceAnalysis {
        let trace = "0123456789abcdef0123456789abcdef"
        let t0: Int64 = 1_710_144_000_000_000_000
        var spans = [
            Span(
                spanID: SpanID(hex: 1), parentID: nil, service: "api", name: "GET /big", kind: .server,
                start: t0, end: t0 + Int64(count) * 1_000_000 + 1_000_000)
        ]
        for i in 1..<count {
            let parent = i % 5 == 0 && i > 1 ? i : 1
            let start = t0 + Int64(i) * 1_000_000
            spans.append(
                Span(
                    spanID: SpanID(hex: UInt64(i + 1)), parentID: SpanID(hex: UInt64(parent)),
                    service: ["redis", "mysql", "cart", "auth"][i % 4], name: "op \(i % 7)", kind: .client, start: start,
                    end: start + 900_000, status: i % 97 == 0 ? .error : .unset))
        }
        return TraceAnalysis(TraceAssembler.assemble(TraceSpans(traceID: trace, spans: spans)))
    }

    /// Compares `rendered` with Tests/Fixtures/golden/`name`.txt, or records it under
    /// LOUPE_RECORD_GOLDEN=1.
    static func compareGolden(_ name: String, _ rendered: String) throws -> String? {
        let file = TraceReportGoldenTests.fixtures.appendingPathComponent("golden").appendingPathComponent(name + ".txt")
        if recording { try Data(rendered.utf8).write(to: file) }
        guard let golden = FileManager.default.contents(atPath: file.path) else {
            return "no golden file \(file.path); record it with LOUPE_RECORD_GOLDEN=1"
        }
        let expected = String(decoding: golden, as: UTF8.self)
        if rendered == expected { return nil }
        return "\(name) differs from its golden file:\n\(RowPrinterGoldenTests.lineDiff(expected, rendered))"
    }
}
