import Foundation
import Testing

/// The OpenTelemetry SDK's console exporter read end to end, against the same spans that the
/// SDK encoded as OTLP/JSON (Tests/Fixtures/otel-console, both written by one run of
/// make_trace.py): two formats, one trace, so one analysis.
@Suite(
    "OpenTelemetry console end to end", .enabled(if: LoupeProcess.binaryExists, "the loupe binary was not found next to the test bundle"))
struct OTelConsoleEndToEndTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/otel-console")

    /// `trace -o json` (TRACE-SEMANTICS 7) prints the same document for the console output and
    /// for the OTLP export, detected or forced; so do span queries.
    @Test(arguments: [
        ["trace", "-o", "json"], ["trace", "-o", "json", "--critical-path"], ["trace", "-o", "json", "--parallel"],
        ["trace", "-o", "json", "--errors"], ["hotspots", "-o", "json"], ["*"],
        ["-o", "json", "* | stats p50(duration), max(duration) by kind"],
    ])
    func theConsoleOutputAndTheOTLPExportGiveTheSameAnswer(_ command: [String]) throws {
        var outputs: [[UInt8]] = []
        for (file, format) in [("checkout.console.txt", "otel-console"), ("checkout.otlp.json", "otlp")] {
            for extra in [[], ["--format", format]] {
                let arguments = command + extra + [file]
                let outcome = try LoupeProcess.run(arguments, in: Self.fixtures.path)
                #expect(outcome.status == 0, "\(arguments): \(outcome)")
                #expect(outcome.stderr.isEmpty, "\(arguments): \(outcome)")
                outputs.append(outcome.stdout)
            }
        }
        #expect(!outputs[0].isEmpty)
        for output in outputs { #expect(output == outputs[0]) }
    }

    /// The gate compares a console output with itself and finds no regression.
    @Test func gateReadsTheConsoleOutput() throws {
        let outcome = try LoupeProcess.run(
            ["gate", "--baseline", "checkout.console.txt", "checkout.otlp.json", "-o", "json", "--min-samples", "1"], in: Self.fixtures.path
        )
        #expect(outcome.status == 0, "\(outcome)")
    }
}
