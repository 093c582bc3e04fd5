import Foundation
import LoupeIO
import LoupeTrace
import Testing

@testable import LoupeOutput

/// The `parallel` document of many traces: groups are kept as data per trace and rendered at
/// the end, in batches on several threads; the result must be each group rendered from its
/// analysis, in section 4.2's order across traces.
@Suite("Parallel groups across traces")
struct TraceGroupsTests {
    /// Traces whose ids are not in input order, each with several parents of sequential
    /// children; savings repeat across traces, so ties fall to the trace id, then the parent.
    static func analyses(traces: Int, seed: UInt64) -> [TraceAnalysis] {
        var random = SplitMix64(seed: seed)
        return (0..<traces).map { t in
            let traceID = String(format: "%032llx", random.next())
            var spans = [span("r", 0, 10_000)]
            for p in 0..<Int.random(in: 1...4, using: &random) {
                let parent = "p\(p)"
                let base = Int64(p) * 2_000
                spans.append(span(parent, parent: "r", base, base + 1_900))
                let children = Int.random(in: 2...5, using: &random)
                let length = Int64.random(in: 1...3, using: &random) * 10
                for c in 0..<children {
                    let start = base + 1 + Int64(c) * (length + 1)
                    spans.append(span("\(parent)c\(c)", parent: parent, start, start + length, kind: .client, name: "op\(c % 2)"))
                }
            }
            return TraceAnalysis(TraceAssembler.assemble(TraceSpans(traceID: traceID, spans: spans)))
        }
    }

    /// The `groups` array as the report writes it with `threads`.
    static func written(_ analyses: [TraceAnalysis], threads: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-groups-\(UUID().uuidString)").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { unlink(path) }
        let renderer = TraceRenderer(format: .json, sections: .parallel, color: false)
        let report = TraceReportWriter(
            writer: OutputWriter(fd: fd), renderer: renderer, parameters: ParallelParameters(),
            totals: TraceInputTotals(read: ReadReport()),
            threads: threads)
        try report.begin()
        for analysis in analyses {
            report.hotspots.add(analysis)
            _ = try report.consume(renderer.render(analysis))
        }
        try report.finish()
        close(fd)
        let document = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        let from = try #require(document.range(of: ",\"groups\":[")).upperBound
        let to = try #require(document.range(of: "],\"total_saving_ns\":")).lowerBound
        return String(document[from..<to])
    }

    /// Every group rendered from its analysis, sorted by section 4.2's key.
    static func expected(_ analyses: [TraceAnalysis]) -> String {
        var groups: [(order: TraceDocuments.GroupOrder, json: String)] = []
        for analysis in analyses {
            for group in analysis.parallelGroups {
                groups.append(
                    (
                        TraceDocuments.GroupOrder(group, in: analysis),
                        String(decoding: TraceDocuments.parallelGroup(group, in: analysis), as: UTF8.self)
                    ))
            }
        }
        groups.sort { TraceDocuments.GroupOrder.less($0.order, $1.order) }
        return groups.map(\.json).joined(separator: ",")
    }

    @Test(arguments: [1, 2, 3])
    func groupsAreInOrderAcrossTraces(threads: Int) throws {
        let analyses = Self.analyses(traces: 600, seed: 18)
        let expected = Self.expected(analyses)
        // Enough groups for several rendering batches, and ties on the saving.
        #expect(analyses.reduce(0) { $0 + $1.parallelGroups.count } > 1_200)
        #expect(try Self.written(analyses, threads: threads) == expected)
    }
}
