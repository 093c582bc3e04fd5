import LoupeIO
import LoupeJSON

/// `--since`/`--until` on a file whose timestamps never decrease: finds by binary search the
/// byte range that can hold the records inside the bounds, so the rest is never read.
///
/// Sortedness is checked cheaply, not proven: timestamps sampled across the whole file (a few
/// consecutive lines at each of 33 places) must not decrease, and the lines just outside the
/// range found must lie outside the bounds. When a check fails the file is read in full. The
/// range is still filtered record by record, so a sorted file gives exactly the records a full
/// scan gives; only bad lines outside the range go unseen (and uncounted).
package struct TimeSeek {
    /// The timestamp of one line (without its newline) in nanoseconds, or nil when it has none.
    package typealias Clock = (UnsafePointer<UInt8>, Int) -> Int64?

    /// What the search decided for one file.
    package enum Outcome: Equatable {
        /// Read only these bytes (they start and end at line starts).
        case seeked(Range<Int>)
        /// Read the whole file, for this reason.
        case fullScan(String)
    }

    let base: UnsafePointer<UInt8>
    let count: Int
    let clock: Clock
    /// The search stops narrowing when the candidate range is this small; its lines are read.
    let window: Int

    package init(base: UnsafePointer<UInt8>, count: Int, window: Int = 64 << 10, clock: @escaping Clock) {
        self.base = base
        self.count = count
        self.window = max(window, 1)
        self.clock = clock
    }

    /// The range to read for records in `[since, until)`.
    package func range(since: Int64?, until: Int64?) -> Outcome {
        if let problem = sortednessProblem() { return .fullScan(problem) }
        let start = since.map { bracket($0).lower } ?? 0
        let end = until.map { bracket($0).upper } ?? count
        if let since, let bad = firstTimestamp(in: lineStart(atOrBefore: max(start - window, 0))..<start, where: { $0 >= since }) {
            return .fullScan("a timestamp before the range is not earlier than --since (at byte \(bad + 1))")
        }
        if let until, let bad = firstTimestamp(in: end..<min(end + window, count), where: { $0 < until }) {
            return .fullScan("a timestamp after the range is earlier than --until (at byte \(bad + 1))")
        }
        return .seeked(start..<max(start, end))
    }

    // MARK: - Sortedness

    /// Why the file does not look time-sorted, or nil when it does.
    func sortednessProblem() -> String? {
        let places = 32
        var previous: Int64?
        var found = 0
        // Where the previous place's lines ended: places never go back (in a small file they
        // would overlap).
        var resume = 0
        for i in 0...places {
            var at = max(resume, lineStart(atOrAfter: i == places ? lastLineStart() : count / places * i))
            // A few consecutive lines at each place also catch files interleaved line by line.
            var taken = 0
            var scanned = 0
            while at < count, taken < 4, scanned < 64 {
                let end = lineEnd(at)
                if let t = clock(base + at, end - at) {
                    if let previous, t < previous { return "timestamps decrease at byte \(at + 1)" }
                    previous = t
                    taken += 1
                    found += 1
                }
                scanned += 1
                at = end + 1
            }
            if taken == 0, at < count { return "no readable timestamp near byte \(at)" }
            resume = at
        }
        return found >= 2 ? nil : "too few readable timestamps"
    }

    // MARK: - Search

    /// Brackets the first line whose timestamp is at or after `t` to within a window: every
    /// line before `lower` is earlier than `t`, and no line from `upper` on is.
    func bracket(_ t: Int64) -> (lower: Int, upper: Int) {
        var lo = 0
        var hi = count
        while hi - lo > window {
            let mid = lineStart(atOrAfter: lo + (hi - lo) / 2)
            // One long line spans the rest: nothing left to split.
            if mid >= hi { break }
            guard let (at, time) = firstReadable(from: mid, before: hi) else {
                // No timestamp between mid and hi: they are decided by what lies before mid.
                hi = mid
                continue
            }
            if time < t {
                lo = lineEnd(at) + 1
            } else {
                hi = at
            }
        }
        return (lo, hi)
    }

    /// The first line at or after `from` (and starting before `limit`) with a timestamp.
    private func firstReadable(from: Int, before limit: Int) -> (Int, Int64)? {
        var at = from
        while at < limit {
            let end = lineEnd(at)
            if let t = clock(base + at, end - at) { return (at, t) }
            at = end + 1
        }
        return nil
    }

    /// The offset of the first line in `range` whose timestamp satisfies `test`.
    private func firstTimestamp(in range: Range<Int>, where test: (Int64) -> Bool) -> Int? {
        var at = range.lowerBound
        while at < range.upperBound {
            let end = lineEnd(at)
            if let t = clock(base + at, end - at), test(t) { return at }
            at = end + 1
        }
        return nil
    }

    // MARK: - Lines

    /// The offset of the newline ending the line at `at`, or `count`.
    private func lineEnd(_ at: Int) -> Int {
        LineFraming.lineEnd(from: base + at, end: base + count) - base
    }

    private func lineStart(atOrAfter at: Int) -> Int {
        if at <= 0 { return 0 }
        if at >= count { return count }
        if base[at - 1] == 0x0A { return at }
        return min(lineEnd(at) + 1, count)
    }

    private func lineStart(atOrBefore at: Int) -> Int {
        LineFraming.lineStart(before: base + min(at, count), start: base) - base
    }

    /// The start of the last line that has any bytes.
    private func lastLineStart() -> Int {
        var end = count
        while end > 0, base[end - 1] == 0x0A { end -= 1 }
        return lineStart(atOrBefore: end)
    }
}
