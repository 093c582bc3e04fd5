import LoupeTestSupport
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

    /// The unit is the last word of the name: words split at `_` and `-` and where camelCase
    /// starts a capitalized or upper-case word; the word is compared without regard to case.
    static let unitCases: [(String, Double?)] = [
        // snake_case (and kebab-case, and SCREAMING_SNAKE_CASE)
        ("duration_ms", 1e6), ("run_millis", 1e6), ("wait_msec", 1e6), ("total_milliseconds", 1e6), ("DURATION_MS", 1e6),
        ("latency_us", 1e3), ("run_micros", 1e3), ("took_usec", 1e3), ("latency_µs", 1e3), ("io_microseconds", 1e3),
        ("elapsed_ns", 1), ("run_nanos", 1), ("cpu_nsec", 1), ("gc_nanoseconds", 1),
        ("took_s", 1e9), ("wait_sec", 1e9), ("time_secs", 1e9), ("time_seconds", 1e9), ("uptime-sec", 1e9), ("Age_Seconds", 1e9),
        // camelCase
        ("durationMs", 1e6), ("latencyMillis", 1e6), ("waitMsec", 1e6), ("totalMilliseconds", 1e6), ("durationMS", 1e6),
        ("latencyUs", 1e3), ("runMicros", 1e3), ("tookUsec", 1e3),
        ("elapsedNs", 1), ("elapsedNanos", 1), ("cpuNsec", 1), ("GCNanos", 1),
        ("totalSeconds", 1e9), ("idleSec", 1e9), ("ttlSecs", 1e9), ("request_durationMs", 1e6),
        // A name that is a unit word, as the last key of `took.ms`.
        ("ms", 1e6), ("seconds", 1e9), ("nanos", 1),
        // The last word is not a unit: the name does not say.
        ("duration", nil), ("items", nil), ("status", nil), ("bytes", nil), ("durationms", nil), ("elapsedseconds", nil),
        ("ms_total", nil), ("sessions", nil), ("mins", nil), ("duration_", nil), ("duration_ms2", nil), ("HTTPStatus", nil),
        ("", nil),
        // Letters without case end no unit word (a crash before: `* | fields 日`).
        ("日", nil), ("請求_時間", nil), ("שם", nil), ("durationMs日", nil), ("日_ms", 1e6),
    ]

    @Test(arguments: unitCases)
    func unitFromFieldName(_ name: String, _ scale: Double?) {
        #expect(DurationText.unitScale(forFieldName: name) == scale)
    }

    /// Any name, of any letters, digits and separators, gives a unit or none and never traps;
    /// a unit word found is a suffix of the name.
    @Test func everyNameHasAUnitOrNone() {
        let pieces = ["a", "Z", "ms", "Ms", "MS", "_", "-", "7", "日", "ש", "é", "É", "ǅ", "µs", "ß", "😀", "."]
        var rng = SplitMix64(seed: 11)
        for _ in 0..<5_000 {
            let name = (0..<Int(rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            if let word = DurationText.lastWord(of: name) {
                #expect(name.hasSuffix(word) && !word.isEmpty, "\(name.debugDescription)")
            }
            _ = DurationText.unitScale(forFieldName: name)
        }
    }

    /// Durations written back as query literals, for messages.
    @Test(arguments: [
        (250e6, "250ms"), (1.5e9, "1500ms"), (1e9, "1s"), (120e9, "2m"), (7200e9, "2h"), (86400e9, "1d"), (1e3, "1us"),
        (10, "10ns"), (0, "0s"), (1500, "1500ns"),
    ])
    func literal(_ ns: Double, _ text: String) {
        #expect(DurationText.literal(nanoseconds: ns) == text)
    }
}
