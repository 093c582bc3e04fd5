import Glibc
import LoupeIO

@testable import LoupeTrace

/// Decodes text in one format, `step` bytes per read; returns the spans, the trace id of each,
/// and the report.
func decode(_ text: String, _ format: InputFormat, step: Int = 1 << 16, attributes: AttributePolicy = .all) -> (
    spans: [Span], traceIDs: [String], report: ReadReport
) {
    var spans: [Span] = []
    var traceIDs: [String] = []
    var report = ReadReport()
    TraceReader.decode(.memory(text, step: step), format: format, attributes: attributes, report: &report) {
        traceIDs.append($0)
        spans.append($1)
    }
    return (spans, traceIDs, report)
}

/// Where the repository's checkout is, for fixtures.
let repositoryRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    while let last = parts.last, last != "Tests" { parts.removeLast() }
    parts.removeLast()
    return parts.joined(separator: "/")
}()

/// A fixture file under Tests/Fixtures/traces.
func fixture(_ name: String) -> String { repositoryRoot + "/Tests/Fixtures/traces/" + name }

/// The shared corpus, when this checkout sits in the usual place; tests that use it also pass
/// without it.
let corpusRoot: String? = {
    let path = repositoryRoot + "/../shared/corpus"
    return access(path, 0) == 0 ? path : nil
}()
