import LoupeGate
import LoupeIO
import LoupeTrace

/// The gate's trace side: reads spans, turns them into samples, and computes the
/// critical-path blame.
enum TraceInput {
    /// What a side of trace exports yields.
    struct Result {
        var table: SampleTable
        var blame: [BlameSummary]?
    }

    /// True when the first bytes are a trace export.
    static func isTraceExport(_ prefix: [UInt8]) -> Bool {
        false
    }

    static func read(_ sources: [InputSource], configuration: GateConfiguration, role: String) throws(GateError) -> Result {
        throw GateError(description: "\(role): reading trace exports is not in this build yet")
    }
}
