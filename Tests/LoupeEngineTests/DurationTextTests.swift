import Testing

@testable import LoupeEngine

@Suite("Durations as text")
struct DurationTextTests {
    static let parseCases: [(String, Double?)] = [
        ("563ms", 563e6), ("1.5s", 1.5e9), ("2m", 120e9), ("250us", 250e3), ("250µs", 250e3), ("10ns", 10), ("3h", 3 * 3600e9),
        ("7d", 7 * 86400e9), ("0s", 0), ("-5ms", -5e6), (".5s", 0.5e9), ("15m", 900e9),
        // Not a number followed by one unit.
        ("", nil), ("ms", nil), ("5", nil), ("5 ms", nil), ("5MS", nil), ("5sec", nil), ("1h30m", nil), ("5ms ", nil), ("1.2.3s", nil),
        ("--5s", nil), ("5-s", nil), ("1e3ms", nil), ("yesterday", nil),
    ]

    @Test(arguments: parseCases)
    func parse(_ text: String, _ ns: Double?) {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBufferPointer { $0.isEmpty ? nil : DurationText.parse($0.baseAddress!, $0.count) }
        #expect(result == ns)
    }

    static let unitCases: [(String, Double?)] = [
        ("duration_ms", 1e6), ("latency_us", 1e3), ("elapsed_ns", 1), ("took_s", 1e9), ("wait_sec", 1e9), ("time_seconds", 1e9),
        ("time_secs", 1e9), ("run_millis", 1e6), ("run_micros", 1e3), ("run_nanos", 1), ("DURATION_MS", 1e6),
        ("durationMs", 1e6), ("latencyUs", 1e3), ("elapsedNs", 1),
        ("duration", nil), ("ms", nil), ("items", nil), ("status", nil), ("bytes", nil),
    ]

    @Test(arguments: unitCases)
    func unitFromFieldName(_ name: String, _ scale: Double?) {
        #expect(DurationText.unitScale(forFieldName: name) == scale)
    }
}
