/// Reading durations written as text in records: `563ms`, `1.5s`, `2m`, `250us`, `10ns`.
package enum DurationText {
    /// The duration in nanoseconds, or nil when the text is not a number followed by a unit.
    package static func parse(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var i = 0
        while i < count, (p[i] >= 0x30 && p[i] <= 0x39) || p[i] == 0x2E || (i == 0 && p[i] == 0x2D) { i += 1 }
        guard i > 0, i < count else { return nil }
        guard let number = Double(String(decoding: UnsafeBufferPointer(start: p, count: i), as: UTF8.self)) else { return nil }
        let unit = String(decoding: UnsafeBufferPointer(start: p + i, count: count - i), as: UTF8.self)
        guard let scale = unitScale[unit] else { return nil }
        return number * scale
    }

    static let unitScale: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9, "d": 86400e9,
    ]

    /// The unit a numeric field holds, from its name's suffix (`duration_ms`, `latencyUs`), so
    /// that `duration_ms > 250ms` compares like with like. Nil when the name does not say.
    package static func unitScale(forFieldName name: String) -> Double? {
        let lower = name.lowercased()
        let suffixes: [(String, Double)] = [
            ("_ns", 1), ("nanos", 1), ("_us", 1e3), ("_micros", 1e3), ("_ms", 1e6), ("_millis", 1e6),
            ("_sec", 1e9), ("_seconds", 1e9), ("_secs", 1e9), ("_s", 1e9),
        ]
        for (suffix, scale) in suffixes where lower.hasSuffix(suffix) { return scale }
        // camelCase: durationMs, latencyUs, elapsedNs
        let camel: [(String, Double)] = [("Ns", 1), ("Us", 1e3), ("Ms", 1e6)]
        for (suffix, scale) in camel where name.hasSuffix(suffix) { return scale }
        return nil
    }
}
