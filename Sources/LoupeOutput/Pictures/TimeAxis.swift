/// Ticks for a time axis that starts at 0: round steps (1, 2 or 5 times a power of ten
/// nanoseconds) and labels in one unit for the whole axis (`0`, `20 ms`, `40 ms`).
package struct TimeAxis: Sendable {
    package let duration: Int64
    package let step: Int64
    /// Tick offsets from 0, the last one no later than `duration`.
    package let ticks: [Int64]
    private let unit: (name: String, scale: Int64)

    /// About `count` ticks over `duration` nanoseconds (at least 1 ns).
    package init(duration: Int64, count: Int) {
        self.duration = max(1, duration)
        let rough = max(1, self.duration / Int64(max(1, count)))
        var power: Int64 = 1
        while power <= rough / 10 { power *= 10 }
        // The round step nearest the rough one (by ratio), so the count is about as asked.
        var step = power
        for factor: Int64 in [1, 2, 5, 10] {
            // Near 2^63 ns (a span of centuries, from damaged data) a bigger step overflows.
            let (candidate, overflow) = power.multipliedReportingOverflow(by: factor)
            if !overflow, Self.ratio(candidate, rough) < Self.ratio(step, rough) { step = candidate }
        }
        self.step = step
        var ticks: [Int64] = []
        var t: Int64 = 0
        var past = false
        while !past, t <= self.duration {
            ticks.append(t)
            (t, past) = t.addingReportingOverflow(step)
        }
        self.ticks = ticks
        unit =
            step >= 1_000_000_000 ? ("s", 1_000_000_000) : step >= 1_000_000 ? ("ms", 1_000_000) : step >= 1_000 ? ("µs", 1_000) : ("ns", 1)
    }

    private static func ratio(_ a: Int64, _ b: Int64) -> Double { a > b ? Double(a) / Double(b) : Double(b) / Double(a) }

    /// `0`, `20 ms`, `1 s`: the offset in the axis's unit. A step is 1, 2 or 5 times a power of
    /// ten of at least one unit, so every tick is a whole number of units.
    package func label(_ offset: Int64) -> String {
        if offset == 0 { return "0" }
        return HumanDuration.fixed(Double(offset) / Double(unit.scale), offset % unit.scale == 0 ? 0 : 1) + " " + unit.name
    }
}
