import FuzzSupport

@testable import LoupeIO

/// The OpenTelemetry console exporter decoder through TraceReader, then assembly and analysis (see `fuzzTrace`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzTrace(fuzzBytes(data, size), format: .otelConsole)
    return 0
}

@main
enum FuzzMain {
    static func main() { FuzzDriver.run(fuzz) }
}
